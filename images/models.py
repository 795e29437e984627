"""The image library: pictures with their alt text, caption, credit and
licence, stored through Django's storage API with responsive renditions.

Content that shows an image pins ``Image.as_data()`` in its review data, so
what readers see is the exact file and text that were approved.
"""

from django.db import models


def pinned_text(images: dict[str, dict]) -> str:
    """Pinned image data as one line per image, for the reviewer's diff: a
    new file or changed words show as a change."""
    return "\n".join(
        f"Image {key}: {image['file']}; alt text “{image['alt_text']}”; caption "
        f"“{image['caption']}”; credit “{image['credit']}”; licence "
        f"“{image['licence']}”"
        for key, image in sorted(images.items(), key=lambda item: int(item[0]))
    )


class ImageQuerySet(models.QuerySet):
    def pinned(self, ids: list[int]) -> dict[str, dict]:
        """The data of each image among ``ids`` that exists, by id as text
        (the form JSON keeps); ids not in the library are left out."""
        return {str(image.pk): image.as_data() for image in self.filter(pk__in=ids)}


class Image(models.Model):
    file = models.ImageField(
        upload_to="images/",
        width_field="width",
        height_field="height",
        help_text="A JPEG, PNG, WebP or GIF picture. Place it in a body with "
        "a line of its own: ![alt text](image:ID), ID being this image's number.",
    )
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    alt_text = models.CharField(
        max_length=300,
        help_text="What the picture shows, for readers who cannot see it.",
    )
    caption = models.CharField(max_length=500, blank=True)
    credit = models.CharField(
        max_length=200, blank=True, help_text="Who made it, e.g. “Drawing: A. Lee”."
    )
    licence = models.CharField(
        max_length=200,
        blank=True,
        help_text="e.g. “CC BY 4.0” or “All rights reserved”.",
    )
    # [{"width", "height", "webp", "fallback"}], narrowest first: storage names.
    renditions = models.JSONField(default=list, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ImageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"Image {self.pk}: {self.alt_text or 'no alt text'}"

    def reference(self) -> str:
        """How an editor places this image in a body."""
        return f"![{self.alt_text}](image:{self.pk})"

    def as_data(self) -> dict:
        """Everything a page needs to show this image, as it is now."""
        return {
            "id": self.pk,
            "file": self.file.name,
            "width": self.width,
            "height": self.height,
            "alt_text": self.alt_text,
            "caption": self.caption,
            "credit": self.credit,
            "licence": self.licence,
            "renditions": self.renditions,
        }
