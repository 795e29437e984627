"""Single-request p50 and p95 of each public page, and its size, against the
database DATABASE_URL names (say, after `make bench-data N=100000`), with
production-like settings: debug off.

By default nothing is cached (PAGE_CACHE_SECONDS=0): every request works out
everything, the counts across the catalogue included. With
BENCH_SUMMARIES=1 the cache is on (each process's memory) as in production,
the summaries a publication works out (``GENERATION_SUMMARIES``) are worked
out once first, and every request asks for a new address (``?bench=N``), so
that each is a page rendered afresh: what the first reader of a page pays
after a publication.

    DATABASE_URL=postgres://… .venv/bin/python bench/page_timings.py [REQUESTS]
"""

import os
import statistics
import sys
import time
from pathlib import Path

from production_env import PRODUCTION

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.update(PRODUCTION)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "condition_site.settings")
SUMMARIES = os.environ.get("BENCH_SUMMARIES") == "1"
os.environ.setdefault("PAGE_CACHE_SECONDS", "600" if SUMMARIES else "0")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

# Start up as a served worker does: the WSGI module freezes what start-up
# loaded, out of the garbage collector's way.
import condition_site.wsgi  # noqa: E402, F401
from conditions.frozen_pages import keep_pages, stale_pages  # noqa: E402
from conditions.models import Article, Condition, PublicationGeneration  # noqa: E402


def pages() -> dict[str, str]:
    article = Article.objects.published().order_by("-pk").first()
    condition = Condition.objects.published().order_by("-pk").first()
    code = condition.published_codes.first()
    return {
        "home": "/",
        "A–Z (first letter)": "/conditions/",
        "A–Z (B, last page)": "/conditions/?letter=B&page=last",
        "condition": condition.get_absolute_url(),
        "article": article.get_absolute_url(),
        "ICD chapter look-up": f"/icd10/{code.chapter_code}/",
        "ICD code look-up": f"/icd10/{code.code}/",
        "ICD browse": "/icd10/",
        "search, common words": "/search/?q=benchmark+condition",
        "search, two words": "/search/?q=tryptase+flushing",
        "search, a plural": "/search/?q=syndromes",
        "search, a code": "/search/?q=D89.41",
        "search, no hit": "/search/?q=zzyzx",
        "search, a kind alone": "/search/?kind=overview",
        "search, a chapter alone": f"/search/?chapter={code.chapter_code}",
        "search, words+chapter": "/search/?q=benchmark+condition"
        f"&chapter={code.chapter_code}",
        "search, words+filters": "/search/?q=benchmark+condition"
        f"&chapter={code.chapter_code}&audience=patients",
        "sitemap index": "/sitemap.xml",
        "RSS": "/feeds/articles.rss",
    }


def main(requests: int) -> None:
    client = Client(HTTP_HOST="127.0.0.1")
    if SUMMARIES:
        PublicationGeneration.bump()
    call_command("collectstatic", interactive=False, verbosity=0)
    # As approvals keep them, or manage.py keep_pages after a deploy: pages
    # kept by another process (other settings, code) are not this one's.
    start = time.perf_counter()
    kept = keep_pages(stale_pages())
    print(f"Kept {kept} article pages first, in {time.perf_counter() - start:.1f} s.")
    print(
        f"{'page':<22} {'first ms':>8} {'p50 ms':>8} {'p95 ms':>8} "
        f"{'queries':>8} {'KB':>9}"
    )
    for name, url in pages().items():
        times = []
        # One request more, first and shown apart: a new worker loads the
        # page's templates once (in production, workers are warm).
        first = None
        for n in range(-1, requests):
            fresh = f"{url}{'&' if '?' in url else '?'}bench={n}" if SUMMARIES else url
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                response = client.get(fresh, secure=True)
                elapsed = (time.perf_counter() - start) * 1000
            if n >= 0:
                times.append(elapsed)
            else:
                first = elapsed
        p95 = statistics.quantiles(times, n=20)[-1] if len(times) > 1 else times[0]
        print(
            f"{name:<22} {first:>8.1f} {statistics.median(times):>8.1f} {p95:>8.1f} "
            f"{len(queries):>8} {len(response.content) / 1024:>9.1f}"
            + ("" if response.status_code == 200 else f"  ({response.status_code})")
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
