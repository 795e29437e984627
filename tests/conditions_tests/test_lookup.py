"""ICD-10-CM browse tree and look-up pages, HTML and JSON."""

import pytest
from django.urls import reverse

from tests.factories import make_article, make_condition, publish

pytestmark = pytest.mark.django_db


def lookup_url(code):
    return reverse("conditions:icd10_lookup", args=[code])


def test_lookup_of_parent_code_finds_article_coded_under_it(client, published):
    page = client.get(lookup_url("D89.4")).content.decode()

    assert "Mast cell activation syndrome and related disorders" in page
    assert published.get_absolute_url() in page
    assert "A summary of Overview." in page


def test_lookup_lists_only_published_articles_coded_under_the_code(
    client, published, editor
):
    make_article(condition=published.condition, by=editor, title="Unapproved guide")
    other = make_condition(name="Hemophagocytic lymphohistiocytosis", code="D76.1")
    other_article = make_article(condition=other, by=editor, title="HLH overview")

    page = client.get(lookup_url("D89.41")).content.decode()

    assert published.get_absolute_url() in page
    assert "Unapproved guide" not in page
    assert other_article.get_absolute_url() not in page


@pytest.mark.parametrize("code", ["3", "D80-D89", "D89", "D89.4", "D89.41"])
def test_chapter_block_category_and_code_all_find_the_article(client, published, code):
    response = client.get(lookup_url(code))

    assert response.status_code == 200
    assert published.get_absolute_url() in response.content.decode()


def test_lookup_answers_json_when_asked(client, published):
    response = client.get(lookup_url("D89.4"), HTTP_ACCEPT="application/json")

    body = response.json()
    assert response["Content-Type"] == "application/json"
    assert "Accept" in response["Vary"]
    assert body["code"] == "D89.4"
    assert body["title"] == "Mast cell activation syndrome and related disorders"
    assert body["billable"] is False
    assert [p["code"] for p in body["parents"]] == ["3", "D80-D89", "D89"]
    [article] = body["articles"]
    assert article["title"] == "Overview"
    assert article["url"] == f"http://testserver{published.get_absolute_url()}"
    assert article["codes"][0]["code"] == "D89.41"
    assert article["codes"][0]["scope"] == "exact"


def test_browser_accept_header_gets_the_html_page(client, published):
    response = client.get(
        lookup_url("D89.41"),
        HTTP_ACCEPT="text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    )

    assert response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize("code", ["Z99.9", "XYZ", "D89.4!", "12345"])
def test_unknown_or_malformed_code_is_a_clear_404(client, code):
    response = client.get(lookup_url(code))

    assert response.status_code == 404
    page = response.content.decode()
    assert "Unknown ICD-10-CM code" in page
    assert "is not an ICD-10-CM code" in page


def test_unknown_code_as_json_is_a_json_error(client):
    response = client.get(lookup_url("Z99.9"), HTTP_ACCEPT="application/json")

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "unknown_code"
    assert "Z99.9" in response.json()["error"]["message"]


def test_code_typed_without_dot_or_in_lower_case_redirects_to_its_page(client):
    response = client.get(lookup_url("d8941"))

    assert response.status_code == 301
    assert response["Location"] == lookup_url("D89.41")


def test_page_says_when_code_is_narrower_or_broader_than_condition(
    client, editor, reviewer
):
    general = make_condition(name="Mast cell activation syndrome", code="D89.42")
    publish(
        make_article(condition=general, by=editor), editor=editor, reviewer=reviewer
    )
    grouped = make_condition(name="Mast cell disorders", code="D89.4")
    publish(
        make_article(condition=grouped, by=editor, title="Guide"),
        editor=editor,
        reviewer=reviewer,
    )

    page = client.get(lookup_url("D89.4")).content.decode()

    assert "Idiopathic mast cell activation syndrome" in page
    assert "Narrower than this condition" in page
    assert "Broader than this condition" in page


def test_browse_opens_one_level_at_a_time_with_counts(
    client, published, editor, reviewer
):
    """/icd10/ lists chapters; a chapter its blocks; a block its categories;
    a category its codes: only branches with published articles, counted."""
    second = make_article(condition=published.condition, by=editor, title="Guide")
    publish(second, editor=editor, reviewer=reviewer)
    hidden = make_condition(name="Hemophagocytic lymphohistiocytosis", code="D76.1")
    make_article(condition=hidden, by=editor)

    levels = [
        (reverse("conditions:icd10_browse"), "3"),
        (lookup_url("3"), "D80-D89"),
        (lookup_url("D80-D89"), "D89"),
        (lookup_url("D89"), "D89.4"),
        (lookup_url("D89.4"), "D89.41"),
    ]
    for url, branch in levels:
        page = client.get(url).content.decode()
        assert f'href="{lookup_url(branch)}"' in page, url
        assert "2 articles" in page
        assert "D76" not in page and "Hemophagocytic" not in page
    chapters = client.get(reverse("conditions:icd10_browse")).content.decode()
    assert "D80-D89" not in chapters  # one level only


def test_a_block_that_holds_blocks_finds_the_codes_of_all_of_them(
    client, editor, reviewer
):
    """C00-C96 holds C00-C75, which holds C15-C26: C16.9 is under all three."""
    article = make_article(
        condition=make_condition(name="Stomach cancer", code="C16.9"), by=editor
    )
    publish(article, editor=editor, reviewer=reviewer)
    for block in ("C00-C96", "C15-C26"):
        page = client.get(lookup_url(block)).content.decode()
        assert article.get_absolute_url() in page
        assert f'href="{lookup_url("C16")}"' in page


def test_articles_under_a_branch_come_a_page_at_a_time(
    client, editor, reviewer, monkeypatch
):
    monkeypatch.setattr("conditions.views.icd10.PAGE_SIZE", 2)
    condition = make_condition()
    for n in range(3):
        article = make_article(condition=condition, by=editor, title=f"Part {n}")
        publish(article, editor=editor, reviewer=reviewer)

    first = client.get(lookup_url("3")).content.decode()
    second = client.get(lookup_url("3") + "?page=2").content.decode()
    as_json = client.get(
        lookup_url("3") + "?page=2", HTTP_ACCEPT="application/json"
    ).json()

    assert first.count('class="result"') == 2 and 'href="?page=2"' in first
    assert second.count('class="result"') == 1 and 'rel="next"' not in second
    assert as_json["page"] == 2 and as_json["next"] is None
    assert len(as_json["articles"]) == 1
    for page in ("3", "0", "x", "-1", "99999999"):
        response = client.get(lookup_url("3") + f"?page={page}")
        assert response.status_code == 404, page


def test_home_page_browse_section_links_codes_to_look_up(client, published):
    page = client.get(reverse("conditions:home")).content.decode()

    assert "Browse by ICD-10-CM" in page
    assert f'href="{lookup_url("D89.41")}"' in page
    assert "1 article" in page


def test_lookup_page_costs_the_same_queries_for_two_or_many_articles(
    client, editor, reviewer, django_assert_num_queries
):
    condition = make_condition()
    for n in range(2):
        article = make_article(condition=condition, by=editor, title=f"Two {n}")
        publish(article, editor=editor, reviewer=reviewer)
    # The publication generation (the page cache's key), the articles, their
    # conditions' codes and the branches under the code (with the page cache
    # on, those counts are worked out once per generation).
    with django_assert_num_queries(4):
        few = client.get(lookup_url("D89.4"))
    for n in range(6):
        other = make_condition(name=f"Condition {n}", code="D89.42")
        article = make_article(condition=other, by=editor, title=f"Many {n}")
        publish(article, editor=editor, reviewer=reviewer)
    with django_assert_num_queries(4):
        many = client.get(lookup_url("D89.4"))

    assert few.content.decode().count('class="result"') == 2
    assert many.content.decode().count('class="result"') == 8


def test_unspecified_code_of_the_same_name_is_said_to_match_when_type_unknown(
    client, editor, reviewer
):
    general = make_condition(name="Mast cell activation syndrome", code="D89.40")
    publish(
        make_article(condition=general, by=editor), editor=editor, reviewer=reviewer
    )

    page = client.get(lookup_url("D89.40")).content.decode()

    assert "Mast cell activation, unspecified" in page
    assert "Matches this condition when its type is not specified." in page
