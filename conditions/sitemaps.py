from django.contrib.sitemaps import Sitemap

from conditions.models import Article


class ArticleSitemap(Sitemap):
    """Every published article, and nothing that is not published."""

    changefreq = "monthly"

    def items(self):
        return Article.objects.published().order_by("pk")

    def lastmod(self, article):
        return article.live_version.approved_at
