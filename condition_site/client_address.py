"""The address of the client behind a request, for rate limits and lockouts.

Behind reverse proxies ``REMOTE_ADDR`` is the nearest proxy's address, and the
client's is in ``X-Forwarded-For``; but anyone can send that header, so only
the entries the site's own proxies wrote can be trusted. Each proxy appends
the address it received the request from, so behind ``TRUSTED_PROXY_COUNT``
proxies the client is the entry that many places from the right, and every
entry left of it was written by the client and is ignored.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The client's address: ``REMOTE_ADDR`` with no trusted proxy (the
    default, ``X-Forwarded-For`` ignored), else the ``TRUSTED_PROXY_COUNT``-th
    ``X-Forwarded-For`` entry from the right. A header too short for the
    configured proxies, or whose entry is not an IP address, falls back to
    ``REMOTE_ADDR``: never to an address the client chose."""
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count == 0:
        return remote
    entries = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    if len(entries) < count:
        return remote
    try:
        return str(ipaddress.ip_address(entries[-count].strip()))
    except ValueError:
        return remote
