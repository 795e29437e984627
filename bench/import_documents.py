"""Benchmark: importing 50 documents (Word, saved web pages, Markdown, text).

Runs against a throw-away SQLite database (or DATABASE_URL if set), imports
the same mix of generated documents through the import service, and prints
the total and per-document time.
Usage: .venv/bin/python bench/import_documents.py
"""

import io
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "condition_site.settings")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3")

import django  # noqa: E402

django.setup()

import docx  # noqa: E402
from django.core.management import call_command  # noqa: E402

from conditions.importing.service import import_document  # noqa: E402
from tests.factories import make_condition, make_user  # noqa: E402

DOCUMENTS = 50
PARAGRAPH = "This paragraph stands for a few sentences of an editor's text. " * 4
HEADINGS = ["Symptoms", "Causes", "Diagnosis", "Treatment", "Outlook"]


def word_file(n: int) -> bytes:
    document = docx.Document()
    document.add_heading(f"Word document {n}", level=0)
    for heading in HEADINGS:
        document.add_heading(heading, level=1)
        document.add_paragraph(PARAGRAPH)
        document.add_paragraph("A point in a list", style="List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def web_page(n: int) -> bytes:
    sections = "".join(
        f"<h2>{h}</h2><p>{PARAGRAPH}</p><ul><li>One</li><li>Two</li></ul>"
        for h in HEADINGS
    )
    return (
        f"<html><body><nav><a href='/'>Home</a></nav><main><h1>Web page {n}</h1>"
        f"<p>{PARAGRAPH}</p>{sections}</main><footer>Footer</footer></body></html>"
    ).encode()


def markdown(n: int) -> bytes:
    body = "".join(f"# {h}\n\n{PARAGRAPH}\n\n- One\n- Two\n\n" for h in HEADINGS)
    return f"{PARAGRAPH}\n\n{body}".encode()


def text(n: int) -> bytes:
    body = "".join(f"{h}\n\n{PARAGRAPH}\n\n• One\n• Two\n\n" for h in HEADINGS)
    return f"Text page {n}\n\n{PARAGRAPH}\n\n{body}".encode()


FORMATS = [("docx", word_file), ("html", web_page), ("md", markdown), ("txt", text)]


def main():
    call_command("migrate", verbosity=0)
    condition = make_condition()
    editor = make_user("bench-editor")
    files = [
        (f"doc-{n}.{suffix}", make(n))
        for n in range(DOCUMENTS)
        for suffix, make in [FORMATS[n % len(FORMATS)]]
    ]
    start = time.perf_counter()
    for name, content in files:
        import_document(
            name, content, condition=condition, kind="overview", editor=editor
        )
    elapsed = time.perf_counter() - start
    print(
        f"Imported {DOCUMENTS} documents ({', '.join(s for s, _ in FORMATS)}) "
        f"in {elapsed:.2f} s, {elapsed / DOCUMENTS * 1000:.0f} ms each"
    )


if __name__ == "__main__":
    main()
