"""In a browser: an editor uploads an image to the library, places it and a
"when to get help" box in an article, a reviewer approves, a reader sees
both."""

import io

import PIL.Image
import pytest

from conditions.models import Article
from images.models import Image
from tests.factories import (
    log_in,
    make_article,
    make_condition,
    make_user,
    submit_then_approve,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def png(size=(640, 320)) -> bytes:
    buffer = io.BytesIO()
    PIL.Image.new("RGB", size, "teal").save(buffer, "PNG")
    return buffer.getvalue()


def test_editor_adds_an_image_and_a_help_box_and_readers_see_them(
    live_server, new_page
):
    editor_user = make_user("eddie", "Editors")
    make_user("rosa", "Reviewers")
    article = make_article(condition=make_condition(), by=editor_user, sections=1)
    base = live_server.url

    editor = new_page()
    log_in(editor, base, "eddie")
    editor.goto(f"{base}/admin/images/image/add/")
    editor.set_input_files(
        "#id_file", {"name": "rash.png", "mimeType": "image/png", "buffer": png()}
    )
    editor.click("input[name=_continue]")
    # Alt text is required: the form says so and stores nothing.
    assert "This field is required." in editor.inner_text(".errorlist")
    assert not Image.objects.exists()
    editor.set_input_files(
        "#id_file", {"name": "rash.png", "mimeType": "image/png", "buffer": png()}
    )
    editor.fill("#id_alt_text", "Raised red patches on an arm")
    editor.fill("#id_caption", "A typical rash.")
    editor.click("input[name=_continue]")
    image = Image.objects.get()
    line = f"![Raised red patches on an arm](image:{image.pk})"
    assert line in editor.inner_text(".field-reference")

    editor.goto(f"{base}/admin/conditions/article/{article.pk}/change/")
    editor.fill(
        "#id_sections-0-body",
        f"Intro.\n\n{line}\n\n:::help emergency\nCall [999](tel:999) now.\n",
    )
    editor.click("input[name=_continue]")
    assert "not closed by a line" in editor.inner_text(".errorlist")
    body = editor.input_value("#id_sections-0-body")
    editor.fill("#id_sections-0-body", body.rstrip() + "\n:::")
    editor.click("input[name=_continue]")
    editor.wait_for_selector(".messagelist")
    submit_then_approve(editor, new_page(), base, article, "rosa")

    reader = new_page()
    article = Article.objects.get(pk=article.pk)
    reader.goto(f"{base}{article.get_absolute_url()}")
    picture = reader.locator("figure.illustration img")
    assert picture.get_attribute("alt") == "Raised red patches on an arm"
    assert "A typical rash." in reader.inner_text("figure.illustration figcaption")
    help_box = reader.locator(".help-emergency")
    assert "Call 999 / your emergency number now" in help_box.inner_text()
    assert help_box.locator("a").get_attribute("href") == "tel:999"
