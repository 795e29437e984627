"""What a reader sees on an article: audience choice, members-only sections,
related content, resources."""

import pytest
from django.urls import reverse

from conditions.models import Resource
from tests.factories import approve_condition, make_article, make_condition, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(draft, editor, reviewer):
    first, second = draft.sections.all()
    first.heading, first.audience = "For patients", "patients"
    first.save()
    second.heading, second.audience = "For clinicians", "professionals"
    second.save()
    draft.sections.create(
        position=3,
        heading="Dosing details",
        body="Members-only dosing table.",
        visibility="members",
    )
    publish(draft, editor=editor, reviewer=reviewer)
    draft.refresh_from_db()
    return draft


def choose(client, audience, article):
    return client.post(
        reverse("conditions:audience"),
        {"audience": audience, "next": article.get_absolute_url()},
    )


def test_audience_choice_is_remembered_and_redirects_back(client, article):
    response = choose(client, "patients", article)

    assert response.status_code == 302
    assert response.url == article.get_absolute_url()
    assert client.cookies["audience"].value == "patients"
    page = client.get(article.get_absolute_url()).content.decode()
    assert 'value="patients" aria-pressed="true"' in page
    assert 'value="professionals" aria-pressed="false"' in page


def test_other_audience_sections_are_collapsed_not_hidden(client, article):
    choose(client, "patients", article)

    page = client.get(article.get_absolute_url()).content.decode()

    clinicians = page[page.index('id="s-for-clinicians"') :]
    assert "<details" in clinicians[: clinicians.index("</section>")]
    assert "Body of section 2" in clinicians  # still there, behind the toggle
    patients = page[
        page.index('id="s-for-patients"') : page.index('id="s-for-clinicians"')
    ]
    assert "Body of section 1" in patients
    assert "<details" not in patients


def test_without_a_choice_nothing_is_collapsed(client, article):
    page = client.get(article.get_absolute_url()).content.decode()

    assert "Body of section 1" in page and "Body of section 2" in page
    assert 'class="audience-toggle"' not in page
    assert "Which best describes you?" in page
    # Positive control: choosing an audience does fold a section away.
    choose(client, "patients", article)
    page = client.get(article.get_absolute_url()).content.decode()
    assert 'class="audience-toggle"' in page


def test_unknown_audience_clears_the_choice_and_open_redirects_are_refused(
    client, article
):
    choose(client, "patients", article)

    response = client.post(
        reverse("conditions:audience"),
        {"audience": "robots", "next": "https://evil.example/"},
    )

    assert response.url == "/"
    assert client.cookies["audience"].value == ""


def test_members_only_section_shows_a_prompt_to_anonymous_readers(client, article):
    page = client.get(article.get_absolute_url()).content.decode()

    assert "Body of section 1" in page  # the public sections are there
    assert "Members-only dosing table" not in page
    assert "This section is for signed-in readers" in page
    assert reverse("signup") in page and reverse("login") in page
    assert 'href="#s-dosing-details"' in page  # still listed in the contents


def test_signed_in_reader_reads_members_only_section(client, article, reader):
    client.force_login(reader)

    page = client.get(article.get_absolute_url()).content.decode()

    assert "Members-only dosing table" in page
    assert "This section is for signed-in readers" not in page


def test_article_lists_related_articles_on_same_and_related_conditions(
    client, article, editor, reviewer
):
    other = make_condition(name="Mast cell activation syndrome", code="D89.40")
    other.related.add(article.condition)  # both conditions' drafts change
    approve_condition(other)
    approve_condition(article.condition)
    question = make_article(
        condition=other, by=editor, title="Can heat trigger symptoms"
    )
    publish(question, editor=editor, reviewer=reviewer)
    unrelated = make_condition(name="Hemophagocytic lymphohistiocytosis", code="D76.1")
    publish(
        make_article(condition=unrelated, by=editor, title="HLH basics"),
        editor=editor,
        reviewer=reviewer,
    )

    page = client.get(article.get_absolute_url()).content.decode()

    assert "Related articles and clinical questions" in page
    assert question.get_absolute_url() in page
    assert "HLH basics" not in page


def test_condition_page_lists_its_resources(client, article):
    Resource.objects.create(
        condition=article.condition,
        kind="support_group",
        name="Mast Cell Friends",
        url="https://support.example.org/",
    )
    approve_condition(article.condition)

    page = client.get(article.condition.get_absolute_url()).content.decode()

    assert "Support group" in page
    assert (
        '<a href="https://support.example.org/" rel="noopener">Mast Cell Friends'
        in page
    )


def test_reader_with_an_audience_choice_costs_constant_queries(
    client, article, django_assert_num_queries
):
    url = article.get_absolute_url()
    client.cookies["audience"] = "patients"

    # The publication generation, the article, its related articles: the page
    # is rendered for this reader, not joined from the page most get.
    with django_assert_num_queries(3):
        client.get(url)


def test_related_articles_are_capped(client, article, editor, reviewer):
    from conditions.frozen_pages import RELATED_ARTICLES_SHOWN

    for n in range(RELATED_ARTICLES_SHOWN + 2):
        publish(
            make_article(condition=article.condition, by=editor, title=f"More {n}"),
            editor=editor,
            reviewer=reviewer,
        )

    page = client.get(article.get_absolute_url()).content.decode()

    related = page[page.index('id="related-title"') :]
    assert related.count('class="card"') == RELATED_ARTICLES_SHOWN


def test_related_cards_show_approved_titles_in_order_not_drafts(
    client, article, editor, reviewer
):
    titles = ["Zinc and flushing", "Avoiding triggers"]
    others = [
        make_article(condition=article.condition, by=editor, title=title)
        for title in titles
    ]
    for other in others:
        publish(other, editor=editor, reviewer=reviewer)
    others[0].title = "Unreviewed draft title"
    others[0].save()

    page = client.get(article.get_absolute_url()).content.decode()

    related = page[page.index('id="related-title"') :]
    assert "Unreviewed draft title" not in related
    assert related.index("Avoiding triggers") < related.index("Zinc and flushing")
    assert others[0].get_absolute_url() in related


def test_condition_page_lists_its_articles_a_page_at_a_time(
    client, article, editor, reviewer, settings
):
    from conditions.views import condition_pages

    condition_pages.ARTICLES_PER_PAGE, kept = 2, condition_pages.ARTICLES_PER_PAGE
    try:
        for n in range(2):
            publish(
                make_article(condition=article.condition, by=editor, title=f"Q {n}"),
                editor=editor,
                reviewer=reviewer,
            )
        url = article.condition.get_absolute_url()
        first = client.get(url).content.decode()
        second = client.get(url, {"page": "2"}).content.decode()

        assert first.count('class="card"') == 2 and 'rel="next"' in first
        assert second.count('class="card"') == 1 and 'rel="prev"' in second
        for bad in ["3", "0", "x"]:
            assert client.get(url, {"page": bad}).status_code == 404
    finally:
        condition_pages.ARTICLES_PER_PAGE = kept
