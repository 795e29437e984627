"""In a browser, from a Word file to a published page: an editor imports it,
fixes what the import report flagged (a picture without alt text), adds a
"when to get help" box and submits; a reviewer approves; a reader sees it."""

import pytest

from conditions.models import Article
from images.models import Image
from tests.factories import (
    log_in,
    make_condition,
    make_user,
    submit_then_approve,
    word_file_with_pictures,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def test_imported_word_file_is_fixed_approved_and_read(live_server, new_page):
    make_user("eddie", "Editors")
    make_user("rosa", "Reviewers")
    condition = make_condition()
    base = live_server.url

    editor = new_page()
    log_in(editor, base, "eddie")
    editor.goto(f"{base}/admin/conditions/article/")
    editor.get_by_role("link", name="Import documents").click()
    editor.select_option("#id_condition", str(condition.pk))
    editor.select_option("#id_kind", "overview")
    editor.set_input_files(
        "#id_files",
        {
            "name": "eczema.docx",
            "mimeType": DOCX,
            "buffer": word_file_with_pictures("Eczema"),
        },
    )
    editor.get_by_role("button", name="Import").click()
    report = editor.locator("[data-testid=import-report]")
    described, bare = Image.objects.order_by("pk")
    assert (
        f"added to the image library as image {bare.pk}; it has no alt text"
        in report.inner_text()
    )

    editor.get_by_role("link", name="Eczema").click()
    article = Article.objects.get(title="Eczema")
    # Submitting saves the form first: the form says what blocks it, at the
    # section, and nothing moves.
    editor.get_by_role("button", name="Submit for review").click()
    problem = f"image {bare.pk} has no alt text"
    assert problem in editor.inner_text(".errorlist")
    assert Article.objects.get(pk=article.pk).review_state == "draft"

    # The fix the report asked for, then a help box in the imported section.
    editor.goto(f"{base}/admin/images/image/{bare.pk}/change/")
    editor.fill("#id_alt_text", "A red rash in the crook of an elbow")
    editor.click("input[name=_save]")
    editor.goto(f"{base}/admin/conditions/article/{article.pk}/change/")
    body = editor.input_value("#id_sections-0-body")
    editor.fill(
        "#id_sections-0-body",
        body
        + "\n\n:::help urgent\nIf the skin weeps or crusts, see a doctor today.\n:::",
    )
    editor.click("input[name=_continue]")
    editor.wait_for_selector(".messagelist")
    submit_then_approve(editor, new_page(), base, article, "rosa")

    reader = new_page()
    reader.goto(f"{base}{Article.objects.get(pk=article.pk).get_absolute_url()}")
    alts = reader.locator("figure.illustration img").evaluate_all(
        "images => images.map(image => image.alt)"
    )
    assert alts == [described.alt_text, "A red rash in the crook of an elbow"]
    assert "Get an urgent appointment" in reader.inner_text(".help-urgent")
