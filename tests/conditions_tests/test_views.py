import pytest
from django.urls import reverse

from conditions.models import FrozenArticlePage
from reviews.services import review_record_edit
from tests.factories import (
    make_article,
    publish,
    sign_in,
    sitemap_paths,
)

pytestmark = pytest.mark.django_db


def test_draft_is_not_found_for_readers_until_approved(client, draft, editor, reviewer):
    url = reverse("conditions:article_detail", args=[draft.condition.slug, draft.slug])
    condition_url = draft.condition.get_absolute_url()

    assert client.get(url).status_code == 404
    assert client.get(condition_url).status_code == 404
    publish(draft, editor=editor, reviewer=reviewer)
    assert client.get(url).status_code == 200
    assert client.get(condition_url).status_code == 200


def test_published_article_shows_review_facts(client, published):
    response = client.get(published.get_absolute_url())

    page = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Overview</h1>" in page
    assert "D89.41" in page
    assert ">D89.4</a>: Mast cell activation syndrome and related disorders" in page
    assert "Reviewed by" in page and "Reviewer" in page
    assert "Last updated" in page and "Last reviewed" in page
    assert "Next review due" in page
    assert "Medical disclaimer" in page
    for step in ["Submitted", "Under review", "Approved"]:
        assert step in page
    # table of contents, sections with tables, numbered references with anchors
    assert 'href="#s-section-1"' in page and "<table>" in page
    assert 'id="ref-3"' in page and 'href="#ref-1"' in page


def test_old_version_stays_public_while_new_draft_is_edited(client, published, editor):
    published.title = "Overview rewritten"
    published.save()
    section = published.sections.first()
    section.body = "Unreviewed new text."
    section.save()
    review_record_edit(obj=published, by=editor)

    page = client.get(published.get_absolute_url()).content.decode()

    assert "<h1>Overview</h1>" in page
    assert "Body of section 1" in page
    assert "Unreviewed new text" not in page
    assert "Overview rewritten" not in page


def test_condition_page_lists_only_published_articles(
    client, published, condition, editor
):
    make_article(condition=condition, by=editor, title="Unapproved guide")

    page = client.get(condition.get_absolute_url()).content.decode()

    assert published.get_absolute_url() in page
    assert "Unapproved guide" not in page


def test_home_and_index_show_published_conditions_only(client, published, editor):
    from tests.factories import make_condition

    hidden = make_condition(name="Hemophagocytic lymphohistiocytosis", code="D76.1")
    make_article(condition=hidden, by=editor)

    home = client.get("/").content.decode()
    index = client.get(reverse("conditions:condition_list")).content.decode()

    for page in (home, index):
        assert "Monoclonal mast cell activation syndrome" in page
        assert "Hemophagocytic" not in page
    assert "Chapter 3" in home and "D89.4" in home
    assert 'href="?letter=M"' in index


def test_sitemap_lists_published_articles_and_nothing_else(
    client, published, condition, editor
):
    unpublished = make_article(condition=condition, by=editor, title="Draft two")

    articles = client.get("/sitemap-articles.xml").content.decode()

    assert "/sitemap-articles.xml" in client.get("/sitemap.xml").content.decode()
    assert sitemap_paths(client) == [published.get_absolute_url()]
    assert unpublished.slug not in articles
    assert articles.count("<url>") == 1


def test_healthz_reports_each_dependency(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok"},
    }


def test_staff_preview_shows_draft_but_readers_cannot(client, draft, editor):
    url = reverse("conditions:article_preview", args=[draft.pk])

    assert client.get(url).status_code == 302  # to the login page
    sign_in(client, editor)
    page = client.get(url).content.decode()
    assert "Preview — not published" in page
    assert "Section 2" in page


@pytest.mark.parametrize(("sections", "references"), [(2, 3), (30, 60)])
def test_article_page_costs_three_queries_whatever_its_size(
    client,
    condition,
    editor,
    reviewer,
    django_assert_num_queries,
    committed,
    sections,
    references,
):
    """However long the article: one query for the publication generation (the
    page cache's key), one for the article and its page kept at approval, one
    for related articles. A page not kept as it would be rendered now (after
    a deploy, say) costs one more: the article's frozen version."""
    article = make_article(
        condition=condition, by=editor, sections=sections, references=references
    )
    with committed():
        publish(article, editor=editor, reviewer=reviewer)
    url = article.get_absolute_url()
    with django_assert_num_queries(3):
        response = client.get(url)

    FrozenArticlePage.objects.update(rendering="a deploy ago")
    with django_assert_num_queries(4):
        rendered = client.get(url)

    assert response.status_code == 200
    assert response.content.decode().count('class="article-section') == sections
    assert rendered.content == response.content


def test_code_narrower_than_condition_is_said_in_the_code_details(
    client, editor, reviewer
):
    from tests.factories import make_condition

    mcas = make_condition(name="Mast cell activation syndrome", code="D89.42")
    article = make_article(condition=mcas, by=editor)
    publish(article, editor=editor, reviewer=reviewer)

    for url in (mcas.get_absolute_url(), article.get_absolute_url()):
        page = client.get(url).content.decode()
        details = page[page.index('<details class="code-details">') :]
        assert (
            '<span class="code">D89.42</span> Idiopathic mast cell activation '
            'syndrome. <span class="scope-note">Narrower than this condition'
        ) in details[: details.index("</details>")]


def test_exactly_matching_code_carries_no_scope_note(client, published):
    page = client.get(published.get_absolute_url()).content.decode()

    assert "Monoclonal mast cell activation syndrome" in page
    assert "D89.41" in page
    assert 'class="scope-note"' not in page
