"""Search by filters: on what was approved (the kind, the audiences its
sections are written for), read from columns written as a version goes live,
and by filters alone the newest articles, at most ``MAX_LISTED``."""

import pytest
from django.urls import reverse

from conditions.models import Article
from tests.factories import edit, make_article, publish

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
