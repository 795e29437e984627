"""Article pages rendered as they are published, and kept: what most readers
get costs two row reads.

Most readers of an article are anonymous, have not chosen an audience and
come to its own address; while the article's review is not overdue they all
get the same page but for two parts that change without a new version: the
related articles and the footer's links. When an article (or its condition)
goes live, its page is rendered for such a reader with a marker in place of
each of those ``SLOTS``, and the pieces between them are kept
(``FrozenArticlePage``). A read joins them around the two parts it renders:
no template, no frozen version read, and never a write.

Kept pieces serve only while they show the live versions of the article and
of its condition, rendered by the same templates, code and settings
(``rendering_key``). Anything else (a deploy that changed a template, a page
kept before its review fell due, a reader who is signed in, has chosen an
audience or sent a query string) is rendered for the request from the same
templates and markers; ``manage.py keep_pages`` keeps again what a deploy
made stale.
"""

import dataclasses
import datetime
import functools
import hashlib
import itertools
import secrets
from importlib.metadata import version as package_version
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.staticfiles.storage import staticfiles_storage
from django.db.models import Exists, OuterRef
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from condition_site.prepared_queries import PreparedQuery
from conditions.context_processors import footer_site_pages
from conditions.models import CARD_PATHS, Article, FrozenArticlePage, as_cards
from conditions.reading import article_body_context, reader_audience
from reviews.models import ReviewState, tracker_steps

PAGE_TEMPLATE = "conditions/article_detail.html"
RELATED_ARTICLES_SHOWN = 8
# Pages rendered, then written in one statement, at a time.
KEEP_BATCH = 100

SLOTS = ("related", "footer")
# A new token each process: no text a user writes can hold a marker.
MARKERS = {
    slot: mark_safe(f"<!--{slot}:{secrets.token_hex(16)}-->")  # noqa: S308
    for slot in SLOTS
}
# What a page's HTML is made by, besides the versions it shows.
RENDERING_SOURCES = (
    "templates/**/*.html",
    "condition_site/*.py",
    "conditions/**/*.py",
    "images/**/*.py",
    "reviews/**/*.py",
)
RENDERING_SETTINGS = ("SITE_NAME", "SITE_URL", "STATIC_URL", "MEDIA_URL", "TIME_ZONE")
RENDERING_PACKAGES = ("django", "simple-icd-10-cm")


@functools.cache
def rendering_inputs() -> bytes:
    """The templates and the code that render a page, the static files' names
    (hashed by content), the settings and packages pages show: a deploy that
    changes any of them renders every page afresh."""
    digest = hashlib.sha256()
    base = Path(settings.BASE_DIR)
    for pattern in RENDERING_SOURCES:
        for path in sorted(base.glob(pattern)):
            digest.update(str(path.relative_to(base)).encode())
            digest.update(path.read_bytes())
    digest.update(repr(getattr(staticfiles_storage, "hashed_files", {})).encode())
    for name in RENDERING_SETTINGS:
        digest.update(repr(getattr(settings, name)).encode())
    for name in RENDERING_PACKAGES:
        digest.update(package_version(name).encode())
    return digest.digest()


@functools.cache
def rendering_key() -> str:
    return hashlib.sha256(rendering_inputs()).hexdigest()


def reader_request(path: str) -> HttpRequest:
    """A GET of ``path`` by a reader who is not signed in and sends no cookie
    and no query string: what most readers send."""
    request = HttpRequest()
    request.method = "GET"
    request.path = request.path_info = path
    request.user = AnonymousUser()
    return request


def is_for_everyone(request) -> bool:
    """Whether the reader may get the page most readers get: anonymous, no
    audience chosen, at the page's own address (no query string)."""
    return (
        not request.user.is_authenticated
        and not reader_audience(request)
        and request.get_full_path() == request.path
    )


def is_overdue(due) -> bool:
    """The rule of ``PublishedVersionQuerySet.overdue``."""
    return due is not None and due < timezone.localdate()


KEPT_PAGE = PreparedQuery(
    lambda condition_slug, slug: (
        Article.objects.published()
        .at(condition_slug, slug)
        .order_by()
        .values_list(
            "pk",
            "live_version",
            "public_condition__live_version",
            "live_version__next_review_due",
            "frozen_page__version",
            "frozen_page__condition_version",
            "frozen_page__rendering",
            "frozen_page__parts",
            "frozen_page__related_conditions",
        )
    )
)
RELATED_CARDS = PreparedQuery(
    lambda article, conditions: Article.objects.related_to(article, conditions)[
        :RELATED_ARTICLES_SHOWN
    ].values_list(*CARD_PATHS.values())
)


@dataclasses.dataclass
class KeptPage:
    """A published article's address, with what was kept of its page, if
    anything (``FrozenArticlePage``)."""

    article: int
    version: int
    condition_version: int
    next_review_due: datetime.date | None
    kept_version: int | None
    kept_condition_version: int | None
    rendering: str | None
    parts: list[str] | None
    related_conditions: list[int] | None

    @classmethod
    def at(cls, condition_slug: str, slug: str) -> "KeptPage | None":
        """The published article at that address: one query; None if none."""
        rows = KEPT_PAGE(condition_slug=condition_slug, slug=slug)
        return cls(*rows[0]) if rows else None

    def is_current(self) -> bool:
        """Whether the kept page shows the live versions, rendered as they
        would be now, and the review is not overdue."""
        return (
            self.kept_version == self.version
            and self.kept_condition_version == self.condition_version
            and self.rendering == rendering_key()
            and not is_overdue(self.next_review_due)
        )

    def joined(self) -> str:
        return joined(self.parts, self.article, self.related_conditions)


def cut(html: str) -> list[str] | None:
    """The page's HTML cut at each slot's marker, in ``SLOTS`` order; None if
    a marker is not there exactly once, in that order."""
    parts = []
    rest = html
    for slot in SLOTS:
        before, marker, rest = rest.partition(MARKERS[slot])
        if not marker or MARKERS[slot] in rest:
            return None
        parts.append(before)
    return [*parts, rest]


def page_parts(request, article) -> list[str]:
    """``article``'s page for ``request``, cut at the slots' markers (the
    article as ``Article.objects.published()`` gives it)."""
    context = {
        "article": article,
        "steps": tracker_steps(ReviewState.APPROVED),
        "related_html": MARKERS["related"],
        "footer_html": MARKERS["footer"],
        **article_body_context(
            request, article.live_version, article.public_condition.as_shown()
        ),
    }
    parts = cut(render_to_string(PAGE_TEMPLATE, context, request))
    if parts is None:
        raise ValueError(f"Article {article.pk}'s page lost a slot's marker.")
    return parts


def keep_pages(articles) -> int:
    """Render and keep the pages of ``articles`` (a queryset of
    ``Article.objects.published()``) that are not overdue for review, a
    batch at a time, each batch one upsert. How many were kept."""
    kept = 0
    rows = articles.iterator(chunk_size=KEEP_BATCH)
    while batch := list(itertools.islice(rows, KEEP_BATCH)):
        pages = [
            FrozenArticlePage(
                article=article,
                version_id=article.live_version_id,
                condition_version_id=article.public_condition.live_version_id,
                rendering=rendering_key(),
                parts=page_parts(reader_request(article.get_absolute_url()), article),
                related_conditions=article.related_conditions,
            )
            for article in batch
            if not is_overdue(article.live_version.next_review_due)
        ]
        FrozenArticlePage.objects.bulk_create(
            pages,
            update_conflicts=True,
            unique_fields=["article"],
            update_fields=[
                "version",
                "condition_version",
                "rendering",
                "parts",
                "related_conditions",
            ],
        )
        kept += len(pages)
    return kept


def stale_pages():
    """Published articles whose kept page is missing or not the one they
    would be given now."""
    current = FrozenArticlePage.objects.filter(
        article=OuterRef("pk"),
        version=OuterRef("live_version"),
        condition_version=OuterRef("public_condition__live_version"),
        rendering=rendering_key(),
    )
    return Article.objects.published().exclude(Exists(current))


def joined(parts: list[str], article: int, conditions: list[int]) -> str:
    """The page: its pieces with the related articles (one query) and the
    footer between them."""
    rows = RELATED_CARDS(article=article, conditions=conditions)
    context = {
        "related_articles": as_cards(CARD_PATHS, rows),
        "footer_site_pages": footer_site_pages(),
    }
    fills = {
        "related": render_to_string("includes/_related_articles.html", context),
        "footer": render_to_string("includes/_footer.html", context),
    }
    pieces = [parts[0]]
    for slot, part in zip(SLOTS, parts[1:], strict=True):
        pieces += [fills[slot], part]
    return "".join(pieces)
