"""Browser tests: Playwright driving Debian's Chromium against a live server.

Each module is marked ``browser``; tests/skips.py skips them, with the reason,
when there is no Chromium (and under CI=true fails the run instead).
"""

import os

import pytest
from playwright.sync_api import sync_playwright

from tests.skips import chromium_path

# Playwright's sync API runs an event loop in the test thread; the ORM calls
# the tests make there are still plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser):
    """Open pages in fresh contexts: each is one person with their own cookies."""
    contexts = []

    def open_page():
        context = browser.new_context()
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture(autouse=True)
def _editorial_groups_for_browser_tests(restore_editorial_groups):
    """Every browser test logs in as editors and reviewers."""
