"""RSS and Atom feeds of newly approved and updated articles.

Each approval of a version is its own feed item (the guid carries the version
number), so subscribers see an update when a revised version is approved, not
only when an article first appears.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from conditions.models import Article

FEED_SIZE = 20


class LatestArticlesFeed(Feed):
    title = f"{settings.SITE_NAME}: newly approved and updated articles"
    link = reverse_lazy("conditions:home")
    description = (
        "Articles approved by our medical advisory board, most recently approved first."
    )

    def items(self):
        return Article.objects.recently_approved(FEED_SIZE)

    def item_title(self, article):
        return article.live_version.data["title"]

    def item_description(self, article):
        return escape(article.live_version.data["summary"])

    def item_link(self, article):
        return article.get_absolute_url()

    def item_guid(self, article):
        return f"{article.get_absolute_url()}#version-{article.live_version.number}"

    item_guid_is_permalink = False

    def item_pubdate(self, article):
        return article.live_version.approved_at

    def item_updateddate(self, article):
        return article.live_version.approved_at

    def item_categories(self, article):
        condition = article.public_condition
        codes = [code["code"] for code in condition.public_codes]
        return [article.live_version.data["kind_label"], condition.public_name, *codes]


class TextSummaryAtom1Feed(Atom1Feed):
    """Atom whose entry summaries are ``type="text"`` (Django's say "html")."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = TextSummaryAtom1Feed
    subtitle = LatestArticlesFeed.description

    def item_description(self, article):
        return article.live_version.data["summary"]
