"""Template context every public page shares: the footer's site pages.

The footer is on every page, so its links are cached rather than queried per
request. The list changes only when a site page is approved or archived
(``reviews.signals``) or saved with a new address; the receivers in
``conditions.receivers`` forget it then. The timeout bounds staleness where
the cache is per process (the default local-memory cache with several
workers); a shared cache (Redis) sees every invalidation at once.
"""

from django.core.cache import cache
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from conditions.models import SitePage

FOOTER_CACHE_KEY = "conditions:footer-site-pages"
FOOTER_CACHE_SECONDS = 600


def footer_site_pages() -> list[dict]:
    """Title and address of each published site page, in footer order: one
    query when the cache is cold, none after."""
    links = cache.get(FOOTER_CACHE_KEY)
    if links is None:
        rows = (
            SitePage.objects.published()
            .in_footer_order()
            .values_list("slug", "live_version__data__title")
        )
        links = [
            {"title": title, "url": reverse("conditions:site_page", args=[slug])}
            for slug, title in rows
        ]
        cache.set(FOOTER_CACHE_KEY, links, FOOTER_CACHE_SECONDS)
    return links


def forget_footer_site_pages() -> None:
    cache.delete(FOOTER_CACHE_KEY)


def site_pages(request) -> dict:
    """``footer_site_pages``, read only if a template uses it (admin pages
    and JSON responses never do)."""
    return {"footer_site_pages": SimpleLazyObject(footer_site_pages)}
