"""Search by filters: on what was approved (the kind, the audiences its
sections are written for), read from columns written as a version goes live,
and by filters alone the newest articles, at most ``MAX_LISTED``."""

import pytest
from django.urls import reverse

from conditions.models import Article
from reviews import services
from tests.factories import (
    approve_condition,
    edit,
    make_article,
    make_condition,
    publish,
)

pytestmark = pytest.mark.django_db


def titles(client, **filters) -> list[str]:
    response = client.get(reverse("conditions:search"), filters)
    return [entry["article"].title for entry in response.context["entries"]]


def test_filters_find_the_approved_kind_and_audiences_not_the_drafts(
    client, condition, editor, reviewer
):
    article = make_article(condition=condition, by=editor, title="Flushing")
    article.sections.filter(position=1).update(audience="professionals")
    edit(article, by=editor)
    publish(article, editor=editor, reviewer=reviewer)
    loaded_before = Article.objects.get(pk=article.pk)

    article.sections.filter(position=1).update(audience="patients")
    edit(article, by=editor, kind="question")

    assert titles(client, kind="overview") == ["Flushing"]
    assert titles(client, audience="professionals") == ["Flushing"]
    assert titles(client, kind="question") == []
    assert titles(client, audience="patients") == []

    publish(article, editor=editor, reviewer=reviewer)
    # A form loaded before the approval saves the draft, not what is public.
    loaded_before.save()

    assert titles(client, kind="question") == ["Flushing"]
    assert titles(client, audience="patients") == ["Flushing"]
    assert titles(client, audience="professionals") == []


def test_filters_alone_list_the_newest_articles_at_most(
    client, condition, editor, reviewer, monkeypatch
):
    monkeypatch.setattr("conditions.views.search.MAX_LISTED", 2)
    for title in ["First", "Second", "Third"]:
        article = make_article(condition=condition, by=editor, title=title)
        publish(article, editor=editor, reviewer=reviewer)

    response = client.get(reverse("conditions:search"), {"kind": "overview"})

    page = response.content.decode()
    assert [e["article"].title for e in response.context["entries"]] == [
        "Third",
        "Second",
    ]
    assert "More than 2 results" in page
    assert "These are the 2 approved last." in page
    monkeypatch.setattr("conditions.views.search.MAX_LISTED", 3)
    exactly = client.get(reverse("conditions:search"), {"kind": "overview"})
    assert "3 results" in exactly.content.decode()
    assert "More than" not in exactly.content.decode()


def test_the_chapter_filter_follows_approved_codes_and_conditions_only(
    client, editor, reviewer
):
    blood = make_condition("Blood thing", "D76.1")  # chapter 3
    lung = make_condition("Lung thing", "J45.40")  # chapter 10
    article = make_article(condition=blood, by=editor, title="Flushing")
    publish(article, editor=editor, reviewer=reviewer)
    assert titles(client, chapter="3") == ["Flushing"]
    assert titles(client, chapter="10") == []

    code = blood.codes.get()
    code.code = "J45.40"
    code.save()  # a draft of the condition: readers still see D76.1
    assert titles(client, chapter="3") == ["Flushing"]
    approve_condition(blood)
    assert titles(client, chapter="3") == []
    assert titles(client, chapter="10") == ["Flushing"]

    edit(article, by=editor, condition=lung)  # moved, in a draft
    code.code = "D76.1"
    code.save()
    approve_condition(blood)  # readers still find it under blood
    assert titles(client, chapter="3") == ["Flushing"]
    publish(article, editor=editor, reviewer=reviewer)
    assert titles(client, chapter="3") == []
    assert titles(client, chapter="10") == ["Flushing"]

    services.review_archive(obj=lung, by=reviewer, reason="Merged elsewhere.")
    assert titles(client, chapter="10") == []


def test_an_archived_article_leaves_its_chapter(client, condition, editor, reviewer):
    article = make_article(condition=condition, by=editor, title="Flushing")
    publish(article, editor=editor, reviewer=reviewer)
    chapter = condition.published_codes.get().chapter_code

    services.review_archive(obj=article, by=reviewer, reason="Out of date.")

    assert titles(client, chapter=chapter) == []
    assert titles(client, q="flushing", chapter=chapter) == []


def test_search_by_a_chapter_alone_costs_the_same_queries_at_any_size(
    client,
    condition,
    editor,
    reviewer,
    django_assert_num_queries,
    django_capture_on_commit_callbacks,
):
    chapter = condition.published_codes.get().chapter_code
    for size in [1, 12]:
        while (count := Article.objects.published().count()) < size:
            article = make_article(condition=condition, by=editor, title=f"A{count}")
            # After commit: the generation and its summaries, as in life.
            with django_capture_on_commit_callbacks(execute=True):
                publish(article, editor=editor, reviewer=reviewer)
        # The generation, the chapters (kept with it), the newest ids, and
        # the page's articles.
        with django_assert_num_queries(4):
            response = client.get(reverse("conditions:search"), {"chapter": chapter})
        assert len(response.context["entries"]) == min(size, 10)


def test_filters_alone_that_match_nothing_say_so(client, condition, editor, reviewer):
    article = make_article(condition=condition, by=editor, title="Flushing")
    publish(article, editor=editor, reviewer=reviewer)  # no section for patients

    response = client.get(reverse("conditions:search"), {"audience": "patients"})

    page = response.content.decode()
    assert "0 results" in page
    assert "No published article matches" in page
    assert response.context["entries"] == []
