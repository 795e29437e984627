"""What readers' search indexes for an article: its published text, never a draft.

``Article`` inherits ``PublishedArticleIndex``. The text comes from the live
published version, so a draft's edits never reach the index; the index is
refreshed only when a version is approved or archived (receivers in
``conditions.search``), not on every save of the draft.

The database backends of ``modelsearch`` keep one "title" column and one
"body" column; the field named ``title`` fills the first, everything else the
second. The title column therefore holds what a reader would call the name of
the page: its title, the condition's name and its synonyms and abbreviations
(so "MAS" finds macrophage activation syndrome).
"""

from collections.abc import Iterator
from html import unescape

from django.utils.html import strip_tags
from modelsearch import index


def _data(article) -> dict:
    version = article.live_version
    return version.data if version is not None else {}


def published_title(article) -> str:
    data = _data(article)
    condition = article.public_condition
    names = [condition.public_name, *condition.public_synonym_list] if condition else []
    return " ".join(part for part in [data.get("title", ""), *names] if part)


def published_summary(article) -> str:
    return _data(article).get("summary", "")


def public_sections(version) -> Iterator[tuple[str, str]]:
    """(heading, plain text) of each section every reader may see, one at a
    time: a snippet stops at the first that matches.

    Members-only sections are left out, so that neither the index nor a
    search snippet shows them to readers who are not signed in.
    """
    fragments = getattr(version, "fragments", None) or {}
    for section in version.data.get("sections", []):
        if section.get("visibility", "public") != "public":
            continue
        html = fragments.get(f"section:{section.get('anchor')}")
        text = unescape(strip_tags(html)) if html else section["body"]
        yield section["heading"], " ".join(text.split())


def published_body(article) -> str:
    """Public section headings and text, and the ICD-10-CM codes' titles."""
    version = article.live_version
    if version is None:
        return ""
    condition = article.public_condition
    codes = [
        f"{code['code']} {code['title']}"
        for code in (condition.public_codes if condition else [])
    ]
    texts = [f"{heading}. {text}" for heading, text in public_sections(version)]
    return " ".join([*texts, *codes])


class PublishedText(index.SearchField):
    """A search field whose text is read from the live published version."""

    def __init__(self, field_name, extract, boost=None):
        super().__init__(field_name, boost=boost)
        self.extract = extract

    def get_value(self, obj):
        return self.extract(obj)


class PublishedArticleIndex(index.Indexed):
    # Drafts are saved often and must not change what readers find: the
    # receivers in conditions.search re-index on approval and archive instead.
    search_auto_update = False

    search_fields = [
        PublishedText("title", published_title, boost=3.0),
        PublishedText("summary", published_summary, boost=2.0),
        PublishedText("sections", published_body, boost=1.0),
        # Search results are narrowed with ``pk__in`` and the published filter.
        index.FilterField("id"),
        index.FilterField("live_version"),
        index.RelatedFields("public_condition", [index.FilterField("live_version")]),
    ]

    @classmethod
    def get_indexed_objects(cls):
        return cls.objects.published()
