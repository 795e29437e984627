"""WSGI entry point: ``condition_site.wsgi:application`` (``condition_site.server``)."""

import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "condition_site.settings")

application = get_wsgi_application()

# What start-up loaded (Django, the apps, the URL patterns and the views they
# import) lives as long as the worker. Frozen, the garbage collector's full
# passes no longer walk it: at 100,000 articles such a pass, every few dozen
# requests, added 30 ms to the page it fell in (bench/README.md).
get_resolver().url_patterns  # noqa: B018 - loaded now, to be frozen with the rest
gc.freeze()
