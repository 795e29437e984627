"""In a browser: the live preview panel shows what the form holds as readers
would see it, follows typing, and lists a problem until it is fixed."""

import pytest

from conditions.models import Article
from tests.factories import log_in, make_article, make_condition, make_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_the_preview_follows_typing_and_shows_problems(live_server, new_page):
    editor_user = make_user("eddie", "Editors")
    article = make_article(condition=make_condition(), by=editor_user)
    base = live_server.url
    editor = new_page()
    log_in(editor, base, "eddie")
    editor.goto(f"{base}/admin/conditions/article/{article.pk}/change/")

    editor.get_by_test_id("live-preview-open").click()
    frame = editor.frame_locator("[data-testid=live-preview-frame]")
    assert frame.locator("h1").inner_text() == "Overview"
    body = editor.locator("#id_sections-0-body")
    body.fill("Typed in the form, citing [7].")
    problems = frame.get_by_test_id("preview-problems")
    problems.get_by_text("citation [7] has no reference").wait_for()
    assert "Typed in the form" in frame.locator("article").inner_text()
    # The page's own styles apply: the preview is the public page.
    assert frame.locator("footer").count() == 1

    body.fill("Typed again, citing [1].")
    frame.get_by_text("Typed again").wait_for()
    assert problems.get_by_text("citation [7]").count() == 0
    assert (
        Article.objects.get(pk=article.pk)
        .sections.first()
        .body.startswith("Body of section 1")
    )
