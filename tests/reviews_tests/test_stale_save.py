"""A content save never writes the workflow fields back (issue 8, section 5).

The instance an editor's save writes may have been loaded before an approval
committed; its copies of the state and the live version are stale.
"""

import pytest

from conditions.models import Article
from reviews.models import PublishedVersion, ReviewState
from reviews.services import review_approve, review_record_edit
from tests.factories import warnings_of
from tests.testapp.models import Memo

pytestmark = pytest.mark.django_db


def test_stale_instance_saved_after_approval_keeps_the_approval(
    under_review, editor, reviewer
):
    stale = Article.objects.get(pk=under_review.pk)
    review_approve(
        obj=Article.objects.get(pk=under_review.pk),
        by=reviewer,
        acknowledged=warnings_of(under_review),
    )

    stale.summary = "A later edit, made on the form opened before approval."
    stale.save()

    article = Article.objects.get(pk=under_review.pk)
    version = PublishedVersion.objects.for_item(article).live().get()
    assert article.review_state == ReviewState.APPROVED
    assert article.live_version == version
    assert article.reviewer is None
    assert article.summary.startswith("A later edit")
    # The admin then records the edit: a new draft, the approval still live.
    assert review_record_edit(obj=stale, by=editor) == ReviewState.DRAFT
    article.refresh_from_db()
    assert article.live_version == version


def test_a_copy_built_for_an_existing_row_writes_no_workflow_fields(memo, reviewer):
    """Like simple-history's copy of an old revision, which has no workflow
    fields at all."""
    Memo.objects.filter(pk=memo.pk).update(review_state=ReviewState.SUBMITTED)

    Memo(pk=memo.pk, title="Restored", body="Old words.").save()

    memo.refresh_from_db()
    assert (memo.title, memo.review_state) == ("Restored", ReviewState.SUBMITTED)
    assert memo.revision_hash != ""


def test_explicit_update_fields_leave_out_workflow_fields(memo):
    memo.review_state = ReviewState.APPROVED
    memo.title = "New title"

    memo.save(update_fields=["title", "review_state"])

    memo.refresh_from_db()
    assert (memo.title, memo.review_state) == ("New title", ReviewState.DRAFT)


def test_new_items_are_still_inserted_whole(editor):
    memo = Memo.objects.create(title="Fresh", body="Words.")

    assert Memo.objects.get(pk=memo.pk).review_state == ReviewState.DRAFT
