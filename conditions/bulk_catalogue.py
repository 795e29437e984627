"""A large published catalogue made with bulk inserts, for benchmarks and
scale tests: conditions coded across the ICD-10-CM chapters, each approved,
with one approved overview article.

The approval service renders and checks each item (100-170 ms apiece), which
at 100,000 articles takes hours; this writes the same rows readers' pages
read (drafts, published versions, published projections, code and chapter
rows and A–Z lines), in batches, with one rendered body shared by every
article, and adds the articles to the search index (a third of the time at
100,000) unless told not to.
"""

import dataclasses
import datetime
from collections.abc import Iterator
from itertools import cycle

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from modelsearch.backends import get_search_backend

from conditions import icd10
from conditions.codeset import categories
from conditions.frozen_pages import keep_pages
from conditions.models import (
    Article,
    Condition,
    ConditionCode,
    IndexEntry,
    PublicationGeneration,
    PublishedConditionCode,
    audience_columns,
    write_chapters,
)
from conditions.rendering import render_article
from reviews.models import PublishedVersion, ReviewState, content_hash

BATCH = 1_000
SECTIONS = 8


def _codes() -> Iterator[icd10.IcdCode]:
    """Category codes of every chapter that a condition may carry, in turn,
    forever."""
    usable = []
    for code in categories():
        try:
            usable.append(icd10.lookup(code))
        except ValidationError:
            continue
    return cycle(usable)


def _audience(number: int, section: int) -> str:
    """A third of the articles have a section for patients, a fifth one for
    professionals: search's audience filter matches some, as in life."""
    if section == 2 and number % 3 == 0:
        return "patients"
    if section == 3 and number % 5 == 0:
        return "professionals"
    return "everyone"


def _article_data(number: int) -> dict:
    sections = [
        {
            "heading": f"Section {n}",
            "kind": "other",
            "audience": _audience(number, n),
            "visibility": "public",
            "anchor": f"s-section-{n}",
            "body": f"Paragraph {n} of a benchmark article, citing [1].",
        }
        for n in range(1, SECTIONS + 1)
    ]
    return {
        "title": f"Benchmark condition {number:06d}: overview",
        "kind": "overview",
        "kind_label": "Condition overview",
        "summary": f"What benchmark condition {number:06d} is, in two sentences.",
        "sections": sections,
        "references": [
            {
                "number": 1,
                "authors": "Doe J",
                "title": "A study",
                "source": "J Test",
                "year": 2020,
                "doi": "",
                "pmid": "",
                "url": "",
            }
        ],
    }


def build_catalogue(
    count: int, *, approver, start: int = 0, search_index: bool = True
) -> None:
    """Add ``count`` approved conditions, each with an approved overview,
    numbered from ``start``; ``approver`` signs every version. Their pages are
    kept as an approval keeps them (``frozen_pages``) and, with
    ``search_index``, the overviews are added to the search index, a batch
    at a time."""
    html, fragments = render_article(_article_data(0))
    codes = _codes()
    index = get_search_backend().get_index_for_model(Article)
    for first in range(start, start + count, BATCH):
        numbers = range(first, min(first + BATCH, start + count))
        with transaction.atomic():
            articles = _batch(
                numbers, codes, approver=approver, html=html, fragments=fragments
            )
            keep_pages(Article.objects.published().filter(pk__in=articles))
            if search_index:
                published = Article.get_indexed_objects().filter(pk__in=articles)
                index.add_items(Article, list(published))
    # As an approval does: pages and summaries made before are retired.
    PublicationGeneration.bump()


def _batch(numbers, codes, *, approver, html, fragments) -> list[int]:
    """The batch's conditions and overviews, published; their article ids."""
    now = timezone.now()
    due = timezone.localdate(now) + datetime.timedelta(days=365)
    conditions = Condition.objects.bulk_create(
        Condition(
            name=f"Benchmark condition {n:06d}",
            slug=f"benchmark-condition-{n:06d}",
            public_name=f"Benchmark condition {n:06d}",
            public_slug=f"benchmark-condition-{n:06d}",
            review_state=ReviewState.APPROVED,
            created_by=approver,
        )
        for n in numbers
    )
    coded = [(condition, next(codes)) for condition in conditions]
    ConditionCode.objects.bulk_create(
        ConditionCode(condition=condition, position=1, **dataclasses.asdict(code))
        for condition, code in coded
    )
    PublishedConditionCode.objects.bulk_create(
        PublishedConditionCode(
            condition=condition, position=1, **dataclasses.asdict(code)
        )
        for condition, code in coded
    )
    articles = Article.objects.bulk_create(
        Article(
            condition=condition,
            public_condition=condition,
            kind="overview",
            public_kind="overview",
            **audience_columns(_article_data(n)),
            title=f"Benchmark condition {n:06d}: overview",
            slug="overview",
            public_slug="overview",
            summary=f"What benchmark condition {n:06d} is, in two sentences.",
            review_state=ReviewState.APPROVED,
            created_by=approver,
        )
        for n, condition in zip(numbers, conditions, strict=True)
    )

    condition_data = [
        {
            "name": condition.name,
            "slug": condition.slug,
            "synonyms": "",
            "codes": [dataclasses.asdict(code)],
            "related": [],
            "resources": [],
        }
        for condition, code in coded
    ]
    article_data = [
        {
            **_article_data(n),
            "slug": "overview",
            "condition": {"id": condition.pk, "name": condition.name},
        }
        for n, condition in zip(numbers, conditions, strict=True)
    ]
    entries = [
        entry
        for condition, data in zip(conditions, condition_data, strict=True)
        for entry in IndexEntry.entries_of(condition, data)
    ]
    for entry in entries:
        entry.listed = True  # each condition gets its published article below
    IndexEntry.objects.bulk_create(entries)
    stamp = {"approver": approver, "now": now, "due": due}
    _publish_all(conditions, condition_data, html="", fragments={}, **stamp)
    _publish_all(articles, article_data, html=html, fragments=fragments, **stamp)
    ids = [article.pk for article in articles]
    write_chapters(Article.objects.filter(pk__in=ids))
    return ids


def _publish_all(items, datas, *, html, fragments, approver, now, due) -> None:
    """Version 1 of each item, live, with the same body for all."""
    content_type = ContentType.objects.get_for_model(items[0])
    versions = PublishedVersion.objects.bulk_create(
        PublishedVersion(
            content_type=content_type,
            object_id=item.pk,
            number=1,
            data=data,
            html=html,
            fragments=fragments,
            content_hash=content_hash(data),
            approved_by=approver,
            approved_at=now,
            next_review_due=due,
            reviewer_name=approver.get_username(),
            last_reviewed_on=now.date(),
            is_live=True,
        )
        for item, data in zip(items, datas, strict=True)
    )
    for item, version in zip(items, versions, strict=True):
        item.live_version = version
        item.revision_hash = version.content_hash
    type(items[0]).objects.bulk_update(items, ["live_version", "revision_hash"])
