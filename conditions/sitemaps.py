from django.contrib.sitemaps import Sitemap

from conditions.models import Article, SitePage


class ArticleSitemap(Sitemap):
    """Every published article, and nothing that is not published."""

    changefreq = "monthly"

    def items(self):
        return Article.objects.published().order_by("pk")

    def lastmod(self, article):
        return article.live_version.approved_at


class SitePageSitemap(Sitemap):
    """Every published site page (about us, editorial policy…)."""

    changefreq = "yearly"

    def items(self):
        return SitePage.objects.published().order_by("pk")

    def lastmod(self, page):
        return page.live_version.approved_at
