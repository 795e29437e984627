"""Whole public pages, cached and sent with HTTP caching headers.

``PublicPageCacheMiddleware`` wraps everything but static files. For an
anonymous GET or HEAD it reads the publication generation (one primary-key
query, ``PublicationGeneration.current()``) and looks the page up in Django's
cache (Redis with ``REDIS_URL``, else each process's memory) under that
generation, the absolute URL, the ``Accept`` header and the reader's audience
choice: everything a public page depends on. Every publication, archival or
restore bumps the generation in the database, so the next request on every
app server looks under a new key: nothing cached before it is served again.

A page is shared (stored, and sent ``Cache-Control: public``) only if it is a
200, 301 or 404 to a reader without a session or messages cookie, sets no
cookie (so no CSRF form: ``get_token()`` always sets one) and says nothing
against it (``private``, ``no-cache``, ``no-store``: ``/healthz``, the admin,
the 410 withdrawn pages). Anything else is sent ``private, no-cache`` unless
the view chose, with ``Vary: Cookie``. Shared pages carry an ``ETag`` (a hash
of their bytes, computed once when stored) and ``Last-Modified`` (when the
generation last changed: the page may show any published item, related
articles and footer links included), and ``If-None-Match`` /
``If-Modified-Since`` get a 304. A cache that is down is a miss
(``condition_site/cache.py``): pages are then rendered for every request.
"""

import hashlib

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import DatabaseError
from django.http import HttpResponse
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)
from django.utils.http import http_date, parse_http_date_safe

from conditions.models import PublicationGeneration
from conditions.reading import reader_audience

SHARED_STATUSES = {200, 301, 404}
PERSONAL_DIRECTIVES = {"private", "no-cache", "no-store"}


def is_anonymous(request) -> bool:
    """No cookie that makes a page personal: a session (signed-in readers) or
    messages waiting to be shown."""
    personal = {settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name}
    return personal.isdisjoint(request.COOKIES)


def page_key(request, generation: int) -> str:
    facts = "\n".join(
        [
            request.build_absolute_uri(),
            # From META: ``request.headers`` would copy every header first.
            request.META.get("HTTP_ACCEPT", ""),
            reader_audience(request),
        ]
    )
    digest = hashlib.sha256(facts.encode()).hexdigest()
    return f"page:{generation}:{digest}"


def is_shareable(response) -> bool:
    directives = {
        part.split("=")[0].strip().lower()
        for part in response.get("Cache-Control", "").split(",")
    }
    return (
        response.status_code in SHARED_STATUSES
        and not response.streaming
        and not response.cookies
        and directives.isdisjoint(PERSONAL_DIRECTIVES)
    )


def share(response, changed_at) -> None:
    """Headers that let browsers and proxies keep and revalidate the page."""
    set_response_etag(response)
    if changed_at is not None:
        response["Last-Modified"] = http_date(changed_at.timestamp())
    patch_cache_control(
        response,
        public=True,
        max_age=settings.PAGE_MAX_AGE,
        stale_while_revalidate=settings.PAGE_STALE_WHILE_REVALIDATE,
    )
    # A signed-in reader or an audience choice changes the page.
    patch_vary_headers(response, ["Cookie"])


def keep_private(response) -> HttpResponse:
    if "Cache-Control" not in response:
        patch_cache_control(response, private=True, no_cache=True)
    patch_vary_headers(response, ["Cookie"])
    return response


def frozen(response) -> tuple:
    return response.status_code, dict(response.items()), response.content


def thawed(stored: tuple) -> HttpResponse:
    status, headers, content = stored
    return HttpResponse(content, status=status, headers=headers)


class PublicPageCacheMiddleware:
    """Place it first: a cached page skips every middleware below, and
    cookies set by any of them keep a page from being shared. Static files
    pass straight on to whitenoise."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(settings.STATIC_URL):
            return self.get_response(request)
        if request.method not in ("GET", "HEAD") or not is_anonymous(request):
            return keep_private(self.get_response(request))
        try:
            generation, changed_at = PublicationGeneration.current()
        except DatabaseError:
            # Uncached: the page says itself what is wrong (503, /healthz).
            return keep_private(self.get_response(request))
        key = page_key(request, generation)
        stored = cache.get(key) if settings.PAGE_CACHE_SECONDS else None
        if stored is not None:
            response = thawed(stored)
        else:
            with PublicationGeneration.pinned((generation, changed_at)):
                response = self.get_response(request)
            if not is_shareable(response):
                return keep_private(response)
            share(response, changed_at)
            if settings.PAGE_CACHE_SECONDS:
                cache.set(key, frozen(response), settings.PAGE_CACHE_SECONDS)
        return get_conditional_response(
            request,
            etag=response.get("ETag"),
            last_modified=parse_http_date_safe(response.get("Last-Modified")),
            response=response,
        )
