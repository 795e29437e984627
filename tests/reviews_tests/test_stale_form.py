"""Two editors with the same form open: the second save is refused, whatever
the first one changed, slug and condition included, so it can never silently
undo it."""

import pytest
from django.urls import reverse

from reviews.forms import MSG_STALE_EDIT, revision_token
from reviews.services import review_approve
from tests.factories import (
    change_data,
    make_condition,
    make_site_page,
    sign_in,
    warnings_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def article_forms(draft):
    """The article, its change URL, and the form data for a given change."""
    url = reverse("admin:conditions_article_change", args=[draft.pk])
    return draft, url, lambda **change: change_data(draft, **change)


@pytest.fixture
def site_page_forms(editor):
    page = make_site_page(by=editor)
    url = reverse("admin:conditions_sitepage_change", args=[page.pk])

    def data(**change):
        return {
            "kind": page.kind,
            "title": page.title,
            "slug": page.slug,
            "summary": page.summary,
            "body": page.body,
            "review_revision": revision_token(page),
            **change,
        }

    return page, url, data


@pytest.mark.parametrize(
    ("forms", "first_change"),
    [
        ("article_forms", {"slug": "renamed"}),
        ("article_forms", "condition"),
        ("site_page_forms", {"slug": "renamed"}),
    ],
)
def test_a_stale_form_cannot_undo_another_editors_change(
    request, client, editor, other_editor, forms, first_change
):
    item, url, data = request.getfixturevalue(forms)
    if first_change == "condition":
        first_change = {
            "condition": make_condition("Systemic mastocytosis", "D47.02").pk
        }
    first = data(**first_change)
    second = data(summary="Bob's wording.")  # opened at the same time
    sign_in(client, editor)
    assert client.post(url, first).status_code == 302

    sign_in(client, other_editor)
    response = client.post(url, second)

    assert response.status_code == 200
    assert MSG_STALE_EDIT.format(noun=item.review_noun()).split(":")[0] in (
        response.content.decode()
    )
    saved = type(item).objects.get(pk=item.pk)
    for name, value in first_change.items():
        assert getattr(saved, f"{name}_id" if name == "condition" else name) == value
    assert saved.summary != "Bob's wording."


def test_an_approval_while_the_form_is_open_does_not_make_it_stale(
    client, under_review, editor, reviewer
):
    """Approving writes workflow fields and the published projection (public
    slug and condition), not content: the editor's open form still saves."""
    url = reverse("admin:conditions_article_change", args=[under_review.pk])
    loaded = change_data(under_review, summary="Edited after the approval.")
    review_approve(
        obj=under_review, by=reviewer, acknowledged=warnings_of(under_review)
    )

    sign_in(client, editor)
    response = client.post(url, loaded)

    assert response.status_code == 302
    under_review.refresh_from_db()
    assert under_review.summary == "Edited after the approval."
