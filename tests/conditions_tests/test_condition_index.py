"""The A–Z index: every condition with a published article, and each of its
other names and abbreviations as an entry pointing to it."""

import re

import pytest
from django.urls import reverse
from django.utils.html import strip_tags

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
    """{letter: [entry text, …]} as the reader sees the index."""
    page = client.get(reverse("conditions:condition_list")).content.decode()
    sections = re.findall(
        r'<h2 id="letter-(\w)">.*?</h2>(.*?)</section>', page, flags=re.S
    )
    return {
        letter: [
            " ".join(strip_tags(item).split())
            for item in re.findall(r"<li[^>]*>(.*?)</li>", body, flags=re.S)
        ]
        for letter, body in sections
    }


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
    page = client.get(reverse("conditions:condition_list")).content.decode()
    assert page.count(f'href="{mas.get_absolute_url()}"') == 3


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
