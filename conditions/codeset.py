"""The ICD-10-CM code set, read from a small SQLite file by primary key.

The simple-icd-10-cm package holds the whole code set in memory: 185 MB in
every process that imports it, and 1.6 s to load. The site's processes read
a file built from it instead (``codeset_build``, in a child process the
first time the file is missing), so that a web worker holds only the codes
it has looked up. The file is ``settings.ICD10_CODESET``, named after the
package's version, so an upgrade of the package builds a new one.
"""

import subprocess
import sys
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings

MSG_NOT_BUILT = (
    "The ICD-10-CM code set file {path} is missing and could not be built "
    "(set ICD10_CODESET to a writable place, or build it ahead with "
    "`python -m conditions.codeset_build PATH`): {why}"
)

_local = threading.local()
_building = threading.Lock()


@dataclass(frozen=True)
class Entry:
    """One chapter, block or code as the package describes it."""

    code: str
    title: str
    level: str  # chapter, block, category or code (a subcategory)
    ancestors: tuple[str, ...]  # nearest first: parent … block, chapter
    is_leaf: bool


def _file() -> Path:
    path = Path(settings.ICD10_CODESET)
    if not path.exists():
        with _building:
            if not path.exists():
                try:
                    path.parent.mkdir(parents=True, exist_ok=True)
                except OSError as error:
                    raise RuntimeError(
                        MSG_NOT_BUILT.format(path=path, why=error)
                    ) from error
                # Our own interpreter and module, and the settings' path.
                built = subprocess.run(  # noqa: S603
                    [sys.executable, "-m", "conditions.codeset_build", str(path)],
                    capture_output=True,
                    text=True,
                )
                if built.returncode:
                    raise RuntimeError(
                        MSG_NOT_BUILT.format(path=path, why=built.stderr)
                    )
    return path


def _connection():
    connection = getattr(_local, "connection", None)
    if connection is None:
        import sqlite3

        uri = f"file:{_file()}?mode=ro&immutable=1"
        connection = _local.connection = sqlite3.connect(uri, uri=True)
    return connection


@lru_cache(maxsize=8192)
def entry(code: str) -> Entry | None:
    """The chapter, block or code written exactly ``code`` (dots included,
    upper case), or None."""
    row = (
        _connection()
        .execute(
            "SELECT title, level, ancestors, leaf FROM item WHERE code = ?", (code,)
        )
        .fetchone()
    )
    if row is None:
        return None
    title, level, ancestors, leaf = row
    return Entry(
        code, title, level, tuple(filter(None, ancestors.split(","))), bool(leaf)
    )


def categories() -> list[str]:
    """Every three-character category code, in the code set's order."""
    rows = _connection().execute(
        "SELECT code FROM item WHERE level = 'category' ORDER BY code"
    )
    return [code for (code,) in rows]
