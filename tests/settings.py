"""The project's settings plus a test-only reviewable content type."""

from condition_site.settings import *  # noqa: F403
from condition_site.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "tests.testapp"]

# Flushing between transactional tests must keep SQLite's append-only triggers.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["ENGINE"] = "tests.sqlite_backend"  # noqa: F405
