"""The A–Z index: every condition with a published article, and each of its
other names and abbreviations as an entry pointing to it."""

import re

import pytest
from django.urls import reverse
from django.utils.html import strip_tags

from reviews.models import ReviewState
from tests.factories import make_article, make_condition, publish

pytestmark = pytest.mark.django_db


def published_condition(name, code, synonyms, *, editor, reviewer):
    condition = make_condition(name=name, code=code, synonyms=synonyms)
    publish(
        make_article(condition=condition, by=editor, title=f"{name} overview"),
        editor=editor,
        reviewer=reviewer,
    )
    return condition


def index_entries(client) -> dict[str, list[str]]:
    """{letter: [entry text, …]} as the reader sees the index, letter by
    letter through the letter bar."""
    url = reverse("conditions:condition_list")
    first = client.get(url).content.decode()
    letters = re.findall(r'href="\?letter=(\w)"', first)
    entries = {}
    for letter in letters:
        page = client.get(url, {"letter": letter}).content.decode()
        (body,) = re.findall(r"<ul class=\"condition-index\">(.*?)</ul>", page, re.S)
        entries[letter] = [
            " ".join(strip_tags(item).split())
            for item in re.findall(r"<li[^>]*>(.*?)</li>", body, flags=re.S)
        ]
    return entries


def test_synonyms_are_entries_that_point_to_the_condition(client, editor, reviewer):
    mas = published_condition(
        "Macrophage activation syndrome",
        "D76.1",
        "MAS, secondary HLH",
        editor=editor,
        reviewer=reviewer,
    )

    entries = index_entries(client)

    assert entries["M"] == [
        "Macrophage activation syndrome D76.1 Also called MAS, secondary HLH",
        "MAS — see Macrophage activation syndrome",
    ]
    assert entries["S"] == ["Secondary HLH — see Macrophage activation syndrome"]
    page = client.get(reverse("conditions:condition_list"), {"letter": "M"})
    assert page.content.decode().count(f'href="{mas.get_absolute_url()}"') == 2


def test_index_costs_the_same_queries_however_many_synonyms(
    client, editor, reviewer, django_assert_max_num_queries
):
    published_condition(
        "Alpha disease", "D89.41", "AD", editor=editor, reviewer=reviewer
    )
    with django_assert_max_num_queries(50) as one:
        client.get(reverse("conditions:condition_list"))
    for n, name in enumerate(["Beta disease", "Gamma disease", "Delta disease"]):
        published_condition(
            name, "D76.1", f"B{n}, C{n}, other {n}", editor=editor, reviewer=reviewer
        )

    with django_assert_max_num_queries(len(one.captured_queries)) as four:
        client.get(reverse("conditions:condition_list"))

    assert len(four.captured_queries) == len(one.captured_queries)


def test_a_letter_is_paginated_and_bad_letters_or_pages_are_not_found(
    client, editor, reviewer
):
    for name in ["Alpha disease", "Acute thing", "Another syndrome"]:
        published_condition(name, "D89.41", "", editor=editor, reviewer=reviewer)
    url = reverse("conditions:condition_list")

    from conditions.views.condition_pages import ConditionListView

    ConditionListView.paginate_by, kept = 2, ConditionListView.paginate_by
    try:
        first = client.get(url, {"letter": "A"}).content.decode()
        second = client.get(url, {"letter": "A", "page": "2"}).content.decode()
        assert "Page 1 of 2" in first and "Page 2 of 2" in second
        assert "Another syndrome" in second and "Another syndrome" not in first
        for bad in [{"letter": "Q"}, {"letter": "A", "page": "99"}, {"page": "x"}]:
            assert client.get(url, bad).status_code == 404
    finally:
        ConditionListView.paginate_by = kept


def test_a_condition_leaves_the_index_with_its_last_published_article(
    client, editor, reviewer
):
    """Archived, or moved to another condition: the lines follow at once."""
    from conditions.models import Article
    from reviews.services import review_archive, review_record_edit
    from tests.factories import bring_to

    alpha = published_condition(
        "Alpha disease", "D89.41", "AD", editor=editor, reviewer=reviewer
    )
    beta = published_condition(
        "Beta disease", "D76.1", "", editor=editor, reviewer=reviewer
    )
    assert sorted(index_entries(client)) == ["A", "B"]

    (moved,) = Article.objects.filter(public_condition=alpha)
    Article.objects.filter(pk=moved.pk).update(condition=beta)
    review_record_edit(obj=moved, by=editor)
    bring_to(ReviewState.APPROVED, moved, editor=editor, reviewer=reviewer)
    assert sorted(index_entries(client)) == ["B"]

    for article in Article.objects.filter(public_condition=beta):
        review_archive(obj=article, by=reviewer, reason="Withdrawn.")
    assert index_entries(client) == {}
