"""In a browser, the article change form: workflow buttons act on what is
typed, and leaving with unsaved edits warns."""

import pytest

from conditions.models import Article
from reviews.models import ReviewState
from tests.factories import (
    click_workflow_button,
    log_in,
    make_article,
    make_condition,
    make_user,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_leaving_with_unsaved_edits_warns_and_save_and_submit_keeps_them(
    live_server, new_page
):
    editor_user = make_user("eddie", "Editors")
    article = make_article(condition=make_condition(), by=editor_user, sections=1)
    base = live_server.url
    editor = new_page()
    log_in(editor, base, "eddie")
    editor.goto(f"{base}/admin/conditions/article/{article.pk}/change/")

    body = editor.locator("#id_sections-0-body")
    body.click()
    body.press("End")
    body.press_sequentially(" Cold air can set it off too.")
    dialogs = []

    def stay(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()

    editor.on("dialog", stay)
    editor.locator("#content").get_by_role("link", name="Published versions").click()
    editor.wait_for_timeout(500)
    assert dialogs == ["beforeunload"]
    assert editor.url.endswith(f"/{article.pk}/change/")
    assert body.input_value().endswith("Cold air can set it off too.")

    click_workflow_button(editor, "Save and submit for review")
    assert dialogs == ["beforeunload"]  # sending the form itself never warns
    assert "is now submitted" in editor.inner_text(".messagelist")
    article = Article.objects.get(pk=article.pk)
    assert article.review_state == ReviewState.SUBMITTED
    submitted = article.review_data()["sections"][0]["body"]
    assert submitted.endswith("Cold air can set it off too.")
