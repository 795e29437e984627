"""Template context shared by every page."""

from django.conf import settings


def site(request) -> dict:
    """``SITE_NAME`` for titles, the header and the footer."""
    return {"SITE_NAME": settings.SITE_NAME}
