"""The project's settings plus a test-only reviewable content type."""

from condition_site.settings import *  # noqa: F403
from condition_site.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "tests.testapp"]
