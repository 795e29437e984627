"""The ICD-10-CM code set is read from a file built from simple-icd-10-cm,
with the same answers, and the site's processes never load the package (it
holds 185 MB in each)."""

import pytest
import simple_icd_10_cm as cm

from conditions import codeset, icd10


@pytest.mark.parametrize("code", cm.get_all_codes(with_dots=True)[::997])
def test_the_file_answers_as_the_package_does(code):
    entry = codeset.entry(code)
    assert entry.title == cm.get_description(code)
    assert list(entry.ancestors) == cm.get_ancestors(code)
    assert entry.is_leaf == cm.is_leaf(code)


def test_codes_that_are_not_in_the_set_are_none():
    assert codeset.entry("D89.49X") is None
    assert codeset.entry("d89.41") is None  # callers normalise first
    assert icd10.icd_item("d8941").code == "D89.41"


def test_a_missing_file_is_built_on_first_use(settings, tmp_path):
    settings.ICD10_CODESET = tmp_path / "codes" / "icd10cm.sqlite3"
    codeset.entry.cache_clear()
    codeset._local.__dict__.pop("connection", None)
    try:
        assert (
            codeset.entry("D89.41").title == "Monoclonal mast cell activation syndrome"
        )
        assert settings.ICD10_CODESET.stat().st_size > 1_000_000
        assert not list(settings.ICD10_CODESET.parent.glob("*.partial"))
    finally:
        codeset.entry.cache_clear()
        codeset._local.__dict__.pop("connection", None)


def test_a_file_that_cannot_be_built_says_where_and_how(settings, tmp_path):
    (tmp_path / "blocked").write_text("a file, not a folder")
    settings.ICD10_CODESET = tmp_path / "blocked" / "icd10cm.sqlite3"
    codeset.entry.cache_clear()
    codeset._local.__dict__.pop("connection", None)
    try:
        with pytest.raises(RuntimeError, match="could not be built .* ICD10_CODESET"):
            codeset.entry("D89.41")
    finally:
        codeset.entry.cache_clear()
        codeset._local.__dict__.pop("connection", None)
