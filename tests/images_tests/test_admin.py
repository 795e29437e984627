"""The image library in the admin, as an editor uses it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from images.models import Image
from tests.factories import (
    image_upload,
    make_image,
    sign_in,
)

pytestmark = pytest.mark.django_db


def test_editor_adds_an_image_and_is_told_how_to_place_it(client, editor):
    sign_in(client, editor)

    response = client.post(
        reverse("admin:images_image_add"),
        {
            "file": image_upload(size=(1000, 500)),
            "alt_text": "Mast cells releasing histamine",
            "caption": "What happens in an attack.",
            "credit": "Drawing: A. Lee",
            "licence": "CC BY 4.0",
        },
    )

    assert response.status_code == 302
    image = Image.objects.get()
    assert image.renditions[-1]["width"] == 1000
    page = client.get(reverse("admin:images_image_change", args=[image.pk]))
    assert f"![Mast cells releasing histamine](image:{image.pk})" in page.text


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"alt_text": ""}, "This field is required."),
        (
            {"file": SimpleUploadedFile("list.png", b"one, two, three")},
            "Upload a valid image.",
        ),
    ],
    ids=["no alt text", "not an image"],
)
def test_a_bad_upload_is_a_form_error_and_stores_nothing(client, editor, fields, error):
    sign_in(client, editor)
    data = {"file": image_upload(), "alt_text": "A diagram", **fields}

    response = client.post(reverse("admin:images_image_add"), data)

    assert response.status_code == 200
    assert error in response.text
    assert not Image.objects.exists()


def test_changing_only_the_text_keeps_the_files(client, editor):
    image = make_image()
    files = image.renditions
    sign_in(client, editor)

    client.post(
        reverse("admin:images_image_change", args=[image.pk]),
        {"alt_text": "Better words", "caption": "", "credit": "", "licence": ""},
    )

    image.refresh_from_db()
    assert image.alt_text == "Better words"
    assert image.renditions == files


def test_reviewers_see_the_library_but_cannot_add(client, reviewer):
    sign_in(client, reviewer)

    assert client.get(reverse("admin:images_image_changelist")).status_code == 200
    assert client.get(reverse("admin:images_image_add")).status_code == 403


@override_settings(IMAGE_MAX_PIXELS=10_000)
def test_an_image_too_large_is_a_form_error(client, editor):
    sign_in(client, editor)

    response = client.post(
        reverse("admin:images_image_add"),
        {"file": image_upload(size=(200, 100)), "alt_text": "Big"},
    )

    assert "“diagram.png” has more than 0.01 megapixels" in response.text
    assert not Image.objects.exists()
