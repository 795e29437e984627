"""Storing an uploaded image: the original and its renditions, each named by
the hash of its content, so a stored file never changes and a page that
pinned its name keeps showing exactly it."""

import hashlib
import io
import warnings

import PIL.Image
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template.defaultfilters import filesizeformat

from images.models import Image

# Widths of the renditions (the original's own width too, when narrower).
RENDITION_WIDTHS = (480, 960, 1600)
FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}

MSG_NOT_AN_IMAGE = (
    "“{name}” is not an image that can be read: upload a JPEG, PNG, WebP or GIF file."
)
MSG_FORMAT = "“{name}” is a {format} file: upload a JPEG, PNG, WebP or GIF image."
MSG_TOO_MANY_BYTES = "“{name}” is {size}: an image can be at most {limit}."
MSG_TOO_MANY_PIXELS = (
    "“{name}” has more than {limit:g} megapixels: make it smaller and upload it again."
)


def image_check_upload(upload) -> None:
    """Refuse, with a ``ValidationError`` naming the file, anything that is
    not a readable JPEG, PNG, WebP or GIF within the size limits."""
    name = getattr(upload, "name", "") or "The file"
    if upload.size > settings.IMAGE_MAX_BYTES:
        raise ValidationError(
            MSG_TOO_MANY_BYTES.format(
                name=name,
                size=filesizeformat(upload.size),
                limit=filesizeformat(settings.IMAGE_MAX_BYTES),
            )
        )
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            # A decompression bomb is refused below as too large.
            warnings.simplefilter("ignore", PIL.Image.DecompressionBombWarning)
            picture = PIL.Image.open(upload)
            picture.verify()
    except PIL.Image.DecompressionBombError:
        raise ValidationError(_too_many_pixels(name)) from None
    except Exception:  # Pillow raises many kinds for a file it can't read
        raise ValidationError(MSG_NOT_AN_IMAGE.format(name=name)) from None
    finally:
        upload.seek(0)
    if picture.format not in FORMATS:
        raise ValidationError(MSG_FORMAT.format(name=name, format=picture.format))
    width, height = picture.size
    if width * height > settings.IMAGE_MAX_PIXELS:
        raise ValidationError(_too_many_pixels(name))


def _too_many_pixels(name: str) -> str:
    return MSG_TOO_MANY_PIXELS.format(
        name=name, limit=settings.IMAGE_MAX_PIXELS / 1_000_000
    )


def _store(content: bytes, stem: str, extension: str) -> str:
    """The storage name of ``content``; written only if not there yet."""
    name = f"images/{stem}.{extension}"
    if not default_storage.exists(name):
        saved = default_storage.save(name, ContentFile(content))
        assert saved == name, f"storage renamed {name} to {saved}"  # noqa: S101
    return name


def _encode(picture: PIL.Image.Image, format: str) -> bytes:
    buffer = io.BytesIO()
    if format == "JPEG":
        picture.convert("RGB").save(buffer, "JPEG", quality=85, optimize=True)
    else:
        picture.save(buffer, format, quality=80)
    return buffer.getvalue()


def image_set_file(*, image: Image, upload) -> Image:
    """Store ``upload`` (checked with ``image_check_upload``) as ``image``'s
    file, make its renditions and save the image.

    Renditions are WebP plus a fallback every browser shows: PNG for
    drawings and pictures with transparency (PNG and GIF uploads), JPEG for
    photographs.
    """
    image_check_upload(upload)
    content = upload.read()
    digest = hashlib.sha256(content).hexdigest()[:24]
    with PIL.Image.open(io.BytesIO(content)) as opened:
        opened.load()
        picture = opened.convert(
            "RGBA" if opened.mode in ("RGBA", "LA", "P") else "RGB"
        )
        format = opened.format
    fallback = "PNG" if format in ("PNG", "GIF") else "JPEG"
    widths = [w for w in RENDITION_WIDTHS if w < picture.width] + [
        min(picture.width, RENDITION_WIDTHS[-1])
    ]
    renditions = []
    for width in widths:
        height = max(1, round(picture.height * width / picture.width))
        resized = picture.resize((width, height), PIL.Image.Resampling.LANCZOS)
        stem = f"{digest}-{width}"
        renditions.append(
            {
                "width": width,
                "height": height,
                "webp": _store(_encode(resized, "WEBP"), stem, "webp"),
                "fallback": _store(_encode(resized, fallback), stem, FORMATS[fallback]),
            }
        )
    image.file = _store(content, digest, FORMATS[format])
    image.width, image.height = picture.size
    image.renditions = renditions
    image.save()
    return image
