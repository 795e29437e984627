"""Browser: submit → comment → request changes → resubmit → approve."""

import pytest

from conditions.models import Article
from reviews.models import ReviewComment, ReviewState
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


def test_review_conversation_to_approval(live_server, new_page):
    eddie = make_user("eddie", "Editors")
    make_user("rosa", "Reviewers")
    article = make_article(condition=make_condition(), by=eddie, title="Flushing")
    base = live_server.url
    change = f"{base}/admin/conditions/article/{article.pk}/change/"

    editor = new_page()
    log_in(editor, base, "eddie")
    editor.goto(change)
    click_workflow_button(editor, "Submit for review")

    reviewer = new_page()
    log_in(reviewer, base, "rosa")
    reviewer.goto(change)
    reviewer.fill("#review-new-comment", "Which trigger list is this from?")
    reviewer.get_by_role("button", name="Add comment").click()
    reviewer.wait_for_selector("text=Comment added.")
    click_workflow_button(reviewer, "Start review")
    assert "Under review by Rosa" in reviewer.inner_text("[data-testid=claimed-by]")
    click_workflow_button(reviewer, "Request changes")
    assert "needs a comment" in reviewer.inner_text(".messagelist")
    reviewer.fill("#review-comment", "Cite the source of the trigger list.")
    click_workflow_button(reviewer, "Request changes")
    assert "changes requested" in reviewer.inner_text(".messagelist")

    editor.goto(change)
    comments = editor.inner_text("[data-testid=review-comments]")
    assert "Cite the source of the trigger list." in comments
    editor.fill("#id_summary", "Why flushing happens, with sources.")
    editor.click("input[name=_continue]")
    editor.wait_for_selector(".messagelist")
    # Only a comment's author or the claiming reviewer resolves it: the
    # editor answers in the thread.
    assert editor.get_by_role("button", name="Mark resolved").count() == 0
    editor.locator("details.review-reply-form summary").last.click()
    editor.locator("details.review-reply-form[open] textarea").fill("Source added.")
    editor.get_by_role("button", name="Reply").last.click()
    editor.wait_for_selector("text=Comment added.")
    click_workflow_button(editor, "Submit for review")

    reviewer.goto(change)
    click_workflow_button(reviewer, "Start review")
    assert "Source added." in reviewer.inner_text("[data-testid=review-comments]")
    for _ in range(ReviewComment.objects.open().count()):
        reviewer.get_by_role("button", name="Mark resolved").first.click()
        reviewer.wait_for_selector("text=Comment marked resolved.")
    reviewer.click("[data-testid=diff-link]")
    assert "with sources." in reviewer.inner_text("[data-testid=review-diff]")
    reviewer.goto(change)
    reviewer.fill("#review-evidence", "2026-06-30")
    click_workflow_button(reviewer, "Approve")
    assert "is now approved" in reviewer.inner_text(".messagelist")

    article = Article.objects.get(pk=article.pk)
    assert article.review_state == ReviewState.APPROVED
    assert ReviewComment.objects.count() == 3  # a question, a change, a reply
    assert not ReviewComment.objects.open().exists()
    reader = new_page()
    reader.goto(f"{base}{article.get_absolute_url()}")
    assert "Rosa" in reader.inner_text("[data-testid=reviewed-by]")
    assert "30 June 2026" in reader.inner_text("[data-testid=evidence-current]")
