from django.apps import AppConfig


class TestAppConfig(AppConfig):
    """A reviewable content type that exists only in tests, so the workflow is
    tested without ``conditions``."""

    name = "tests.testapp"
    label = "testapp"
    default_auto_field = "django.db.models.BigAutoField"
