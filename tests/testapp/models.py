"""The smallest reviewable content: a memo with a title and a body."""

from django.db import models
from django.utils.html import format_html

from reviews.models import Reviewable


class Memo(Reviewable):
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)

    class Meta(Reviewable.Meta):
        ordering = ["title"]

    def __str__(self):
        return self.title

    def review_data(self) -> dict:
        return {"title": self.title, "body": self.body}

    def render_review(self, data: dict) -> tuple[str, dict[str, str]]:
        return format_html("<p>{}</p>", data["body"]), {}

    def review_restore(self, data: dict) -> None:
        self.title = data["title"]
        self.body = data["body"]
        self.save()
