"""The production web server: granian, serving the WSGI application with
``--workers`` processes of one blocking thread each (what gunicorn's sync
workers do). Measured here at about 1.6 times gunicorn's rate for cached
pages and static files, the same for pages rendered afresh (bench/README.md).

``python -m condition_site.server --port 8000 --workers 3`` runs it; ``make
serve``, the benchmarks and the two-server test start it through
``command``.
"""

import argparse
import os
import sys
from pathlib import Path


def command(*, port: int, workers: int, host: str = "127.0.0.1") -> list[str]:
    """The granian command line serving this site."""
    return [
        str(Path(sys.executable).parent / "granian"),
        *("--interface", "wsgi", "--host", host, "--port", str(port)),
        *("--workers", str(workers), "--blocking-threads", "1"),
        *("--log-level", "warning", "condition_site.wsgi:application"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description="Serve the site with granian.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--workers", type=int, default=2)
    options = parser.parse_args()
    argv = command(port=options.port, workers=options.workers, host=options.host)
    os.execv(argv[0], argv)  # noqa: S606 - our own venv's granian, fixed arguments


if __name__ == "__main__":
    main()
