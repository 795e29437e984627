"""The database does not answer: readers get a branded 503 page that says to
retry, not "Server Error (500)" (issue 8, §5).

Each case runs in a fresh process whose DATABASE_URL really cannot be
reached: a SQLite file in a folder that does not exist, a PostgreSQL port
where nothing listens.
"""

import json

import pytest

from tests.factories import run_fresh

UNREACHABLE = {
    "sqlite": "sqlite:////nonexistent-folder/condition-site/db.sqlite3",
    "postgresql": "postgres://postgres@127.0.0.1:1/condition_site",
}
# DEBUG off at request time, as in production (debug shows a traceback).
GET_PAGES = """
import json, django
django.setup()
from django.test import Client, override_settings
with override_settings(DEBUG=False):
    client = Client(raise_request_exception=False)
    out = {}
    for path in ["/", "/conditions/", "/healthz"]:
        r = client.get(path)
        out[path] = {
            "status": r.status_code,
            "retry_after": r.headers.get("Retry-After"),
            "body": r.content.decode(),
        }
print(json.dumps(out))
"""


def pages_with_database_down(database_url: str) -> dict:
    result = run_fresh(
        GET_PAGES, DATABASE_URL=database_url, DJANGO_ALLOWED_HOSTS="testserver"
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


@pytest.fixture(scope="module", params=sorted(UNREACHABLE))
def pages(request) -> dict:
    return pages_with_database_down(UNREACHABLE[request.param])


@pytest.mark.parametrize("path", ["/", "/conditions/"])
def test_pages_are_a_branded_503_with_retry_after(pages, path):
    page = pages[path]

    assert page["status"] == 503
    assert page["retry_after"] == "30"
    assert "Temporarily unavailable" in page["body"]
    assert "Condition Site" in page["body"]
    assert "Server Error" not in page["body"]


def test_healthz_says_the_database_is_down(pages):
    page = pages["/healthz"]

    assert page["status"] == 503
    health = json.loads(page["body"])
    assert health["status"] == "unavailable"
    assert health["checks"]["database"] == "unavailable: OperationalError"
