"""Writes on content that span several models (the workflow's own writes
live in reviews.services)."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.text import Truncator

from conditions.models import Article, ArticleKind, Enquiry, Reference
from conditions.references import cite_by_key
from conditions.slugs import title_slug
from reviews.services import review_record_edit

MSG_ENQUIRY_NEEDS_CONDITION = (
    "Choose the condition this enquiry is about first (the Condition field), "
    "then turn it into a draft."
)
MSG_RATE_LIMITED = (
    "We have received several questions from your connection in the last hour. "
    "Please try again later; your text is still in the form below."
)


class EnquiryRateLimited(Exception):
    """Too many enquiries from one client address in the last hour."""

    message = MSG_RATE_LIMITED


def address_hash(address: str) -> str:
    """A client address, keyed with the secret key: enough to rate-limit, not
    enough to identify anyone."""
    return salted_hmac("conditions.enquiry.address", address).hexdigest()


def enquiry_submit(*, enquiry: Enquiry, address: str) -> Enquiry:
    """Store a reader's enquiry, keeping only a keyed hash of their address.

    Refused with ``EnquiryRateLimited`` (and nothing stored) once the same
    address has sent ``ENQUIRIES_PER_HOUR`` in the last hour.
    """
    enquiry.address_hash = address_hash(address)
    since = timezone.now() - datetime.timedelta(hours=1)
    recent = Enquiry.objects.filter(
        address_hash=enquiry.address_hash, created_at__gte=since
    )
    if recent.count() >= settings.ENQUIRIES_PER_HOUR:
        raise EnquiryRateLimited
    enquiry.save()
    return enquiry


@transaction.atomic
def enquiry_to_draft(*, enquiry: Enquiry, by) -> Article:
    """A clinical-question draft seeded with the reader's question.

    Idempotent: an enquiry already turned into a draft returns that draft.
    The reader's name and address never enter the article.
    """
    enquiry = Enquiry.objects.select_for_update().get(pk=enquiry.pk)
    if enquiry.draft_id is not None:
        return enquiry.draft
    if enquiry.condition_id is None:
        raise ValueError(MSG_ENQUIRY_NEEDS_CONDITION)
    title = Truncator(" ".join(enquiry.question.split())).chars(200)
    base = title_slug(title) or "question"
    slug, n = base, 2
    while Article.objects.filter(condition=enquiry.condition, slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    article = Article.objects.create(
        condition=enquiry.condition,
        kind=ArticleKind.QUESTION,
        title=title,
        slug=slug,
        summary="A reader asked this question; the answer is being written.",
    )
    review_record_edit(obj=article, by=by)
    enquiry.draft = article
    enquiry.save(update_fields=["draft"])
    return article


MSG_CITED_BY_KEY = (
    "Citations by number now cite by key, so they follow their reference when "
    "the list changes: {changes}"
)
MSG_PASTED = "Added {added} reference(s) from the paste."
MSG_PASTE_SKIPPED = (
    " Left out {skipped} already in the list (same DOI, PMID or title): {titles}."
)


def cite_sections_by_key(article: Article, *, keys_before: list[str]) -> list[str]:
    """Turn the citations by number in ``article``'s sections into citations
    by key; what changed ("[2] → [@akin2010]"). Numbers are read against
    ``keys_before``, the reference list the editor saw while typing, and
    numbers past its end against the list as saved now."""
    keys_now = list(article.references.values_list("key", flat=True))
    keys = [*keys_before, *keys_now[len(keys_before) :]]
    changes = []
    for section in article.sections.all():
        body, changed = cite_by_key(section.body, keys)
        if changed:
            section.body = body
            section.save(update_fields=["body"])
            changes += changed
    return changes


def add_pasted_references(article: Article, entries: list[dict]) -> tuple[int, list]:
    """Append ``entries`` (``references.parse_pasted``) to ``article``'s
    references, leaving out any listed already (the same DOI, PMID or, for
    one with neither, title); how many were added, and the titles left out."""
    existing = list(article.references.all())
    seen = {mark for ref in existing for mark in _marks(ref.as_data())}
    position = max((ref.position for ref in existing), default=0)
    added, skipped = 0, []
    for entry in entries:
        marks = _marks(entry)
        if marks & seen:
            skipped.append(entry["title"])
            continue
        position += 1
        Reference.objects.create(article=article, position=position, **entry)
        seen |= marks
        added += 1
    return added, skipped


def _marks(reference: dict) -> set[str]:
    """What makes two references the same one."""
    marks = {f"doi:{reference['doi'].lower()}"} if reference["doi"] else set()
    if reference["pmid"]:
        marks.add(f"pmid:{reference['pmid']}")
    return marks or {f"title:{' '.join(reference['title'].lower().split())}"}


def pasted_message(added: int, skipped: list) -> str:
    message = MSG_PASTED.format(added=added)
    if skipped:
        titles = "; ".join(f"“{title[:60]}”" for title in skipped[:5])
        message += MSG_PASTE_SKIPPED.format(skipped=len(skipped), titles=titles)
    return message


def cited_message(changes: list[str]) -> str:
    shown = "; ".join(changes[:5]) + (
        f" and {len(changes) - 5} more" if len(changes) > 5 else ""
    )
    return MSG_CITED_BY_KEY.format(changes=shown)
