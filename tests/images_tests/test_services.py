"""Storing images: checked uploads, content-hashed files, renditions."""

import PIL.Image
import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from images.models import Image
from images.services import image_check_upload, image_set_file
from tests.factories import image_upload, make_image

pytestmark = pytest.mark.django_db


def test_renditions_are_webp_with_a_png_fallback_for_drawings():
    image = make_image(size=(1200, 600))

    assert [r["width"] for r in image.renditions] == [480, 960, 1200]
    assert image.renditions[0]["height"] == 240
    for rendition in image.renditions:
        with default_storage.open(rendition["webp"]) as webp:
            assert PIL.Image.open(webp).format == "WEBP"
        with default_storage.open(rendition["fallback"]) as fallback:
            picture = PIL.Image.open(fallback)
            assert picture.format == "PNG"
            assert picture.width == rendition["width"]
    assert (image.width, image.height) == (1200, 600)


def test_photographs_fall_back_to_jpeg_and_are_never_enlarged():
    image = make_image(size=(300, 200), format="JPEG", name="photo.jpg")

    assert [r["width"] for r in image.renditions] == [300]
    assert image.renditions[0]["fallback"].endswith("-300.jpg")


def test_files_are_named_by_content_so_a_new_file_never_replaces_an_old_one():
    image = make_image(colour="teal")
    first_file, first = image.file.name, image.renditions

    image_set_file(image=image, upload=image_upload(colour="orange"))

    assert image.file.name != first_file
    assert {r["fallback"] for r in image.renditions}.isdisjoint(
        r["fallback"] for r in first
    )
    # The old files are still there, for pages approved with them.
    assert default_storage.exists(first_file)
    assert all(default_storage.exists(r["webp"]) for r in first)


def test_the_same_picture_twice_shares_its_files():
    one, two = make_image(), make_image()

    assert one.pk != two.pk
    assert one.renditions == two.renditions


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("notes.png", b"not a picture at all"),
            "“notes.png” is not an image that can be read",
        ),
        (
            SimpleUploadedFile("empty.jpg", b""),
            "“empty.jpg” is not an image that can be read",
        ),
        (
            image_upload(format="BMP", name="scan.bmp"),
            "“scan.bmp” is a BMP file: upload a JPEG, PNG, WebP or GIF image.",
        ),
    ],
    ids=["text", "empty", "bmp"],
)
def test_an_upload_that_is_not_a_usable_image_is_refused(upload, message):
    with pytest.raises(ValidationError) as refused:
        image_check_upload(upload)

    assert message in refused.value.messages[0]


@override_settings(IMAGE_MAX_BYTES=2 * 1024 * 1024)
def test_an_upload_of_too_many_bytes_is_refused():
    upload = SimpleUploadedFile("big.png", b"x" * (3 * 1024 * 1024))

    with pytest.raises(ValidationError) as refused:
        image_check_upload(upload)

    assert refused.value.messages == [
        "“big.png” is 3.0\xa0MB: an image can be at most 2.0\xa0MB."
    ]


@override_settings(IMAGE_MAX_PIXELS=10_000)
def test_an_upload_of_too_many_pixels_is_refused_and_nothing_is_stored():
    with pytest.raises(ValidationError) as refused:
        image_set_file(
            image=Image(alt_text="Big"), upload=image_upload(size=(101, 100))
        )

    assert refused.value.messages == [
        "“diagram.png” has more than 0.01 megapixels: make it smaller and upload "
        "it again."
    ]
    assert not Image.objects.exists()
