"""Redis down: readers keep reading and signing in; only the cache degrades
(issue 8, §5).

The cache and session settings are the ones settings.py makes from a
``REDIS_URL`` (read in a fresh process), pointed at a port where nothing
listens: a real connection refused, not a mock.
"""

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.factories import PASSWORD, edit, publish

pytestmark = pytest.mark.django_db

BASE_DIR = Path(__file__).resolve().parent.parent
NOTHING_LISTENS = "redis://127.0.0.1:1/0"
PRINT_CACHE_SETTINGS = (
    "import json; from condition_site import settings as s; "
    "print(json.dumps({'CACHES': s.CACHES, 'SESSION_ENGINE': s.SESSION_ENGINE}))"
)


def settings_for(redis_url: str) -> dict:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("DJANGO_") and k not in {"DATABASE_URL", "REDIS_URL"}
    }
    result = subprocess.run(
        [sys.executable, "-c", PRINT_CACHE_SETTINGS],
        env={**env, "REDIS_URL": redis_url},
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


@pytest.fixture
def redis_down(caplog):
    caplog.set_level(logging.ERROR, logger="condition_site.cache")
    with override_settings(**settings_for(NOTHING_LISTENS)):
        yield


def test_signed_in_reader_reads_published_articles(
    redis_down, client, reader, published
):
    client.force_login(reader)

    assert client.get(published.get_absolute_url()).status_code == 200
    assert client.get("/").status_code == 200
    assert "Log out (reader)" in client.get("/").content.decode()


def test_log_in_and_log_out_work(redis_down, client, reader):
    response = client.post(
        reverse("login"), {"username": "reader", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert "Log out (reader)" in client.get("/").content.decode()

    assert client.post(reverse("logout")).status_code == 302
    assert "Log in" in client.get("/").content.decode()


def test_healthz_reports_the_cache_down_but_stays_up(redis_down, client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {
        "status": "degraded",
        "checks": {"database": "ok", "cache": "unavailable: writes are lost"},
    }


def test_cache_failures_are_logged(redis_down, client, caplog):
    caplog.set_level(logging.WARNING, logger="condition_site.cache")

    client.get("/")

    assert any("carrying on without it" in r.message for r in caplog.records)


@pytest.mark.redis
def test_with_redis_up_the_cache_works_and_healthz_says_ok(client):
    from tests.skips import redis_test_url

    with override_settings(**settings_for(redis_test_url())):
        from django.core.cache import cache

        cache.set("probe", "kept", 10)
        assert cache.get("probe") == "kept"
        response = client.get("/healthz")
        cache.clear()

    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok"},
    }


def test_with_redis_down_public_pages_are_rendered_for_every_request(
    redis_down, settings, client, published, editor, reviewer, committed
):
    settings.PAGE_CACHE_SECONDS = 600
    url = published.get_absolute_url()
    assert client.get(url).status_code == 200

    with committed():
        edit(published, by=editor, title="Revised")
        publish(published, editor=editor, reviewer=reviewer)
    response = client.get(url)

    assert response.status_code == 200
    assert "<h1>Revised</h1>" in response.content.decode()
    assert "public" in response["Cache-Control"]  # HTTP caching stays on


@pytest.mark.redis
def test_with_redis_up_pages_are_cached_in_it_until_the_next_approval(
    settings, client, published, editor, reviewer, committed, django_assert_num_queries
):
    from tests.skips import redis_test_url

    settings.PAGE_CACHE_SECONDS = 600
    url = published.get_absolute_url()
    with override_settings(**settings_for(redis_test_url())):
        from django.core.cache import cache

        cache.clear()
        client.get(url)
        with django_assert_num_queries(1):  # the publication generation
            cached = client.get(url)
        with committed():
            edit(published, by=editor, title="Revised")
            publish(published, editor=editor, reviewer=reviewer)
        revised = client.get(url)
        cache.clear()

    assert "<h1>Overview</h1>" in cached.content.decode()
    assert "<h1>Revised</h1>" in revised.content.decode()
