"""In a browser: sections move up and down and collapse, positions number
themselves, the slug keeps words apart across a slash, and the review panel
fits a 375 px phone screen."""

import pytest

from conditions.models import Article
from reviews.models import ReviewState
from tests.factories import (
    bring_to,
    log_in,
    make_article,
    make_condition,
    make_user,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_sections_move_and_collapse_and_positions_follow(live_server, new_page):
    editor_user = make_user("eddie", "Editors")
    article = make_article(condition=make_condition(), by=editor_user, sections=3)
    base = live_server.url
    editor = new_page()
    log_in(editor, base, "eddie")
    editor.goto(f"{base}/admin/conditions/article/{article.pk}/change/")

    third = editor.locator("#sections-2")
    assert not editor.locator("#id_sections-0-position").is_visible()
    third.get_by_role("button", name="Move up").click()
    third.get_by_role("button", name="Move up").click()
    rows = editor.locator("#sections-group .inline-related:not(.empty-form)")
    positions = rows.locator("input[name$='-position']")
    values = positions.evaluate_all("inputs => inputs.map(i => i.value)")
    assert values == ["1", "2", "3"]
    fold = editor.locator("#sections-1 .inline-order").nth(2)
    assert fold.inner_text() == "Collapse"
    fold.click()
    assert fold.get_attribute("aria-expanded") == "false"
    assert fold.inner_text() == "Expand"
    assert not editor.locator("#id_sections-1-body").is_visible()

    editor.click("input[name=_continue]")
    editor.wait_for_selector(".messagelist")
    headings = list(
        Article.objects.get(pk=article.pk)
        .sections.order_by("position")
        .values_list("heading", flat=True)
    )
    assert headings == ["Section 3", "Section 1", "Section 2"]


def test_a_new_articles_slug_keeps_words_apart(live_server, new_page):
    make_user("eddie", "Editors")
    make_condition()
    editor = new_page()
    log_in(editor, live_server.url, "eddie")
    editor.goto(f"{live_server.url}/admin/conditions/article/add/")
    editor.locator("#id_title").press_sequentially("Lymphohistiocytosis/macrophage")
    assert editor.input_value("#id_slug") == "lymphohistiocytosis-macrophage"


def test_the_review_panel_fits_a_phone(live_server, new_page):
    editor_user = make_user("eddie", "Editors")
    make_user("rosa", "Reviewers")
    article = make_article(condition=make_condition(), by=editor_user)
    bring_to(
        ReviewState.UNDER_REVIEW,
        article,
        editor=editor_user,
        reviewer=make_user("rex", "Reviewers"),
    )
    reviewer = new_page()
    reviewer.set_viewport_size({"width": 375, "height": 800})
    log_in(reviewer, live_server.url, "rex")
    reviewer.goto(f"{live_server.url}/admin/conditions/article/{article.pk}/change/")
    panel = reviewer.locator(".review-panel")
    assert panel.evaluate("panel => panel.scrollWidth") <= 375
    box = panel.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375
