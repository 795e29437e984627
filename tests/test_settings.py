"""Settings read from the environment, as a fresh process sees them: mail,
and what production refuses to start without."""

import json
from pathlib import Path

import pytest

from tests.factories import run_fresh

BASE_DIR = Path(__file__).resolve().parent.parent
PRINT_MAIL_SETTINGS = (
    "import json; from condition_site import settings as s; "
    "print(json.dumps([s.EMAIL_BACKEND, str(s.EMAIL_FILE_PATH)]))"
)


# Everything production needs, each test leaving out or changing one.
PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "k" * 50,
    "SITE_URL": "https://conditions.example.org",
    "DJANGO_DEFAULT_FROM_EMAIL": "reviews@conditions.example.org",
}


def mail_settings(**env) -> list[str]:
    result = run_fresh(PRINT_MAIL_SETTINGS, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_development_mail_goes_to_files_in_var_mail():
    backend, folder = mail_settings()

    assert backend == "django.core.mail.backends.filebased.EmailBackend"
    assert folder == str(BASE_DIR / "var" / "mail")


def test_production_sends_through_smtp_by_default():
    backend, _ = mail_settings(**PRODUCTION)

    assert backend == "django.core.mail.backends.smtp.EmailBackend"


@pytest.mark.parametrize("debug", ["1", "0"])
def test_the_configured_backend_and_folder_win(debug):
    backend, folder = mail_settings(
        **PRODUCTION | {"DJANGO_DEBUG": debug},
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend",
        DJANGO_EMAIL_FILE_PATH="/tmp/outbox",
    )

    assert backend == "django.core.mail.backends.console.EmailBackend"
    assert folder == "/tmp/outbox"


def refusal(**env) -> str:
    """The error a production start-up stops with ("" if it starts)."""
    result = run_fresh("import condition_site.settings", **env)
    return "" if result.returncode == 0 else result.stderr


def test_production_starts_with_everything_set():
    assert refusal(**PRODUCTION) == ""


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"DJANGO_SECRET_KEY": ""}, "DJANGO_SECRET_KEY is not set"),
        ({"DJANGO_SECRET_KEY": "k" * 49}, "DJANGO_SECRET_KEY is too short"),
        ({"SITE_URL": ""}, "SITE_URL is not set"),
        ({"DJANGO_DEFAULT_FROM_EMAIL": ""}, "DJANGO_DEFAULT_FROM_EMAIL is not set"),
    ],
)
def test_production_refuses_to_start_without(change, message):
    error = refusal(**PRODUCTION | change)

    assert "ImproperlyConfigured" in error
    assert "With DJANGO_DEBUG off the site refuses to start" in error
    assert message in error


def test_every_missing_setting_is_named_at_once():
    error = refusal(DJANGO_DEBUG="0")

    for name in ("DJANGO_SECRET_KEY", "SITE_URL", "DJANGO_DEFAULT_FROM_EMAIL"):
        assert f"{name} is not set" in error


def test_development_needs_none_of_them():
    assert refusal(DJANGO_DEBUG="1") == ""


PRINT_MEDIA_SETTINGS = (
    "import json; from condition_site import settings as s; "
    "print(json.dumps([str(s.MEDIA_ROOT), s.MEDIA_URL, s.STORAGES['default']]))"
)


def test_images_are_files_under_var_media_by_default():
    result = run_fresh(PRINT_MEDIA_SETTINGS)
    root, url, storage = json.loads(result.stdout)

    assert root == str(BASE_DIR / "var" / "media")
    assert url == "media/"
    assert storage == {"BACKEND": "django.core.files.storage.FileSystemStorage"}


def test_a_bucket_puts_images_in_s3_compatible_storage_with_public_urls():
    result = run_fresh(
        PRINT_MEDIA_SETTINGS,
        DJANGO_S3_BUCKET="condition-images",
        DJANGO_S3_ENDPOINT_URL="https://s3.example.org",
    )
    _, _, storage = json.loads(result.stdout)

    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"]["bucket_name"] == "condition-images"
    assert storage["OPTIONS"]["endpoint_url"] == "https://s3.example.org"
    # Pinned file names go into approved pages: their URLs must not expire.
    assert storage["OPTIONS"]["querystring_auth"] is False
