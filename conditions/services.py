"""Writes on content that span several models (the workflow's own writes
live in reviews.services)."""

from django.db import transaction
from django.utils.text import Truncator, slugify

from conditions.models import Article, ArticleKind, Enquiry
from reviews.services import review_record_edit

MSG_ENQUIRY_NEEDS_CONDITION = (
    "Choose the condition this enquiry is about first (the Condition field), "
    "then turn it into a draft."
)


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
    base = slugify(title)[:180] or "question"
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
