import pytest

from conditions.models import Article
from reviews.models import ReviewState
from tests.factories import click_workflow_button, log_in, make_condition, make_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_editor_drafts_reviewer_approves_reader_reads(live_server, new_page):
    make_condition()
    make_user("eddie", "Editors")
    make_user("rosa", "Reviewers")
    base = live_server.url

    editor = new_page()
    log_in(editor, base, "eddie")
    editor.goto(f"{base}/admin/conditions/article/add/")
    editor.click("[aria-labelledby=select2-id_condition-container]")
    editor.fill(".select2-search__field", "Monoclonal")
    editor.click(".select2-results__option >> text=Monoclonal")
    editor.fill("#id_title", "Flushing in MMAS")
    editor.fill("#id_summary", "Why flushing happens and what helps.")
    editor.click("text=Add another Section")
    editor.fill("#id_sections-0-heading", "What flushing is")
    editor.fill("#id_sections-0-body", "Sudden redness of the skin [1].")
    editor.click("text=Add another Reference")
    editor.fill("#id_references-0-title", "A review of flushing")
    editor.click("input[name=_continue]")
    editor.wait_for_selector("text=Not published yet")
    click_workflow_button(editor, "Submit for review")
    assert "is now submitted" in editor.inner_text(".messagelist")

    article = Article.objects.get(title="Flushing in MMAS")
    reviewer = new_page()
    log_in(reviewer, base, "rosa")
    reviewer.goto(f"{base}/admin/conditions/article/{article.pk}/change/")
    click_workflow_button(reviewer, "Start review")
    reviewer.fill("#review-comment", "Checked against the reference.")
    click_workflow_button(reviewer, "Approve")
    assert "is now approved" in reviewer.inner_text(".messagelist")

    article.refresh_from_db()
    assert article.review_state == ReviewState.APPROVED
    reader = new_page()
    reader.goto(f"{base}{article.get_absolute_url()}")
    assert reader.inner_text("h1") == "Flushing in MMAS"
    assert "Rosa" in reader.inner_text("[data-testid=reviewed-by]")
    reader.click("sup.citation a")
    assert reader.url.endswith("#ref-1")
    reader.goto(f"{base}/conditions/")
    # The name and its abbreviation ("MMAS — see …") both link to the condition.
    assert reader.get_by_role("link", name="Monoclonal mast cell").first.is_visible()
