"""An article's address and condition are reviewed data: changing them in the
admin starts a new draft, and readers keep the approved address (and the
approved condition) until the change is approved."""

import pytest

from reviews.models import ReviewState
from tests.factories import (
    admin_url,
    change_data,
    make_condition,
    publish,
    sign_in,
)

pytestmark = pytest.mark.django_db


def test_slug_change_keeps_the_public_address_until_approved(
    client, published, editor, other_editor, reviewer
):
    old_url = published.get_absolute_url()
    sign_in(client, editor)

    response = client.post(
        admin_url("change", published), change_data(published, slug="heat-and-mmas")
    )

    assert response.status_code == 302
    published.refresh_from_db()
    assert published.review_state == ReviewState.DRAFT
    assert published.get_absolute_url() == old_url
    client.logout()
    assert client.get(old_url).status_code == 200
    new_url = old_url.replace("/overview/", "/heat-and-mmas/")
    assert client.get(new_url).status_code == 404

    publish(published, editor=other_editor, reviewer=reviewer)
    published.refresh_from_db()

    assert published.get_absolute_url() == new_url
    assert client.get(new_url).status_code == 200


def test_condition_change_keeps_the_public_condition_until_approved(
    client, published, editor, other_editor, reviewer
):
    old_url = published.get_absolute_url()
    other = make_condition(name="Mast cell activation syndrome", code="D89.40")
    sign_in(client, editor)

    client.post(
        admin_url("change", published), change_data(published, condition=other.pk)
    )

    published.refresh_from_db()
    assert published.condition == other
    assert published.review_state == ReviewState.DRAFT
    client.logout()
    page = client.get(old_url).content.decode()
    assert "Monoclonal mast cell activation syndrome" in page
    assert "D89.41" in page and "D89.40" not in page

    publish(published, editor=other_editor, reviewer=reviewer)
    published.refresh_from_db()

    new_url = published.get_absolute_url()
    assert new_url == "/conditions/mast-cell-activation-syndrome/overview/"
    page = client.get(new_url).content.decode()
    assert "D89.40" in page and "D89.41" not in page


def test_the_diff_shows_a_changed_address_and_condition(
    client, published, editor, reviewer
):
    other = make_condition(name="Mast cell activation syndrome", code="D89.40")
    sign_in(client, editor)
    client.post(
        admin_url("change", published),
        change_data(published, slug="heat", condition=other.pk),
    )
    sign_in(client, reviewer)

    page = client.get(admin_url("review_diff", published)).content.decode()

    assert "<del>overview</del> <ins>heat</ins>" in page
    assert "<del>Monoclonal mast</del> <ins>Mast</ins> cell activation" in page
