"""Mail settings read from the environment, as a fresh process sees them."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent
PRINT_MAIL_SETTINGS = (
    "import json; from condition_site import settings as s; "
    "print(json.dumps([s.EMAIL_BACKEND, str(s.EMAIL_FILE_PATH)]))"
)


def mail_settings(**env) -> list[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("DJANGO_") and k != "DATABASE_URL"
    }
    result = subprocess.run(
        [sys.executable, "-c", PRINT_MAIL_SETTINGS],
        env={**clean, **env},
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_development_mail_goes_to_files_in_var_mail():
    backend, folder = mail_settings()

    assert backend == "django.core.mail.backends.filebased.EmailBackend"
    assert folder == str(BASE_DIR / "var" / "mail")


def test_production_sends_through_smtp_by_default():
    backend, _ = mail_settings(DJANGO_DEBUG="0", DJANGO_SECRET_KEY="x" * 50)

    assert backend == "django.core.mail.backends.smtp.EmailBackend"


@pytest.mark.parametrize("debug", ["1", "0"])
def test_the_configured_backend_and_folder_win(debug):
    backend, folder = mail_settings(
        DJANGO_DEBUG=debug,
        DJANGO_SECRET_KEY="x" * 50,
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend",
        DJANGO_EMAIL_FILE_PATH="/tmp/outbox",
    )

    assert backend == "django.core.mail.backends.console.EmailBackend"
    assert folder == "/tmp/outbox"
