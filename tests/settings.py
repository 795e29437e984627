"""The project's settings plus a test-only reviewable content type."""

from condition_site.settings import *  # noqa: F403
from condition_site.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "tests.testapp"]

# Flushing between transactional tests must keep SQLite's append-only triggers.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["ENGINE"] = "tests.sqlite_backend"  # noqa: F405

# Most tests change rows without committing (each test is one transaction that
# is rolled back), so the publication generation, bumped after commit, would
# not move: they read pages uncached. tests/conditions_tests/test_page_cache.py
# turns it on.
PAGE_CACHE_SECONDS = 0
