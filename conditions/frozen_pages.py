"""Article pages rendered once and kept: what most readers get costs a row read.

Most readers of an article are anonymous, have not chosen an audience and
come to its own address; while the article's review is not overdue they all
get the same page but for two parts that change without a new version: the
related articles and the footer's links. The first such request renders the
page with a marker in place of each of those ``SLOTS``, keeps the pieces
between them (``FrozenArticlePage``, one upsert) and every later one joins
them around the two parts it renders: no template, no frozen version read.

Kept pieces serve only while they show the live versions of the article and
its condition, rendered by the same templates, code and settings for the same
origin (``rendering_key``): a new approval, a deploy or another host renders
the page afresh. Everyone else (signed in, an audience chosen, a query string,
overdue) gets the page rendered for them, from the same templates and markers.
"""

import dataclasses
import datetime
import functools
import hashlib
import logging
import secrets
from importlib.metadata import version as package_version
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.db import DatabaseError
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from condition_site.prepared_queries import PreparedQuery
from conditions.context_processors import footer_site_pages
from conditions.models import CARD_PATHS, Article, FrozenArticlePage, as_cards
from conditions.reading import reader_audience

logger = logging.getLogger(__name__)

RELATED_ARTICLES_SHOWN = 8

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
def rendering_key(origin: str) -> str:
    """``rendering_inputs`` for one origin: pages carry absolute URLs."""
    return hashlib.sha256(rendering_inputs() + origin.encode()).hexdigest()


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

    def is_current(self, request) -> bool:
        """Whether the kept page shows the live versions, rendered as they
        would be for this request now, and the review is not overdue."""
        return (
            self.kept_version == self.version
            and self.kept_condition_version == self.condition_version
            and self.rendering == rendering_key(request.build_absolute_uri("/"))
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


def keep(request, article, parts: list[str]) -> None:
    """Keep a page's pieces if it is the page most readers get: one upsert.
    A request that read an older version may write after a newer approval:
    the row then names the older version, and is not served. A database that
    refuses the write (read-only, locked too long) costs the next reader a
    render, never this reader their page."""
    if not is_for_everyone(request) or is_overdue(article.live_version.next_review_due):
        return
    try:
        _upsert(request, article, parts)
    except DatabaseError:
        logger.warning("Could not keep article %s's page", article.pk, exc_info=True)


def _upsert(request, article, parts: list[str]) -> None:
    FrozenArticlePage.objects.bulk_create(
        [
            FrozenArticlePage(
                article=article,
                version_id=article.live_version_id,
                condition_version_id=article.public_condition.live_version_id,
                rendering=rendering_key(request.build_absolute_uri("/")),
                parts=parts,
                related_conditions=article.related_conditions,
            )
        ],
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
