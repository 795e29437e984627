"""Headers whitenoise gives every static file, once, as it finds the files
(``WHITENOISE_ADD_HEADERS_FUNCTION``)."""

from csp.constants import HEADER
from csp.utils import build_policy


def add_headers(headers, path: str, url: str) -> None:
    """The site's Content-Security-Policy, as the pages have it: an SVG
    opened on its own is a document, and scripts in it must obey it too.
    (Pages get it from django-csp's middleware, placed below the page cache:
    a cached page keeps the header it was rendered with, rather than have it
    built afresh for every reader.)"""
    headers[HEADER] = build_policy()
