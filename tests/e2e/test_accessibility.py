"""Public pages in a real browser: axe-core finds no accessibility violations,
nothing overflows a 375 px phone screen, and print keeps what matters."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.factories import build_public_site

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def site(live_server):
    return {name: live_server.url + path for name, path in build_public_site().items()}


def test_public_pages_have_no_axe_violations(site, new_page):
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


def test_pages_fit_a_375px_phone_screen(site, new_page):
    page = new_page()
    page.set_viewport_size({"width": 375, "height": 800})
    widths = {}
    for name, url in site.items():
        page.goto(url)
        widths[name] = page.evaluate("document.documentElement.scrollWidth")

    assert widths == dict.fromkeys(site, 375)


def test_printed_article_hides_navigation_and_keeps_references(site, new_page):
    page = new_page()
    page.goto(site["article"])
    assert page.is_visible(".site-header nav")
    assert page.is_visible(".breadcrumbs")
    page.emulate_media(media="print")

    assert not page.is_visible(".site-header nav")
    assert not page.is_visible(".breadcrumbs")
    assert page.is_visible("#references")
    assert page.is_visible("#ref-2")
