"""Importing text copied from a web page: the shapes such pages have (a
reference list, sub-headings written as a numbered list, citation numbers at
line ends, furniture with a body) and the seed pages that have them."""

import pytest

from conditions.importing.service import import_document
from tests.skips import seeds_dir

pytestmark = pytest.mark.django_db

PAGE_WITH_REFERENCES = """Managing gout flares

Gout flares settle fastest when treatment starts within a day of the first pain. 1

Treatment

Resting the joint and raising it eases the swelling in most people. 2, 1

References

Guideline

Gout flare management in primary care

Example Clinical Summaries, 2024

Review

Colchicine in acute gout

Journal of Joint Care, 2021

Related Questions

Can diet prevent gout?
Is gout hereditary?

Disclaimer

This page is for healthcare professionals and replaces no clinical judgement.

Have a follow-up question?

Ask our assistant anything and get an answer in seconds.
"""


def run(name, text, condition, editor):
    return import_document(
        name, text.encode(), condition=condition, kind="overview", editor=editor
    )


def left_out(result):
    return {(item["reason"], item["text"]) for item in result.report["left_out"]}


def test_reference_list_with_source_kinds_becomes_references(condition, editor):
    """Each "Guideline"/"Review" line starts a reference: title and source."""
    result = run("gout.txt", PAGE_WITH_REFERENCES, condition, editor)
    references = list(result.article.references.order_by("position"))
    assert [(r.title, r.source, r.year) for r in references] == [
        (
            "Gout flare management in primary care",
            "Example Clinical Summaries, 2024",
            2024,
        ),
        ("Colchicine in acute gout", "Journal of Joint Care, 2021", 2021),
    ]
    assert result.report["references"] == 2
    bodies = "\n".join(s.body for s in result.article.sections.all())
    assert "Guideline" not in bodies and "Colchicine" not in bodies


def test_citation_numbers_at_line_ends_become_citations(condition, editor):
    result = run("gout.txt", PAGE_WITH_REFERENCES, condition, editor)
    (treatment,) = result.article.sections.all()
    first, second = result.article.references.values_list("key", flat=True)
    # Cited by key, so that the citations follow their references ([2, 1]).
    assert treatment.body.endswith(
        f"eases the swelling in most people. [@{second}; @{first}]"
    )
    # The summary is plain text: its citation is not carried into it.
    assert result.article.summary.endswith("of the first pain.")


def test_furniture_sections_are_left_out_with_their_bodies(condition, editor):
    """Related questions, the source's disclaimer and a follow-up prompt go,
    each with what it holds, and the report says why."""
    result = run("gout.txt", PAGE_WITH_REFERENCES, condition, editor)
    reasons = left_out(result)
    assert ("related questions, links to other pages", "Is gout hereditary?") in reasons
    assert (
        "the source site's disclaimer",
        "This page is for healthcare professionals and replaces no clinical judgement.",
    ) in reasons
    assert (
        "call to action",
        "Ask our assistant anything and get an answer in seconds.",
    ) in reasons
    bodies = "\n".join(s.body for s in result.article.sections.all())
    assert "hereditary" not in bodies and "assistant" not in bodies


def test_citation_beyond_the_reference_list_is_reported(condition, editor):
    text = PAGE_WITH_REFERENCES.replace("most people. 2, 1", "most people. 3")
    result = run("gout.txt", text, condition, editor)
    assert ("cited, but not in the page's reference list", "[3]") in left_out(result)


def test_numbers_at_line_ends_stay_as_written_without_references(condition, editor):
    text = "Vitamin D\n\nDose\n\nAdults usually take one tablet a day, strength 10\n"
    result = run("d.txt", text, condition, editor)
    assert result.article.sections.get().body.endswith("strength 10")


def test_numbered_label_pairs_become_sub_headings(condition, editor):
    """ "1. Symptoms:" then "2. <paragraph>" is a sub-heading and its text."""
    text = (
        "Hives\n\nAbout hives\n\nHives are itchy raised patches on the skin.\n\n"
        "1. Symptoms:\n2. Raised, itchy welts that come and go within a day.\n\n"
        "3. Causes:\n4. Often an allergy, sometimes an infection or nothing found.\n"
    )
    section = run("hives.txt", text, condition, editor).article.sections.get()
    assert "# Symptoms\n\n\nRaised, itchy welts" in section.body
    assert "# Causes\n\n\nOften an allergy" in section.body
    assert "1." not in section.body


def test_a_lone_list_number_is_left_out(condition, editor):
    text = "Rash\n\nTreatments\n\n1. Cream applied twice a day.\n\n2.\n"
    result = run("rash.txt", text, condition, editor)
    assert ("empty list item", "2.") in left_out(result)


def seed(prefix, condition, editor):
    (path,) = seeds_dir().glob(f"{prefix}_*.txt")
    return import_document(
        path.name,
        path.read_bytes(),
        condition=condition,
        kind="overview",
        editor=editor,
    )


@pytest.mark.seeds
def test_seed_000_numbered_labels_are_sub_headings(condition, editor):
    article = seed("000", condition, editor).article
    body = article.sections.first().body
    for label in ("Symptoms", "Diagnosis", "Causes", "Treatment"):
        assert f"# {label}\n" in body
    assert "1. Symptoms:" not in body


@pytest.mark.seeds
def test_seed_003_keeps_references_and_citations_and_drops_furniture(condition, editor):
    result = seed("003", condition, editor)
    article = result.article
    assert article.references.count() == 2
    assert (
        article.references.order_by("position")
        .first()
        .source.startswith("Praxis Medical Insights")
    )
    bodies = "\n".join(s.body for s in article.sections.all())
    assert "degranulation causing hypotension and require appropriate " in bodies
    first, second = article.references.values_list("key", flat=True)
    assert f"[@{second}; @{first}]" in bodies  # "[2, 1]" in the page
    for furniture in ("Related Questions", "Professional Medical Disclaimer", "ECG"):
        assert furniture not in bodies
    assert ("cited, but not in the page's reference list", "[3], [4]") in left_out(
        result
    )
