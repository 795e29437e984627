"""Public lists cost the same at any catalogue size (issue 9): the same
queries, at most four, and a bounded page, for 3 or 300 approved articles."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conditions.bulk_catalogue import build_catalogue

pytestmark = pytest.mark.django_db

MAX_QUERIES = 4
MAX_BYTES = 60_000
SMALL, LARGE = 3, 300


@pytest.fixture
def catalogue():
    """Grow the catalogue to a given size (approved conditions and articles)."""
    approver = get_user_model().objects.create_superuser("bulk", password="x-pass-1")
    built = [0]

    def grow_to(size):
        build_catalogue(size - built[0], approver=approver, start=built[0])
        built[0] = size

    return grow_to


def cost(client, url) -> tuple[int, int]:
    """Queries and bytes of one anonymous request."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), len(response.content)


@pytest.mark.parametrize(
    "url",
    [
        reverse("conditions:home"),
        reverse("conditions:condition_list"),
        reverse("conditions:condition_list") + "?letter=B&page=1",
        reverse("django.contrib.sitemaps.views.index"),
        # Words in every bench article's title (each is in the search index).
        reverse("conditions:search") + "?q=benchmark+condition",
        # Filters alone: the newest articles of a kind, or for an audience.
        reverse("conditions:search") + "?kind=overview",
        reverse("conditions:search") + "?audience=patients",
        reverse("conditions:icd10_lookup", args=["1"]),
    ],
)
def test_a_list_costs_the_same_at_any_size(client, catalogue, url):
    catalogue(SMALL)
    small_queries, small_bytes = cost(client, url)
    catalogue(LARGE)
    large_queries, large_bytes = cost(client, url)

    assert small_queries == large_queries <= MAX_QUERIES
    # A page holds at most a page of lines (100 on the A–Z), a line per
    # chapter or a line per sitemap section: never a line per article.
    assert small_bytes <= large_bytes < MAX_BYTES


def test_the_bench_catalogue_is_in_the_search_index(client, catalogue):
    catalogue(SMALL)

    page = client.get(reverse("conditions:search"), {"q": "benchmark condition"})

    assert f"{SMALL} results" in page.content.decode()
