"""Load test: the public pages served as ``make serve`` serves them, under wrk.

Loads the demo into a throw-away SQLite database (or ``DATABASE_URL``), then
starts two servers (granian, as ``make serve``; ``BENCH_SERVER=gunicorn`` to
compare) with production settings and ``WEB_WORKERS`` workers (default 2):
one with the page cache on, one with it off
(``PAGE_CACHE_SECONDS=0``; HTTP caching headers stay). For each page it runs
wrk (2 threads, 8 connections, 3 s warm-up, ``BENCH_SECONDS`` counted,
default 15) against both, and, with ``PEER_URL`` set, against the same kind of
page on the Wagtail peer right after (interleaved, as machines are shared).
Prints, as a Markdown table, req/s, p50, p99 and errors per page and server,
the SQL queries an uncached and a cached request cost, and the workers' RSS.
``limit.html`` is the article's own bytes as a static file: the most any page
can be served at here.

Usage: make bench-load   (or .venv/bin/python bench/load.py)
       BENCH_ARTICLES=1000 make bench-load   (the demo plus 1,000 bulk articles)
       PEER_URL=http://127.0.0.1:18801 make bench-load   (see bench/README.md)
"""

import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from production_env import PRODUCTION

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.update(PRODUCTION)
os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/load.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "condition_site.settings")
SECONDS = int(os.environ.get("BENCH_SECONDS", "15"))
WORKERS = os.environ.get("WEB_WORKERS", "2")
# granian, as make serve and production run it (condition_site.server), or
# gunicorn with sync workers for comparison (``pip install gunicorn`` first).
SERVER = os.environ.get("BENCH_SERVER", "granian")
# Approved conditions and overviews to add to the demo (manage.py bench_data),
# e.g. 1000 for a catalogue of the peer's size.
ARTICLES = int(os.environ.get("BENCH_ARTICLES", "0"))
PEER_PAGES = {
    "article": "/conditions/condition-00500/",
    "index": "/conditions/",
    "home": "/",
    "search": "/search/?query=histamine",
    "static limit.html": "/static/limit.html",
}

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402

from condition_site.server import command as server_command  # noqa: E402
from conditions.models import Article  # noqa: E402


def our_pages() -> dict[str, str]:
    article = Article.objects.published().order_by("pk").first()
    code = article.condition.codes.first().code
    return {
        "article": article.get_absolute_url(),
        "index": "/conditions/",
        "home": "/",
        "search": "/search/?q=histamine",
        "ICD look-up": f"/icd10/{code}/",
        "static limit.html": "/static/limit.html",
    }


def queries_of(client: Client, url: str) -> int:
    log = []

    def counting(execute, *args):
        log.append(args[0])
        return execute(*args)

    with connection.execute_wrapper(counting):
        client.get(url)
    return len(log)


def queries_for(url: str) -> tuple[int, int]:
    """SQL queries of a request rendered afresh, and of one from the cache."""
    counts = []
    for seconds in (0, 600):
        with override_settings(PAGE_CACHE_SECONDS=seconds):
            client = Client()
            client.get(url)
            counts.append(queries_of(client, url))
    return counts[0], counts[1]


def prepare() -> dict[str, str]:
    call_command("migrate", verbosity=0)
    # First: approvals keep article pages, which name the static files.
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("load_demo", allow_production=True, verbosity=0)
    if ARTICLES:
        call_command("bench_data", count=ARTICLES, verbosity=0)
    pages = our_pages()
    limit = Path(settings.STATIC_ROOT) / "limit.html"
    limit.write_bytes(Client().get(pages["article"]).content)
    return pages


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(page_cache_seconds: int) -> tuple[subprocess.Popen, str]:
    port = free_port()
    if SERVER == "gunicorn":
        argv = [sys.executable, "-m", "gunicorn", "condition_site.wsgi"]
        argv += ["--bind", f"127.0.0.1:{port}", "--workers", WORKERS]
    else:
        argv = server_command(port=port, workers=int(WORKERS))
    server = subprocess.Popen(
        argv,
        cwd=BASE_DIR,
        env={**os.environ, "PAGE_CACHE_SECONDS": str(page_cache_seconds)},
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{base}/healthz", timeout=1).close()
            return server, base
        except OSError:
            time.sleep(0.1)
    server.terminate()
    sys.exit(f"{SERVER} did not answer at {base}")


def wrk(url: str) -> dict[str, str]:
    command = ["wrk", "-t2", "-c8"]
    subprocess.run([*command, "-d3s", url], capture_output=True, check=True)
    out = subprocess.run(
        [*command, f"-d{SECONDS}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    errors = re.findall(r"(Non-2xx or 3xx responses: \d+|Socket errors: .*)", out)
    return {
        "req/s": re.search(r"Requests/sec:\s+([\d.]+)", out).group(1),
        "p50": re.search(r"^\s+50%\s+(\S+)", out, re.MULTILINE).group(1),
        "p99": re.search(r"^\s+99%\s+(\S+)", out, re.MULTILINE).group(1),
        "errors": "; ".join(errors) or "0",
    }


def workers_rss_mb(server: subprocess.Popen) -> str:
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text()
    sizes = []
    for pid in children.split():
        status = Path(f"/proc/{pid}/status").read_text()
        sizes.append(int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) // 1024)
    return ", ".join(f"{size} MB" for size in sizes)


def main() -> None:
    if subprocess.run(["which", "wrk"], capture_output=True).returncode:
        sys.exit("wrk is missing: apt-get install -y wrk")
    pages = prepare()
    peer = os.environ.get("PEER_URL", "").rstrip("/")
    cache = "Redis" if os.environ.get("REDIS_URL") else "local memory"
    servers = {
        f"ours, cache on ({cache})": serve(600),
        "ours, cache off": serve(0),
    }
    print(
        f"wrk -t2 -c8 -d{SECONDS}s, {WORKERS} {SERVER} workers each, "
        f"{Article.objects.published().count()} published articles\n"
    )
    print("| page | server | req/s | p50 | p99 | errors | queries |")
    print("|---|---|---|---|---|---|---|")
    try:
        for name, path in pages.items():
            fresh, cached = queries_for(path)
            for label, (_, base) in servers.items():
                queries = cached if "cache on" in label else fresh
                row = wrk(f"{base}{path}")
                print(
                    f"| {name} | {label} | {row['req/s']} | {row['p50']} "
                    f"| {row['p99']} | {row['errors']} | {queries} |",
                    flush=True,
                )
            if peer and name in PEER_PAGES:
                row = wrk(f"{peer}{PEER_PAGES[name]}")
                print(
                    f"| {name} | Wagtail peer | {row['req/s']} "
                    f"| {row['p50']} | {row['p99']} | {row['errors']} | |",
                    flush=True,
                )
        print()
        for name, path in pages.items():
            print(f"{name}: ours {path}, peer {PEER_PAGES.get(name, '-')}")
        for label, (server, _) in servers.items():
            print(f"workers' RSS after the load, {label}: {workers_rss_mb(server)}")
    finally:
        for server, _ in servers.values():
            server.terminate()
            server.wait()


if __name__ == "__main__":
    main()
