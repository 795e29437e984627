"""Full-text search over published articles, its filters and its index upkeep.

The index (``conditions.indexing``) holds published text only. ``modelsearch``
finds the matches: SQLite FTS5 on the embedded default, PostgreSQL full-text
search in production. The order readers see is then the same on both:
articles whose title (or condition name, synonym or abbreviation) holds every
word first, then those whose summary does, then those matching in the body;
within each group the backend's own relevance decides.
"""

import re

import django_filters
from django import forms
from django.db import connection
from django.db.models import Case, IntegerField, Q, TextField, Value, When
from django.db.models.functions import Cast
from django.shortcuts import redirect
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.views.generic import ListView
from modelsearch import index
from modelsearch.query import Or, Phrase, PlainText

from conditions.indexing import public_sections
from conditions.lookup import icd_item
from conditions.models import Article, ArticleKind, Audience, Condition, ConditionCode

WORD = re.compile(r"\w+")
# What a typed ICD-10-CM code looks like: D89.41, d8941, D89, D80-D89.
CODE_LIKE = re.compile(r"^[A-Z]\d[0-9A-Z](\.?[0-9A-Z]{1,4})?$|^[A-Z]\d\d-[A-Z]\d\d$")
MAX_WORDS = 12
SNIPPET_CHARS = 240


# --- keeping the index in step with what readers can see ------------------


def index_published(sender, item, **kwargs):
    """A version went live: (re-)index the article from it."""
    if isinstance(item, Article):
        for article in Article.objects.published().filter(pk=item.pk):
            index.insert_or_update_object(article)


def remove_unpublished(sender, item, **kwargs):
    """An article was archived: readers can no longer find it."""
    if isinstance(item, Article):
        index.remove_object(item)


def reindex_condition(sender, instance, **kwargs):
    """A condition's name or synonyms changed: they are part of the title text."""
    for article in Article.objects.published().filter(condition=instance):
        index.insert_or_update_object(article)


def remove_deleted(sender, instance, **kwargs):
    index.remove_object(instance)


# --- understanding the query ------------------------------------------------


def query_words(text: str) -> list[str]:
    """Words only: no punctuation reaches FTS5 or tsquery syntax."""
    return WORD.findall(text.lower())[:MAX_WORDS]


def typed_code(text: str):
    """The ICD-10-CM item a query names, when the query is a code."""
    text = "".join(text.split()).upper()
    if not CODE_LIKE.match(text):
        return None
    return icd_item(text)


def alternative_names(words: list[str]) -> list[str]:
    """What the typed words also stand for, from the conditions' synonyms.

    "MAS" → "macrophage activation syndrome"; "macrophage activation
    syndrome" → "mas", "secondary hlh". One query.
    """
    phrase = " ".join(words)
    if not phrase:
        return []
    alternatives = []
    for name, synonyms in Condition.objects.filter(
        Q(synonyms__icontains=phrase) | Q(name__icontains=phrase)
    ).values_list("name", "synonyms"):
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


TITLE_FIELDS = ["live_version__data__title", "condition__name", "condition__synonyms"]
SUMMARY_FIELDS = ["live_version__data__summary"]


def search_published(articles, words: list[str], alternatives: list[str]):
    """``articles`` matching the words, ranked title > summary > body."""
    results = articles.search(full_text_query(words, alternatives), operator="and")
    # The database backends hand back an ORM queryset: rank it further there.
    matched = results.get_queryset()
    ranked = matched.annotate(
        tier=Case(
            When(_holds(TITLE_FIELDS, words, alternatives), then=Value(0)),
            When(_holds(SUMMARY_FIELDS, words, alternatives), then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        )
    )
    return ranked.order_by("tier", *matched.query.order_by)


# --- snippets ---------------------------------------------------------------


def _pattern(words: list[str], alternatives: list[str]) -> re.Pattern | None:
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
    texts = [summary] + [f"{h}: {t}" for h, t in public_sections(version)]
    for text in texts:
        match = pattern.search(text) if pattern else None
        if match:
            start = max(0, match.start() - SNIPPET_CHARS // 4)
            if start:
                start = text.rfind(" ", 0, start) + 1
            passage = text[start : start + SNIPPET_CHARS]
            lead = "… " if start else ""
            tail = " …" if start + SNIPPET_CHARS < len(text) else ""
            return mark_safe(lead + highlight(passage, pattern) + tail)  # noqa: S308
    return highlight(summary, pattern)


# --- filters ----------------------------------------------------------------


def validate_category(value: str) -> None:
    item = icd_item(value)
    if item is None or item.level in {"chapter", "block"}:
        raise forms.ValidationError(
            "Enter an ICD-10-CM category or code such as D89 or D89.4."
        )


class ArticleFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        label="Kind of article",
        choices=ArticleKind.choices,
        empty_label="Any kind",
        method="filter_kind",
    )
    chapter = django_filters.ChoiceFilter(
        label="ICD-10-CM chapter", empty_label="Any chapter", method="filter_code"
    )
    category = django_filters.CharFilter(
        label="ICD-10-CM category or code",
        method="filter_code",
        validators=[validate_category],
        help_text="For example D89, or D89.4 for everything under it.",
    )
    audience = django_filters.ChoiceFilter(
        label="Has sections written for",
        choices=[c for c in Audience.choices if c[0] != Audience.EVERYONE],
        empty_label="Any reader",
        method="filter_audience",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        chapters = (
            ConditionCode.objects.filter(
                condition__in=Condition.objects.with_published_articles()
            )
            .values_list("chapter_code", "chapter_title")
            .distinct()
        )
        self.filters["chapter"].extra["choices"] = [
            (code, f"Chapter {code}: {title}")
            for code, title in sorted(chapters, key=lambda c: int(c[0]))
        ]

    def filter_kind(self, queryset, name, value):
        # The published kind, not the draft's.
        return queryset.filter(live_version__data__kind=value)

    def filter_code(self, queryset, name, value):
        return queryset.coded_under(icd_item(value).code)

    def filter_audience(self, queryset, name, value):
        # Sections live in the published data; its JSON text is the same on
        # SQLite and PostgreSQL, which lets one lookup serve both.
        return queryset.annotate(
            published_json=Cast("live_version__data", TextField())
        ).filter(published_json__contains=f'"audience": "{value}"')

    @property
    def is_active(self) -> bool:
        return self.is_bound and any(
            self.form.cleaned_data.get(name) for name in self.filters
        )


# --- the page -----------------------------------------------------------------


class SearchView(ListView):
    """``/search/?q=…``: ranked, highlighted, paginated, filterable."""

    template_name = "conditions/search.html"
    context_object_name = "results"
    paginate_by = 10

    def get(self, request, *args, **kwargs):
        self.query = request.GET.get("q", "").strip()[:200]
        item = typed_code(self.query)
        if item is not None:
            return redirect(item.get_absolute_url())
        self.words = query_words(self.query)
        self.alternatives = alternative_names(self.words)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        self.filterset = ArticleFilter(
            self.request.GET, queryset=Article.objects.published()
        )
        articles = Article.objects.published()
        if self.filterset.is_valid() and self.filterset.is_active:
            articles = articles.filter(pk__in=self.filterset.qs.values("pk"))
        elif not self.words:
            return Article.objects.none()
        if not self.words:
            return articles.order_by("-live_version__approved_at", "pk")
        return search_published(articles, self.words, self.alternatives)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pattern = _pattern(self.words, self.alternatives)
        context.update(
            query=self.query,
            filterset=self.filterset,
            alternatives=self.alternatives,
            entries=[
                {
                    "article": article,
                    "title": highlight(article.live_version.data["title"], pattern),
                    "snippet": snippet(article, pattern),
                }
                for article in context["results"]
            ],
        )
        return context
