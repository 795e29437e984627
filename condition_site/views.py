"""Site-wide endpoints that belong to no app."""

from django.db import connection
from django.http import HttpResponse


def healthz(request):
    """200 when the database answers; load balancers poll this."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as error:  # noqa: BLE001 - any database failure is a 503
        return HttpResponse(
            f"database unavailable: {error.__class__.__name__}",
            status=503,
            content_type="text/plain",
        )
    return HttpResponse("ok", content_type="text/plain")
