"""The article form numbers sections and references itself, and slugs keep
words apart across a slash."""

import pytest
from django.urls import reverse

from conditions.importing.service import import_document
from conditions.slugs import title_slug
from tests.factories import change_data, sign_in

pytestmark = pytest.mark.django_db


def rows(article, positions):
    """The change form with the article's sections at ``positions``."""
    data = {}
    sections = list(article.sections.order_by("position"))
    for n, (section, position) in enumerate(zip(sections, positions, strict=True)):
        data.update(
            {
                f"sections-{n}-id": str(section.pk),
                f"sections-{n}-article": str(article.pk),
                f"sections-{n}-position": position,
                f"sections-{n}-heading": section.heading,
                f"sections-{n}-kind": section.kind,
                f"sections-{n}-body": section.body,
                f"sections-{n}-audience": section.audience,
                f"sections-{n}-visibility": section.visibility,
            }
        )
    return change_data(
        article,
        **{
            "sections-TOTAL_FORMS": str(len(sections)),
            "sections-INITIAL_FORMS": str(len(sections)),
            **data,
        },
    )


@pytest.mark.parametrize(
    ("sent", "headings"),
    [
        (["2", "1"], ["Section 2", "Section 1"]),  # moved
        (["5", "5"], ["Section 1", "Section 2"]),  # duplicates: as sent
        (["1", "9"], ["Section 1", "Section 2"]),  # a gap
    ],
)
def test_positions_are_numbered_one_two_three(client, draft, editor, sent, headings):
    sign_in(client, editor)
    url = reverse("admin:conditions_article_change", args=[draft.pk])
    response = client.post(url, rows(draft, sent))
    assert response.status_code == 302
    saved = list(draft.sections.order_by("position").values_list("position", "heading"))
    assert saved == list(enumerate(headings, start=1))


def test_a_slash_separates_words_in_slugs(condition, editor):
    title = "Hemophagocytic lymphohistiocytosis/macrophage activation syndrome"
    assert title_slug(title) == (
        "hemophagocytic-lymphohistiocytosis-macrophage-activation-syndrome"
    )
    text = f"{title}\n\nA rare, serious overreaction of the immune system.\n"
    article = import_document(
        "hlh.txt", text.encode(), condition=condition, kind="overview", editor=editor
    ).article
    assert article.slug == title_slug(title)
