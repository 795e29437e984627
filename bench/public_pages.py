"""Benchmark: how fast the public pages answer.

First the article page by article size, then the home, search, ICD-10 browse
and look-up pages with many published articles. Runs against a throw-away
SQLite database (or DATABASE_URL if set) and prints the SQL queries per page
and the mean and 95th-percentile time per request.
Usage: make bench   (or .venv/bin/python bench/public_pages.py [requests])
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "condition_site.settings")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3")
os.environ.setdefault("DJANGO_DEBUG", "0")
os.environ.setdefault(
    "DJANGO_SECRET_KEY", "bench-only-secret-key-not-for-production-" + "x" * 20
)
os.environ.setdefault("SITE_URL", "http://testserver")
os.environ.setdefault("DJANGO_DEFAULT_FROM_EMAIL", "bench@example.org")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from tests.factories import make_article, make_condition, make_user, publish  # noqa: E402

ARTICLES = 100


def _counting(log: list):
    def wrapper(execute, sql, *args):
        log.append(sql)
        return execute(sql, *args)

    return wrapper


def measure(client, url: str, requests: int) -> tuple[int, float, float]:
    """(queries, mean ms, p95 ms) for ``requests`` GETs of ``url``."""
    queries = []
    with connection.execute_wrapper(_counting(queries)):
        response = client.get(url, secure=True)
    if response.status_code != 200:
        sys.exit(f"{url} answered {response.status_code}")
    timings = []
    for _ in range(requests):
        start = time.perf_counter()
        client.get(url, secure=True)
        timings.append((time.perf_counter() - start) * 1000)
    p95 = statistics.quantiles(timings, n=20)[-1]
    return len(queries), statistics.mean(timings), p95


def main(requests: int) -> None:
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    editor = make_user("bench-editor", "Editors")
    reviewer = make_user("bench-reviewer", "Reviewers")
    condition = make_condition()
    client = Client()
    print(f"{'sections':>8} {'refs':>5} {'queries':>7} {'mean ms':>8} {'p95 ms':>7}")
    for sections, references in [(2, 3), (30, 60), (100, 200)]:
        article = make_article(
            condition=condition,
            by=editor,
            sections=sections,
            references=references,
            title=f"Bench {sections}",
        )
        publish(article, editor=editor, reviewer=reviewer)
        queries, mean, p95 = measure(client, article.get_absolute_url(), requests)
        print(f"{sections:>8} {references:>5} {queries:>7} {mean:>8.2f} {p95:>7.2f}")

    for n in range(ARTICLES):
        publish(
            make_article(condition=condition, by=editor, title=f"Topic {n}"),
            editor=editor,
            reviewer=reviewer,
        )
    print(f"\nwith {ARTICLES + 3} published articles")
    print(f"{'page':<28} {'queries':>7} {'mean ms':>8} {'p95 ms':>7}")
    for name, url in [
        ("home", reverse("conditions:home")),
        ("search ?q=section", reverse("conditions:search") + "?q=section"),
        ("ICD-10 browse", reverse("conditions:icd10_browse")),
        ("ICD-10 look-up D89.4", reverse("conditions:icd10_lookup", args=["D89.4"])),
    ]:
        queries, mean, p95 = measure(client, url, requests)
        print(f"{name:<28} {queries:>7} {mean:>8.2f} {p95:>7.2f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
