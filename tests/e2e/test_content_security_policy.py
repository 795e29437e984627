"""Under the Content-Security-Policy (no inline script or style, nothing from
elsewhere) the public pages and the admin work, and the browser reports no
violation."""

import pytest

from conditions.models import Article
from tests.factories import load_demo_site, log_in, make_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def watch_violations(page) -> list[str]:
    """The browser's CSP reports for ``page``, as it prints them."""
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    return violations


def test_public_pages_run_without_violations(live_server, new_page):
    pages = load_demo_site()
    page = new_page()
    violations = watch_violations(page)
    article = pages["follow-up question"].removesuffix("ask/")

    for path in ["/", "/conditions/", "/icd10/", "/search/?q=MAS", article]:
        response = page.goto(f"{live_server.url}{path}")
        assert "object-src 'none'" in response.headers["content-security-policy"]

    assert page.locator("script[type='application/ld+json']").count() == 1
    assert violations == []
    # Positive control: an injected inline script is refused, and reported.
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.ran = true'; document.body.append(s); }"
    )
    assert page.evaluate("() => window.ran") is None
    assert len(violations) == 1


def test_admin_change_form_and_review_pages_run_without_violations(
    live_server, new_page
):
    load_demo_site()
    make_user("eddie", "Editors")
    article = Article.objects.filter(live_version__isnull=False).first()
    base = live_server.url
    page = new_page()
    violations = watch_violations(page)

    log_in(page, base, "eddie")
    page.goto(f"{base}/admin/conditions/article/{article.pk}/change/")
    page.wait_for_selector("text=Editorial review")
    # The review panel's layout comes from static/css/admin.css, not inline.
    padding = "e => getComputedStyle(e).paddingLeft"
    assert page.eval_on_selector(".review-panel-body", padding) == "10px"
    # The admin's own scripts run: the inline formsets offer another section.
    page.click("text=Add another Section")
    assert page.locator("#id_sections-TOTAL_FORMS").input_value() != "0"
    page.click("[aria-labelledby=select2-id_condition-container]")
    page.wait_for_selector(".select2-results__option")
    page.goto(f"{base}/admin/conditions/article/{article.pk}/review/diff/")
    page.goto(f"{base}/admin/conditions/article/add/")

    assert violations == []
