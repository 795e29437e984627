"""Site-wide endpoints that belong to no app."""

import secrets
import sys

from django.conf import settings
from django.core.cache import cache
from django.db import InterfaceError, OperationalError, connection
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.views import defaults
from django.views.decorators.cache import never_cache

HEALTH_PROBE_KEY = "healthz:probe"


def database_status() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as error:  # noqa: BLE001 - any database failure means down
        return f"unavailable: {error.__class__.__name__}"
    return "ok"


def cache_status() -> str:
    """A write read back: the cache fails soft (condition_site/cache.py), so a
    lost write is the sign that it is down."""
    token = secrets.token_hex(8)
    try:
        cache.set(HEALTH_PROBE_KEY, token, 10)
        stored = cache.get(HEALTH_PROBE_KEY)
    except Exception as error:  # noqa: BLE001 - any cache failure means down
        return f"unavailable: {error.__class__.__name__}"
    return "ok" if stored == token else "unavailable: writes are lost"


@never_cache
def healthz(request):
    """Each dependency's status, for load balancers and people.

    200 while the database answers: the site can serve every page from it.
    A cache that is down is reported ("degraded") but not fatal, since pages
    then come from the database. 503 when the database does not answer.
    """
    checks = {"database": database_status(), "cache": cache_status()}
    if checks["database"] != "ok":
        status, code = "unavailable", 503
    elif checks["cache"] != "ok":
        status, code = "degraded", 200
    else:
        status, code = "ok", 200
    return JsonResponse({"status": status, "checks": checks}, status=code)


RETRY_AFTER_SECONDS = 30


def database_unavailable() -> HttpResponse:
    """The branded "try again shortly" page, 503 with ``Retry-After``.

    Rendered without the request, so that no context processor runs: every
    one of them may reach the database (the signed-in user, the footer).
    """
    html = loader.render_to_string("503.html", {"SITE_NAME": settings.SITE_NAME})
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request, template_name=defaults.ERROR_500_TEMPLATE_NAME):
    """``handler500``: a database that does not answer is a 503, not a 500.

    Django calls this while handling the exception, so ``sys.exc_info()`` is
    the error, wherever it was raised: view, template or middleware.
    """
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        return database_unavailable()
    return defaults.server_error(request, template_name)
