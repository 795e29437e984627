"""Benchmark: how fast the public article page renders, by article size.

Runs against a throw-away SQLite database (or DATABASE_URL if set) and prints
the mean and 95th-percentile time per request and the SQL queries per page.
Usage: make bench   (or .venv/bin/python bench/article_page.py [requests])
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
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-secret-key-not-for-production")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from tests.factories import make_article, make_condition, make_user, publish  # noqa: E402


def _counting(log: list):
    def wrapper(execute, sql, *args):
        log.append(sql)
        return execute(sql, *args)

    return wrapper


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
        url = article.get_absolute_url()
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
        print(
            f"{sections:>8} {references:>5} {len(queries):>7} "
            f"{statistics.mean(timings):>8.2f} {p95:>7.2f}"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
