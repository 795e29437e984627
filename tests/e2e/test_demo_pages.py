"""Every public page of the demo in a real browser: axe-core finds no
accessibility violations, nothing scrolls sideways on a 375 px phone, and an
article prints without the site's chrome."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from conditions.models import Article
from tests.factories import load_demo_site, reissue_live_version

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def site(live_server):
    return {name: live_server.url + path for name, path in load_demo_site().items()}


def test_demo_pages_have_no_axe_violations(site, new_page):
    axe = Axe()
    page = new_page()
    found = {}
    for name, url in site.items():
        page.goto(url)
        violations = axe.run(page).response["violations"]
        found[name] = [
            f"{v['id']}: {v['help']} ({len(v['nodes'])} elements)" for v in violations
        ]

    assert found == {name: [] for name in site}
    assert len(site) >= 25


def test_demo_pages_fit_a_375px_phone_screen(site, new_page):
    page = new_page()
    page.set_viewport_size({"width": 375, "height": 800})
    widths = {}
    for name, url in site.items():
        page.goto(url)
        widths[name] = page.evaluate("document.documentElement.scrollWidth")

    assert widths == dict.fromkeys(site, 375)


def test_search_results_start_on_a_phones_first_screen(site, new_page):
    page = new_page()
    page.set_viewport_size({"width": 375, "height": 667})
    page.goto(site["search MAS"])

    first_result = page.locator(".result").first.bounding_box()
    assert first_result["y"] < 667


def test_open_details_and_folded_sections_fit_a_375px_screen(site, new_page):
    """The folded parts (review details, code notes, sections for the other
    audience) are narrow enough too once a reader opens them."""
    page = new_page()
    page.set_viewport_size({"width": 375, "height": 800})
    page.context.add_cookies(
        [{"name": "audience", "value": "patients", "url": site["home"]}]
    )
    articles = [url for name, url in site.items() if name.startswith("/conditions/")]
    widths, folded = {}, 0
    for url in articles:
        page.goto(url)
        folded += page.locator("details.audience-toggle").count()
        page.evaluate(
            "document.querySelectorAll('details').forEach(d => d.open = true)"
        )
        widths[url] = page.evaluate("document.documentElement.scrollWidth")

    assert widths == dict.fromkeys(articles, 375)
    assert folded >= 1


def test_printed_article_keeps_text_references_and_review_dates(site, new_page):
    page = new_page()
    article = next(url for name, url in site.items() if "treatment" in name)
    page.goto(article)
    # Positive control: on screen, the chrome is there.
    assert page.is_visible(".site-header nav")
    assert page.is_visible(".breadcrumbs")
    page.emulate_media(media="print")

    for chrome in (
        ".site-header",
        ".breadcrumbs",
        ".site-search",
        ".audience-choice",
        ".toc",
        ".follow-up",
        ".site-footer a",
    ):
        assert not page.locator(chrome).first.is_visible(), chrome
    for kept in ("h1", ".reviewed", "#references", "#ref-2", ".review-dates"):
        assert page.locator(kept).first.is_visible(), kept
    # Links print where they go.
    after = page.evaluate(
        "getComputedStyle(document.querySelector("
        "'.references a[href^=\"https://doi.org\"]'), '::after').content"
    )
    assert "https://doi.org/" in after


def test_long_titles_wrap_inside_their_cards(site, new_page):
    article = Article.objects.published().first()
    long_title = "Pneumonoultramicroscopicsilicovolcanoconiosis" * 2
    reissue_live_version(
        article, data={**article.live_version.data, "title": long_title}
    )
    page = new_page()
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(site["home"])

    card = page.locator(".card", has_text="Pneumonoultramicroscopic").first
    assert card.evaluate("c => c.scrollWidth <= c.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") == 375
