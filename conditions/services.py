"""Writes on content that span several models (the workflow's own writes
live in reviews.services)."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.text import Truncator

from conditions.models import Article, ArticleKind, Enquiry
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
