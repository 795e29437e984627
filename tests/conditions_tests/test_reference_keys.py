"""References that can't drift: citations by key follow their reference when
the list is reordered or cut, DOIs and PMIDs are stored in one form,
references can be pasted as RIS or BibTeX, and the list has one style."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from conditions.models import Reference
from conditions.problems import article_warnings
from conditions.references import (
    MAX_PASTE_ENTRIES,
    PasteError,
    cite_by_key,
    formatted_references,
    new_key,
    normalise_doi,
    normalise_pmid,
    parse_pasted,
)
from conditions.rendering import render_article, render_markdown
from tests.factories import admin_url, form_rows, messages_of, sign_in

pytestmark = pytest.mark.django_db

AKIN = {
    "number": 1,
    "key": "akin2010",
    "authors": "Akin C, Valent P, Metcalfe DD, et al.",
    "title": "Mast cell activation syndrome: proposed diagnostic criteria",
    "source": "J Allergy Clin Immunol",
    "year": 2010,
    "doi": "10.1016/j.jaci.2010.08.002",
    "pmid": "20932565",
    "url": "https://doi.org/10.1016/j.jaci.2010.08.002",
}

# RIS ends each record with "ER  - " (a space after the dash).
RIS = "\n".join(
    [
        "TY  - JOUR",
        "AU  - Akin, Cem",
        "AU  - Valent, Peter",
        "TI  - Mast cell activation syndrome: proposed diagnostic criteria",
        "T2  - J Allergy Clin Immunol",
        "PY  - 2010",
        "DO  - https://doi.org/10.1016/j.jaci.2010.08.002",
        "ER  - ",
        "",
        "TY  - JOUR",
        "AU  - Weiler, Catherine R",
        "TI  - Mast cell activation syndrome: tools for diagnosis",
        "JO  - J Allergy Clin Immunol Pract",
        "PY  - 2019",
        "ER  - ",
        "",
    ]
)

BIBTEX = """@article{molderings2011,
  author = {Molderings, Gerhard J. and Brettner, Stefan},
  title = {Mast cell activation disease: a concise {practical} guide},
  journal = {J Hematol Oncol},
  year = {2011},
  doi = {doi:10.1186/1756-8722-4-10},
  pmid = {PMID: 21418662}
}"""


# -- keys --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("authors", "title", "year", "taken", "expected"),
    [
        ("Akin C, Valent P", "Any", 2010, set(), "akin2010"),
        ("Akin C", "Any", 2010, {"akin2010"}, "akin2010b"),
        ("Akin C", "Any", 2010, {"akin2010", "akin2010b"}, "akin2010c"),
        ("Ørsted Å", "Any", None, set(), "orsted"),
        ("", "The syndrome of MCAS", 2024, set(), "syndrome2024"),
        ("", "", None, set(), "ref"),
        ("123 Group", "A", 2020, set(), "r1232020"),
        ("<script>", "A", 2020, set(), "script2020"),
    ],
)
def test_a_key_is_made_from_author_and_year(authors, title, year, taken, expected):
    assert new_key(authors=authors, title=title, year=year, taken=taken) == expected


def test_a_saved_reference_gets_a_unique_key(draft):
    first, second, third = draft.references.all()
    assert [first.key, second.key, third.key] == ["doe2020", "doe2020b", "doe2020c"]


def test_two_references_of_one_article_cannot_share_a_key(draft):
    with pytest.raises(IntegrityError), transaction.atomic():
        Reference.objects.create(article=draft, title="Again", key="doe2020")


@pytest.mark.parametrize("key", ["<b>x</b>", "Akin2010", "2010akin", "a" * 41, "a b"])
def test_a_key_with_other_characters_is_refused(draft, key):
    reference = draft.references.first()
    reference.key = key
    with pytest.raises(ValidationError, match="lower-case letters"):
        reference.full_clean()


# -- citations by key ----------------------------------------------------------


def test_a_citation_by_key_shows_the_references_current_number():
    references = [{**AKIN, "number": 2}, {**AKIN, "number": 1, "key": "valent2012"}]
    html = render_markdown("Seen [@akin2010; @valent2012].", references=references)
    assert re.search(r'href="#ref-2"[^>]*>2</a>, <a href="#ref-1"[^>]*>1</a>', html)


def test_an_unknown_key_stays_text_and_is_a_warning():
    data = {
        "sections": [{"heading": "Signs", "body": "Seen [@nobody2020] [@akin2010]."}],
        "references": [AKIN],
    }
    assert "[@nobody2020]" in render_markdown(
        data["sections"][0]["body"], references=[AKIN]
    )
    assert article_warnings(data) == [
        "Section “Signs”: citation [@nobody2020] has no reference."
    ]


def test_numbers_become_keys_read_against_the_list():
    body, changes = cite_by_key(
        "A [1]. B [2, 3]. C [1–2]. D [9]. E [x](/y).", list("abc")
    )
    assert body == "A [@a]. B [@b; @c]. C [@a; @b]. D [9]. E [x](/y)."
    assert changes == ["[1] → [@a]", "[2, 3] → [@b; @c]", "[1–2] → [@a; @b]"]


def test_reordering_references_in_the_form_keeps_each_citation(client, editor, draft):
    """Sections cite [1] (Study 1): the editor moves Study 3 to the top and
    deletes Study 2 in one save. The citation still points at Study 1."""
    sign_in(client, editor)
    study1, study2, study3 = draft.references.all()
    response = client.post(
        admin_url("change", draft),
        form_rows(
            draft,
            **{
                "references-0-position": 2,
                "references-1-DELETE": "on",
                "references-2-position": 1,
            },
        ),
        follow=True,
    )

    assert response.status_code == 200
    assert any("now cite by key" in m for m in messages_of(response))
    draft.refresh_from_db()
    bodies = [s.body for s in draft.sections.all()]
    assert all(f"[@{study1.key}]" in body for body in bodies)
    data = draft.review_data()
    assert [r["title"] for r in data["references"]] == ["Study 3", "Study 1"]
    html, _ = render_article(data)
    assert re.search(r'href="#ref-2"[^>]*>2</a>', html)  # Study 1 is number 2 now
    assert not re.search(r'href="#ref-1"[^>]*>1</a>', html)


def test_deleting_a_cited_reference_is_reported_not_repointed(client, editor, draft):
    sign_in(client, editor)
    client.post(admin_url("change", draft), form_rows(draft))  # cite by key
    study1 = draft.references.get(title="Study 1")
    client.post(
        admin_url("change", draft),
        form_rows(draft, **{"references-0-DELETE": "on"}),
        follow=True,
    )

    warnings = draft.review_warnings(draft.review_data())
    assert (
        f"Section “Section 1”: citation [@{study1.key}] has no reference." in warnings
    )
    html, _ = render_article(draft.review_data())
    assert f"[@{study1.key}]" in html  # shown as typed, never as Study 2's number


# -- DOI and PMID ----------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "10.1016/j.jaci.2010.08.002",
        "https://doi.org/10.1016/j.jaci.2010.08.002",
        "http://dx.doi.org/10.1016/j.jaci.2010.08.002",
        "doi:10.1016/j.jaci.2010.08.002",
        "DOI: 10.1016/j.jaci.2010.08.002.",
        "https://doi.org/10.1016%2Fj.jaci.2010.08.002",
        "  doi.org/10.1016/j.jaci.2010.08.002 ",
    ],
)
def test_a_doi_is_stored_in_one_form(typed, draft):
    assert normalise_doi(typed) == "10.1016/j.jaci.2010.08.002"
    reference = draft.references.first()
    reference.doi = typed
    reference.full_clean()
    assert reference.doi == "10.1016/j.jaci.2010.08.002"


@pytest.mark.parametrize(
    "typed",
    [
        "20932565",
        "PMID: 20932565",
        "pmid20932565",
        "https://pubmed.ncbi.nlm.nih.gov/20932565/",
        "https://www.ncbi.nlm.nih.gov/pubmed/20932565",
        "pubmed/20932565.",
    ],
)
def test_a_pmid_is_stored_in_one_form(typed):
    assert normalise_pmid(typed) == "20932565"


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("doi", "https://example.org/paper", "Enter a DOI"),
        ("pmid", "PMC123", "A PubMed ID is digits"),
    ],
)
def test_what_is_not_a_doi_or_pmid_is_refused(draft, field, typed, message):
    reference = draft.references.first()
    setattr(reference, field, typed)
    with pytest.raises(ValidationError, match=message):
        reference.full_clean()


# -- pasted RIS and BibTeX ---------------------------------------------------------


def test_ris_is_read_into_references():
    first, second = parse_pasted(RIS)
    assert first == {
        "authors": "Akin C, Valent P",
        "title": "Mast cell activation syndrome: proposed diagnostic criteria",
        "source": "J Allergy Clin Immunol",
        "year": 2010,
        "doi": "10.1016/j.jaci.2010.08.002",
        "pmid": "",
        "url": "",
    }
    assert second["authors"] == "Weiler CR"
    assert second["source"] == "J Allergy Clin Immunol Pract"


def test_bibtex_is_read_into_references():
    (entry,) = parse_pasted(BIBTEX)
    assert entry["authors"] == "Molderings GJ, Brettner S"
    assert entry["title"] == "Mast cell activation disease: a concise practical guide"
    assert (entry["doi"], entry["pmid"], entry["year"]) == (
        "10.1186/1756-8722-4-10",
        "21418662",
        2011,
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Just some words", "No reference found"),
        ("@article{broken, title = {Unfinished", "could not be read as BibTeX"),
        ("TY  - JOUR\nAU  - Nobody, A\nER  - \n", "Entry 1 of the paste has no title"),
        ("TY  - JOUR\n" + "N1  - x\n" * 100_000, "too long"),
        ("@a{" * 100_000, "too long"),  # refused before the parser meets them
        (
            "".join(f"TY  - JOUR\nTI  - T{n}\nER  - \n" for n in range(10_000)),
            "too long",
        ),
        (
            "".join(
                f"TY  - JOUR\nTI  - T{n}\nER  - \n"
                for n in range(MAX_PASTE_ENTRIES + 1)
            ),
            f"at most {MAX_PASTE_ENTRIES} references",
        ),
    ],
)
def test_a_bad_paste_is_refused_with_a_reason(text, message):
    with pytest.raises(PasteError, match=message):
        parse_pasted(text)


def test_a_paste_in_the_form_adds_references_once(client, editor, draft):
    sign_in(client, editor)
    before = draft.references.count()

    response = client.post(
        admin_url("change", draft),
        form_rows(draft, paste_references=RIS + "\n" + RIS),
        follow=True,
    )

    said = " ".join(messages_of(response))
    assert (
        "Added 2 reference(s) from the paste. Left out 2 already in the list "
        "(same DOI, PMID or title)" in said
    )
    added = list(draft.references.order_by("position"))[before:]
    assert [(r.key, r.doi) for r in added] == [
        ("akin2010", "10.1016/j.jaci.2010.08.002"),
        ("weiler2019", ""),
    ]
    assert added[0].position == before + 1


def test_a_bad_paste_in_the_form_saves_nothing(client, editor, draft):
    sign_in(client, editor)
    before = (draft.title, draft.references.count())

    response = client.post(
        admin_url("change", draft),
        form_rows(draft, title="Changed too", paste_references="@article{x, title={"),
    )

    assert response.status_code == 200
    assert "could not be read as BibTeX" in response.content.decode()
    draft.refresh_from_db()
    assert (draft.title, draft.references.count()) == before


# -- one citation style --------------------------------------------------------------


def test_references_are_formatted_in_ama_style():
    (html,) = formatted_references([AKIN])
    assert html.startswith(
        "Akin C, Valent P, Metcalfe DD, et al. Mast cell activation syndrome: "
        "proposed diagnostic criteria. <i>J Allergy Clin Immunol</i>."
    )
    assert "et al.." not in html
    assert html.count("10.1016/j.jaci.2010.08.002</a>") == 1  # the DOI once
    assert 'href="https://pubmed.ncbi.nlm.nih.gov/20932565/"' in html


def test_the_published_list_is_sanitised_and_numbered(draft):
    draft.references.filter(position=1).update(
        title="<script>alert(1)</script> Study", url="https://example.org/" + "a" * 150
    )
    _, fragments = render_article(draft.review_data())
    html = fragments["references"]
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Study" in html
    assert '<li id="ref-1">' in html and '<li id="ref-3">' in html
    assert f'href="https://example.org/{"a" * 150}"' in html


def test_a_new_reference_never_takes_the_key_of_a_deleted_cited_one(draft):
    """Study 1 (doe2020) is cited, then deleted; a new Doe 2020 must not
    quietly become what the citation points to."""
    draft.sections.update(body="Cited [@doe2020].")
    draft.references.get(key="doe2020").delete()

    new = Reference.objects.create(
        article=draft, position=9, authors="Doe J", title="Another", year=2020
    )

    assert new.key == "doe2020d"
    assert "citation [@doe2020] has no reference" in " ".join(
        article_warnings(draft.review_data())
    )


def test_a_journal_reference_with_a_year_reads_journal_then_year():
    (html,) = formatted_references([{**AKIN, "authors": "Akin C"}])
    assert "<i>J Allergy Clin Immunol</i>. 2010." in html
    assert "Published online" not in html


def test_a_pasted_entry_the_form_would_refuse_saves_nothing(client, editor, draft):
    sign_in(client, editor)
    before = draft.references.count()
    bad = RIS.replace("DO  - https://doi.org/10.1016/j.jaci.2010.08.002", "DO  - 42")
    bad = bad.replace("JO  - J Allergy", "UR  - javascript:alert(1)\nJO  - J Allergy")

    response = client.post(
        admin_url("change", draft), form_rows(draft, paste_references=bad)
    )

    page = response.content.decode()
    assert "Entry 1: Enter a DOI" in page
    assert "Entry 2: Enter a valid URL." in page
    assert draft.references.count() == before
