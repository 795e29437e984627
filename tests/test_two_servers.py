"""Two app servers on one PostgreSQL and one Redis (issue 9): an approval made
through one is served at once by the other, whose page cache held the old text.

Both are real granian processes on loopback ports, reading the test database;
the approval is a reviewer's click in the admin of the first, over HTTP.
"""

import os
import re
import socket
import subprocess
import time
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse

from condition_site import server
from condition_site.totp import current_code
from reviews.services import review_start, review_submit
from tests.factories import (
    PASSWORD,
    edit,
    make_article,
    make_condition,
    make_user,
    totp_device,
    warnings_of,
)
from tests.factories import publish as approve_in_process
from tests.skips import redis_test_url

pytestmark = [pytest.mark.postgres, pytest.mark.redis]

BASE_DIR = Path(__file__).resolve().parent.parent
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url() -> str:
    db = settings.DATABASES["default"]
    credentials = urllib.parse.quote(db["USER"])
    if db["PASSWORD"]:
        credentials += ":" + urllib.parse.quote(db["PASSWORD"])
    host = db["HOST"] or "127.0.0.1"
    return f"postgres://{credentials}@{host}:{db['PORT'] or 5432}/{db['NAME']}"


def get(url: str, opener=None) -> str:
    with (opener or urllib.request.build_opener()).open(url, timeout=10) as response:
        return response.read().decode()


@pytest.fixture
def servers():
    """Two servers' base URLs (as production runs them); both stopped
    after the test."""
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "DATABASE_URL": database_url(),
        "REDIS_URL": redis_test_url(),
        "PAGE_CACHE_SECONDS": "600",
        "DJANGO_CONN_MAX_AGE": "0",
    }
    redis.Redis.from_url(redis_test_url()).flushdb()
    started = []
    for _ in range(2):
        port = free_port()
        process = subprocess.Popen(
            server.command(port=port, workers=1),
            cwd=BASE_DIR,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        started.append((process, f"http://127.0.0.1:{port}"))
    try:
        for process, base in started:
            wait_until_up(process, base)
        yield [base for _, base in started]
    finally:
        for process, _ in started:
            process.terminate()
            process.wait(timeout=10)
            process.stderr.close()
        redis.Redis.from_url(redis_test_url()).flushdb()


def wait_until_up(process, base: str) -> None:
    for _ in range(100):
        if process.poll() is not None:
            pytest.fail(f"{base} stopped: {process.stderr.read().decode()}")
        try:
            get(f"{base}/healthz")
            return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"{base} did not answer /healthz within 10 s")


def admin_session(base: str, username: str):
    """An opener signed in to the admin of ``base`` as ``username``, with the
    code of their authenticator app."""
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(CookieJar())
    )
    login = f"{base}{reverse('admin:login')}"
    token = CSRF_INPUT.search(get(login, opener)).group(1)
    device = totp_device(get_user_model().objects.get(username=username))
    fields = {
        "username": username,
        "password": PASSWORD,
        "otp_token": current_code(device),
    }
    post(opener, login, fields, token)
    return opener


def post(opener, url: str, fields: dict, token: str) -> str:
    fields = {**fields, "csrfmiddlewaretoken": token}
    data = urllib.parse.urlencode(fields, doseq=True)
    request = urllib.request.Request(url, data=data.encode(), headers={"Referer": url})
    with opener.open(request, timeout=10) as response:
        return response.read().decode()


@pytest.fixture
def under_review_again(transactional_db, settings):
    """A published article whose revised title waits for approval."""
    # The servers check passwords with the real hashers.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    editor = make_user("editor", "Editors")
    reviewer = make_user("reviewer", "Reviewers")
    article = make_article(condition=make_condition(), by=editor)
    approve_in_process(article, editor=editor, reviewer=reviewer)
    edit(article, by=editor, title="Revised")
    review_submit(obj=article, by=editor)
    review_start(obj=article, by=reviewer)
    return article


def test_an_approval_through_one_server_is_served_by_the_other_at_once(
    servers, under_review_again
):
    first, second = servers
    article = under_review_again
    page = f"{second}{article.get_absolute_url()}"
    assert "<h1>Overview</h1>" in get(page)
    assert redis.Redis.from_url(redis_test_url()).keys("*page:*")  # cached there

    reviewer = admin_session(first, "reviewer")
    approve = reverse("admin:conditions_article_review", args=[article.pk, "approve"])
    panel = get(
        f"{first}{reverse('admin:conditions_article_change', args=[article.pk])}",
        reviewer,
    )
    token = CSRF_INPUT.search(panel).group(1)
    # Approve with each of the article's problems ticked.
    fields = {"kind": "full", "acknowledged": warnings_of(article)}
    answer = post(reviewer, f"{first}{approve}", fields, token)

    assert "is now approved" in answer
    assert "<h1>Revised</h1>" in get(page)
    assert "<h1>Revised</h1>" in get(f"{first}{article.get_absolute_url()}")
