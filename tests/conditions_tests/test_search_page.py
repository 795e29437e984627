"""The search page's layout: filters fold away unless they are in use, and
result pages link to each other keeping the query."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_filters_are_folded_away_until_used(client):
    page = client.get(reverse("conditions:search"), {"q": "mast"}).content.decode()

    assert '<details class="search-filters">' in page
    # Positive control: with a filter on, they open and say so.
    page = client.get(
        reverse("conditions:search"), {"q": "mast", "kind": "overview"}
    ).content.decode()
    assert '<details class="search-filters" open>' in page
    assert "Narrow the results (filters on)" in page


def test_search_page_has_one_search_box(client):
    page = client.get(reverse("conditions:search"), {"q": "mast"}).content.decode()

    assert page.count('type="search"') == 1
    # Positive control: other pages carry the header's search box.
    assert (
        'id="site-search-q"'
        in client.get(reverse("conditions:condition_list")).content.decode()
    )
