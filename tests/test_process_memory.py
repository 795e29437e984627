"""What a web process loads: not the libraries only some requests need.

simple-icd-10-cm holds 185 MB (the code set is read from a file instead:
``conditions.codeset``); the importers (trafilatura, lxml, mammoth) about
13 MB, loaded only by the import view and command; citeproc only at
approval. Worker memory is measured in ``bench/load.py``."""

import json

from tests.factories import run_fresh

HEAVY = ["simple_icd_10_cm", "trafilatura", "mammoth", "lxml", "citeproc"]


def test_a_server_process_loads_none_of_the_heavy_libraries():
    result = run_fresh(
        "import json, sys, django; django.setup()\n"
        "from conditions import icd10\n"
        "import condition_site.urls, conditions.admin\n"
        "icd10.lookup('D89.41'); icd10.icd_item('D80-D89')\n"
        f"print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))\n"
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []
