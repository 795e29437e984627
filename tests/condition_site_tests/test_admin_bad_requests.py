"""Addresses no admin page can use answer 400 with the reason (or are
ignored), never a server error (issue 8, section 7)."""

import pytest
from django.contrib.auth import get_user_model

from condition_site.admin import MAX_SEARCH_WORDS
from tests.factories import sign_in

pytestmark = pytest.mark.django_db

FIVE_THOUSAND_WORDS = "+".join(["mast"] * 5000)


@pytest.fixture
def admin_client(client):
    root = get_user_model().objects.create_superuser("root", password="x-pass-1")
    sign_in(client, root)
    client.raise_request_exception = False
    return client


@pytest.mark.parametrize("model", ["reviewevent", "reviewcomment"])
@pytest.mark.parametrize("order", ["1", "-1", "1.2", "99", "x"])
def test_audit_lists_ignore_orderings_they_cannot_sort_by(
    admin_client, published, model, order
):
    response = admin_client.get(f"/admin/reviews/{model}/?o={order}")

    assert response.status_code == 200


@pytest.mark.parametrize(
    "query",
    [
        "q=%00",
        "review_state=%00",
        "review_state__exact=approved%00",
        "%00=1",
    ],
)
def test_nul_characters_are_a_bad_request(admin_client, query):
    response = admin_client.get(f"/admin/conditions/article/?{query}")

    assert response.status_code == 400
    assert "NUL character" in response.content.decode()


@pytest.mark.postgres
def test_nul_characters_in_filters_are_a_bad_request_on_postgresql(admin_client):
    """PostgreSQL refuses NUL in text: this was a 500."""
    response = admin_client.get("/admin/conditions/article/?review_state=%00")

    assert response.status_code == 400


def test_a_five_thousand_word_search_is_refused_with_the_limit(admin_client):
    response = admin_client.get(f"/admin/conditions/article/?q={FIVE_THOUSAND_WORDS}")

    assert response.status_code == 400
    page = response.content.decode()
    assert f"at most {MAX_SEARCH_WORDS} words" in page
    assert "this search had 5000 words" in page


def test_a_search_of_the_most_words_allowed_still_works(admin_client, published):
    words = "+".join(["overview"] * MAX_SEARCH_WORDS)

    response = admin_client.get(f"/admin/conditions/article/?q={words}")

    assert response.status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/admin/conditions/article/99999999999999999999/change/",
        "/admin/conditions/article/99999999999999999999/history/",
        "/admin/conditions/article/?id__exact=99999999999999999999",
        "/admin/conditions/article/?condition__id__exact=99999999999999999999",
        "/admin/reviews/reviewevent/99999999999999999999/change/",
    ],
)
def test_out_of_range_ids_are_not_found_not_a_server_error(admin_client, url):
    response = admin_client.get(url, follow=True)

    assert response.status_code < 500
