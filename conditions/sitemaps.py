from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from conditions.models import Article, PublicationGeneration, SitePage
from conditions.pagination import CountedPaginator


class ArticleSitemap(Sitemap):
    """Every published article, and nothing that is not published: only the
    columns its URL and date need, never the versions' text."""

    changefreq = "monthly"
    limit = 50_000

    def items(self):
        return (
            Article.objects.published()
            .order_by("pk")
            .values_list(
                "public_condition__public_slug",
                "public_slug",
                "live_version__approved_at",
            )
        )

    def location(self, item):
        condition_slug, slug, _ = item
        return reverse("conditions:article_detail", args=[condition_slug, slug])

    def lastmod(self, item):
        return item[2]

    @property
    def paginator(self):
        count = PublicationGeneration.summary("published-articles")["count"]
        return CountedPaginator(self._items(), self.limit, count=count)

    def get_latest_lastmod(self):
        # Django's default reads every item; this is worked out per generation.
        return PublicationGeneration.summary("published-articles")["latest"]


class SitePageSitemap(Sitemap):
    """Every published site page (about us, editorial policy…)."""

    changefreq = "yearly"

    def items(self):
        return SitePage.objects.published().order_by("pk")

    def lastmod(self, page):
        return page.live_version.approved_at

    def get_latest_lastmod(self):
        # A handful of pages, rarely changed: the index gives no date for
        # them rather than spend a query.
        return None
