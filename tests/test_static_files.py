"""Static files as production serves them (issue 9): names carry a hash of
their content, so whitenoise may let browsers and proxies keep them for ten
years; a name without a hash is kept a minute."""

import pytest
from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.test import Client, override_settings

PRODUCTION_STORAGES = {
    **settings.STORAGES,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# A request's end closes stale database connections (request_finished).
pytestmark = pytest.mark.django_db


@pytest.fixture
def collected(tmp_path):
    with override_settings(STORAGES=PRODUCTION_STORAGES, STATIC_ROOT=tmp_path):
        call_command("collectstatic", interactive=False, verbosity=0)
        yield


def test_hashed_static_files_are_cached_for_ten_years(collected):
    url = staticfiles_storage.url("css/site.css")
    assert url != "/static/css/site.css"  # a hashed name

    response = Client().get(url)
    response.close()

    assert response.status_code == 200
    assert response["Cache-Control"] == "max-age=315360000, public, immutable"


def test_unhashed_names_are_kept_briefly(collected):
    response = Client().get("/static/css/site.css")
    response.close()

    assert response.status_code == 200
    assert "immutable" not in response["Cache-Control"]


def test_static_files_carry_the_content_security_policy(collected):
    """An SVG opened on its own is a document: scripts in it obey the same
    policy as the pages' (whitenoise adds it, above django-csp's middleware)."""
    response = Client().get(staticfiles_storage.url("img/logo.svg"))
    response.close()

    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy


def test_static_files_pass_the_page_cache_by(collected, django_assert_num_queries):
    """No publication generation to read and no ``Vary: Cookie``, which
    would make proxies keep a copy per visitor's cookies."""
    url = staticfiles_storage.url("css/site.css")
    with django_assert_num_queries(0):
        response = Client().get(url)
    response.close()

    assert response.status_code == 200
    assert "Cookie" not in response.get("Vary", "")
