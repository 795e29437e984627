"""Screenshots of the public pages, for the README and for design review.

Loads the demo into a throw-away SQLite database, serves it on a free port and
writes PNGs of the home page, an article, a search and a condition page at
1280 and 375 px wide into docs/screenshots/. Each shot is the page from the
top, up to SHOT_HEIGHT pixels.
Usage: make screenshots   (or .venv/bin/python docs/screenshots.py)
"""

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
VIEWPORTS = [(1280, 900), (375, 812)]  # (width, height): desktop and phone
SHOT_HEIGHT = 2400
PAGES = {
    "home": "/",
    "article": "/conditions/mast-cell-activation-syndrome/"
    "mast-cell-activation-syndrome-overview/",
    "search": "/search/?q=MAS",
    "condition": "/conditions/mast-cell-activation-syndrome/",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 - our own server
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def shoot(base: str) -> list[Path]:
    from playwright.sync_api import sync_playwright

    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        for width, height in VIEWPORTS:
            page = browser.new_page(viewport={"width": width, "height": height})
            for name, path in PAGES.items():
                page.goto(base + path)
                full = page.evaluate("document.documentElement.scrollHeight")
                file = OUT / f"{name}-{width}.png"
                page.screenshot(
                    path=file,
                    full_page=True,
                    clip={
                        "x": 0,
                        "y": 0,
                        "width": width,
                        "height": min(full, SHOT_HEIGHT),
                    },
                )
                written.append(file)
            page.close()
        browser.close()
    return written


def main() -> None:
    python = sys.executable
    workdir = Path(tempfile.mkdtemp(prefix="screenshots-"))
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{workdir}/demo.sqlite3",
        "DJANGO_DEBUG": "1",
        "PYTHONWARNINGS": "ignore",
    }
    manage = [python, str(ROOT / "manage.py")]
    quiet = {"env": env, "cwd": ROOT, "check": True, "stdout": subprocess.DEVNULL}
    subprocess.run([*manage, "migrate", "--noinput"], **quiet)  # noqa: S603
    subprocess.run([*manage, "load_demo"], **quiet)  # noqa: S603
    port = free_port()
    server = subprocess.Popen(  # noqa: S603
        [*manage, "runserver", "--noreload", f"127.0.0.1:{port}"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(base + "/healthz")
        OUT.mkdir(parents=True, exist_ok=True)
        for file in shoot(base):
            print(file.relative_to(ROOT))
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
