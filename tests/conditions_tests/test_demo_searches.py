"""Every search the site suggests to readers finds an approved demo article."""

import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(django_capture_on_commit_callbacks):
    # The search index is written after commit.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", allow_production=True, stdout=io.StringIO())


def suggested_searches(client) -> list[str]:
    page = client.get(reverse("conditions:search")).content.decode()
    suggestions = re.search(r'placeholder="e\.g\. ([^"]+)"', page).group(1)
    return [s.strip() for s in suggestions.split(",")]


def test_each_suggested_search_finds_an_approved_article(client, demo):
    searches = suggested_searches(client)

    assert "MAS" in searches
    for query in searches:
        response = client.get(reverse("conditions:search"), {"q": query}, follow=True)
        page = response.content.decode()
        # A code jumps to its look-up page; words list ranked results.
        assert 'class="result"' in page, query


def test_mas_finds_macrophage_activation_syndrome(client, demo):
    page = client.get(reverse("conditions:search"), {"q": "MAS"}).content.decode()

    results = page[page.index('id="results-title"') :]
    first = re.search(r'<li class="result">.*?</li>', results, re.S).group(0)
    assert "macrophage-activation-syndrome/" in first
    assert "0 results" not in results
