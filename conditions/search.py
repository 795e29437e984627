"""Full-text search over published articles.

The index (``conditions.indexing``) holds published text only. ``modelsearch``
finds the matches: SQLite FTS5 on the embedded default, PostgreSQL full-text
search in production. The order readers see is then the same on both:
articles whose title (or condition name, synonym or abbreviation) holds every
word first, then those whose summary does, then those matching in the body;
within each group the backend's own relevance decides.
"""

import itertools
import re

from django.conf import settings
from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import Case, IntegerField, Q, Value, When
from django.db.models.functions import Lower
from django.utils.html import escape
from django.utils.safestring import mark_safe
from modelsearch.query import Or, Phrase, PlainText

from conditions import icd10
from conditions.indexing import public_sections
from conditions.models import Condition

WORD = re.compile(r"\w+")
# What a typed ICD-10-CM code looks like: D89.41, d8941, D89, D80-D89.
CODE_LIKE = re.compile(r"^[A-Z]\d[0-9A-Z](\.?[0-9A-Z]{1,4})?$|^[A-Z]\d\d-[A-Z]\d\d$")
MAX_WORDS = 12
SNIPPET_CHARS = 240


def query_words(text: str) -> list[str]:
    """Words only: no punctuation reaches FTS5 or tsquery syntax."""
    return WORD.findall(text.lower())[:MAX_WORDS]


def typed_code(text: str) -> icd10.IcdItem | None:
    """The ICD-10-CM item a query names, when the query is a code."""
    text = icd10.normalize(text)
    if not CODE_LIKE.match(text):
        return None
    return icd10.icd_item(text)


# A phrase in thousands of names ("condition") stands for none of them: the
# look-up reads at most this many.
MAX_NAME_MATCHES = 50


def alternative_names(words: list[str], typed: str = "") -> list[str]:
    """What the typed words also stand for, from the conditions' synonyms.

    "MAS" → "macrophage activation syndrome"; "macrophage activation
    syndrome" → "mas", "secondary hlh". One query, which reads the
    conditions that have the phrase among their other names (a trigram
    index on PostgreSQL) or as their name (``typed`` as typed, or its
    words: the unique index on the lower-case name), never every name that
    merely contains it ("condition" in thousands).
    """
    phrase = " ".join(words)
    if not phrase:
        return []
    published = (
        Condition.objects.published()
        .order_by()
        .values_list("public_name", "public_synonyms")
    )
    named = (
        published.exclude(public_name="")  # the unique index leaves those out
        .alias(lower_name=Lower("public_name"))
        .filter(lower_name__in={phrase, typed.strip().lower()})
    )
    rows = published.filter(public_synonyms__icontains=phrase).union(named, all=True)
    alternatives = []
    for name, synonyms in rows[:MAX_NAME_MATCHES]:
        names = [name, *synonyms.split(",")]
        spelled = [" ".join(query_words(n)) for n in names]
        if phrase in spelled:
            alternatives += [n for n in spelled if n and n != phrase]
    return list(dict.fromkeys(alternatives))


def full_text_query(words: list[str], alternatives: list[str]):
    typed = PlainText(" ".join(words), operator="and")
    if not alternatives:
        return typed
    return Or([typed, *(Phrase(name) for name in alternatives)])


def _starts_word(word: str) -> str:
    # PostgreSQL's regular expressions spell "start of a word" \m; Python's
    # (SQLite's REGEXP in Django) spell it \b.
    start = r"\m" if connection.vendor == "postgresql" else r"\b"
    return start + re.escape(word)


def _holds(fields: list[str], words: list[str], alternatives: list[str]) -> Q:
    """Every typed word in one of ``fields``, or a whole alternative name."""
    every_word = Q()
    for word in words:
        any_field = Q()
        for field in fields:
            any_field |= Q(**{f"{field}__iregex": _starts_word(word)})
        every_word &= any_field
    for name in alternatives:
        for field in fields:
            every_word |= Q(**{f"{field}__icontains": name})
    return every_word


TITLE_FIELDS = [
    "live_version__data__title",
    "public_condition__public_name",
    "public_condition__public_synonyms",
]
SUMMARY_FIELDS = ["live_version__data__summary"]


# Matches ranked for one search on PostgreSQL, at most, from each of two
# lists (those whose title holds the words, then any): ranking reads each
# match's frozen title and summary, which for a phrase in 100,000 articles
# took 2 s; ranking 100 rather than 200 of each took 9 ms rather than 14.
MAX_RANKED = 100


def ranked_at_most() -> int | None:
    """``MAX_RANKED`` on PostgreSQL, where catalogues grow large; None on
    SQLite (the embedded default), which ranks every match."""
    return MAX_RANKED if connection.vendor == "postgresql" else None


def search_published(
    articles, words: list[str], alternatives: list[str], *, filtered=None
):
    """``articles`` matching the words, ranked title > summary > body; only
    those of ``filtered`` (the search filters' queryset of them), if given.

    On PostgreSQL at most ``MAX_RANKED`` matches whose title (with the
    condition's names) holds the words are ranked, found through the index
    of titles, with at most as many others as the index finds them: the
    best matches are among them whatever the catalogue's size. A search
    with more matches says so (``is_capped``) rather than count them all."""
    query = full_text_query(words, alternatives)
    # The database backends hand back an ORM queryset: rank it further there.
    found = articles.search(query, operator="and").get_queryset()
    # modelsearch filters on its own fields only: the filters' articles are
    # those among the matches.
    matched = found
    if filtered is not None:
        matched = found.filter(pk__in=filtered.values("pk"))
    if cap := ranked_at_most():
        within = articles if filtered is None else filtered
        titled = within.filter(index_entries__title=title_query(words, alternatives))
        hits = matched
        if filtered is not None:  # from the filters' side: 4 ms, not 21
            hits = filtered.filter(pk__in=found.order_by().values("pk"))
        candidates = (
            titled.order_by()
            .values("pk")[:cap]
            .union(hits.order_by().values("pk")[:cap])
        )
        # The candidates alone are ranked: with the filters in this query
        # too, the planner joined every article first (0.8-1.8 s at
        # 100,000 articles).
        matched = found.filter(pk__in=candidates)
    ranked = matched.annotate(
        tier=Case(
            When(_holds(TITLE_FIELDS, words, alternatives), then=Value(0)),
            When(_holds(SUMMARY_FIELDS, words, alternatives), then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        )
    )
    return ranked.order_by("tier", *matched.query.order_by)


def is_capped(count: int) -> bool:
    """Whether a search's ``count`` of ranked matches stopped at the cap
    (there may be more)."""
    cap = ranked_at_most()
    return cap is not None and count >= cap


# Articles a search by filters alone lists, at most: the newest approved.
MAX_LISTED = 1000


def title_query(words: list[str], alternatives: list[str]) -> SearchQuery:
    """Every typed word, or one alternative name as a phrase, as a tsquery
    in the search's configuration (PostgreSQL)."""
    config = settings.MODELSEARCH_BACKENDS["default"]["SEARCH_CONFIG"]
    query = SearchQuery(" ".join(words), config=config, search_type="plain")
    for name in alternatives:
        query |= SearchQuery(name, config=config, search_type="phrase")
    return query


# --- snippets ---------------------------------------------------------------


def match_pattern(words: list[str], alternatives: list[str]) -> re.Pattern | None:
    terms = sorted({*alternatives, *words}, key=len, reverse=True)
    if not terms:
        return None
    alternation = "|".join(r"\s+".join(map(re.escape, t.split())) for t in terms)
    return re.compile(rf"\b(?:{alternation})\w*", re.IGNORECASE)


def highlight(text: str, pattern: re.Pattern | None) -> str:
    """``text`` escaped, with each match wrapped in <mark>."""
    if pattern is None:
        return escape(text)
    pieces, last = [], 0
    for match in pattern.finditer(text):
        pieces += [escape(text[last : match.start()]), "<mark>"]
        pieces += [escape(match.group()), "</mark>"]
        last = match.end()
    pieces.append(escape(text[last:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece is escaped


def snippet(article, pattern: re.Pattern | None) -> str:
    """A short passage around the first match: summary first, then sections."""
    version = article.live_version
    summary = version.data["summary"]
    if pattern is None:  # filters alone: nothing to find
        return highlight(summary, pattern)
    # Lazily: the sections' text is taken out of their HTML only if the
    # summary has no match.
    sections = (f"{h}: {t}" for h, t in public_sections(version))
    for text in itertools.chain([summary], sections):
        match = pattern.search(text) if pattern else None
        if match:
            start = max(0, match.start() - SNIPPET_CHARS // 4)
            if start:
                start = text.rfind(" ", 0, start) + 1
            end = start + SNIPPET_CHARS
            if end < len(text):
                # Cut before the word the limit falls in, never inside it.
                end = max(text.rfind(" ", start, end + 1), match.end())
            passage = text[start:end].rstrip()
            lead = "… " if start else ""
            tail = " …" if end < len(text) else ""
            return mark_safe(lead + highlight(passage, pattern) + tail)  # noqa: S308
    return highlight(summary, pattern)
