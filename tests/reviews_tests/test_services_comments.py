"""Review comments: who may write and resolve them, and when."""

import pytest

from reviews.models import ReviewComment, ReviewCommentResolution, ReviewState
from reviews.services import (
    MSG_ALREADY_RESOLVED,
    MSG_EMPTY_COMMENT,
    TransitionRefused,
    review_comment,
    review_resolve_comment,
    review_submit,
)
from tests.factories import bring_to, edit, make_user

pytestmark = pytest.mark.django_db

S = ReviewState
COMMENT_STATES = {S.SUBMITTED, S.UNDER_REVIEW, S.CHANGES_REQUESTED}


@pytest.mark.parametrize("role", ["reader", "editor", "reviewer"])
@pytest.mark.parametrize(
    "state", [S.DRAFT, S.SUBMITTED, S.UNDER_REVIEW, S.CHANGES_REQUESTED]
)
def test_who_may_comment_when(role, state, memo, editor, reviewer):
    """Editors and reviewers discuss a submitted item; readers never, and
    drafts are not yet up for discussion."""
    bring_to(state, memo, editor=editor, reviewer=reviewer)
    actor = {"reader": make_user("someone"), "editor": editor, "reviewer": reviewer}
    before = ReviewComment.objects.count()

    if role != "reader" and state in COMMENT_STATES:
        comment = review_comment(obj=memo, by=actor[role], body="Why 12 weeks?")
        assert comment.content_hash == memo.revision_hash
        assert ReviewComment.objects.count() == before + 1
    else:
        with pytest.raises(TransitionRefused) as refused:
            review_comment(obj=memo, by=actor[role], body="Why 12 weeks?")
        assert refused.value.message
        assert ReviewComment.objects.count() == before


def test_empty_comment_is_refused(memo, editor):
    review_submit(obj=memo, by=editor)
    with pytest.raises(TransitionRefused) as refused:
        review_comment(obj=memo, by=editor, body="   ")
    assert refused.value.message == MSG_EMPTY_COMMENT
    assert review_comment(obj=memo, by=editor, body=" Why? ").body == "Why?"


def test_request_changes_leaves_an_open_comment_for_the_editor(memo, editor, reviewer):
    bring_to(S.CHANGES_REQUESTED, memo, editor=editor, reviewer=reviewer)

    comment = ReviewComment.objects.for_item(memo).open().get()
    assert comment.body == "Cite a source."
    assert comment.author == reviewer


def test_the_author_resolves_a_comment_once(memo, editor, reviewer):
    bring_to(S.CHANGES_REQUESTED, memo, editor=editor, reviewer=reviewer)
    comment = ReviewComment.objects.get()

    resolved = review_resolve_comment(comment=comment, by=reviewer)

    assert resolved.is_resolved and resolved.resolution.by == reviewer
    assert resolved.resolution.at is not None
    assert not ReviewComment.objects.open().exists()
    with pytest.raises(TransitionRefused) as refused:
        review_resolve_comment(comment=comment, by=reviewer)
    assert refused.value.message == MSG_ALREADY_RESOLVED


def test_resolving_adds_a_row_and_leaves_the_comment_as_written(memo, editor, reviewer):
    """The comment row is append-only: resolving it writes a resolution row,
    and the comment's own columns stay exactly as they were."""
    bring_to(S.CHANGES_REQUESTED, memo, editor=editor, reviewer=reviewer)
    comment = ReviewComment.objects.get()
    before = ReviewComment.objects.values().get()

    review_resolve_comment(comment=comment, by=reviewer)

    assert ReviewComment.objects.values().get() == before
    resolution = ReviewCommentResolution.objects.get()
    assert (resolution.comment, resolution.by) == (comment, reviewer)


def test_comment_stays_with_the_revision_it_was_made_on(memo, editor, reviewer):
    bring_to(S.CHANGES_REQUESTED, memo, editor=editor, reviewer=reviewer)
    old_hash = memo.revision_hash
    edit(memo, by=editor, body="Now with a source.")

    memo.refresh_from_db()
    assert memo.revision_hash != old_hash
    assert ReviewComment.objects.get().content_hash == old_hash
