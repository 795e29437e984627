"""Every URL a published item ever had leads to its current one.

Like ``django.contrib.redirects``' fallback middleware, this looks only at
requests the site answered with 404: a GET or HEAD for a path recorded in
``PublicPath`` (at every publication) gets a permanent redirect straight to
the item's current URL, when the item is public (has a live version) and that
URL is another one. Archived items and items that were never public keep
their 404; the target is always a path on this site, never another host.
"""

from django.http import HttpResponsePermanentRedirect
from django.utils.http import url_has_allowed_host_and_scheme

from reviews.models import PublicPath


class PublicPathRedirectMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        recorded = PublicPath.objects.filter(path=request.path).first()
        item = recorded.item if recorded else None
        if item is None or getattr(item, "live_version_id", None) is None:
            return response
        current = item.get_absolute_url()
        if current == request.path or not url_has_allowed_host_and_scheme(
            current, allowed_hosts=None
        ):
            return response
        return HttpResponsePermanentRedirect(current)
