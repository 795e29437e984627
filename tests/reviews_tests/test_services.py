import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction

from reviews.models import PublishedVersion, ReviewEvent, ReviewState
from reviews.services import (
    MSG_CHANGED_SINCE_REVIEW,
    MSG_COMMENT_REQUIRED,
    MSG_NO_PERMISSION,
    MSG_OWN_WORK,
    ApprovalVoided,
    TransitionRefused,
    add_months,
    review_approve,
    review_archive,
    review_hand_back,
    review_pass_on,
    review_record_edit,
    review_request_changes,
    review_restore_version,
    review_start,
    review_submit,
    review_withdraw,
)
from tests.factories import bring_to, edit, make_memo, make_user, publish

pytestmark = pytest.mark.django_db

S = ReviewState


def actor_for(role):
    return {
        "anonymous": AnonymousUser,
        "reader": lambda: make_user("a_reader"),
        "editor": lambda: make_user("an_editor", "Editors"),
        "reviewer": lambda: make_user("a_reviewer", "Reviewers"),
        "admin": lambda: make_user("an_admin", is_superuser=True),
    }[role]()


def reach(state, item, *, editor, reviewer):
    """From a draft that already has a public version 1, go to ``state``."""
    bring_to(
        state if state != S.ARCHIVED else S.APPROVED,
        item,
        editor=editor,
        reviewer=reviewer,
    )
    if state == S.ARCHIVED:
        review_archive(obj=item, by=reviewer, reason="Superseded guidance.")


def published_then_edited(item, *, editor, reviewer):
    """Version 1 public, then a new draft: every state can be reached from here."""
    publish(item, editor=editor, reviewer=reviewer)
    edit(item, by=editor, body="A revised body.")


MATRIX_SERVICES = {
    "submit": lambda obj, by, **_: review_submit(obj=obj, by=by),
    "withdraw": lambda obj, by, **_: review_withdraw(obj=obj, by=by),
    "start_review": lambda obj, by, **_: review_start(obj=obj, by=by),
    "hand_back": lambda obj, by, **_: review_hand_back(obj=obj, by=by),
    "pass_on": lambda obj, by, colleague, **_: review_pass_on(
        obj=obj, by=by, to=colleague
    ),
    "request_changes": lambda obj, by, **_: review_request_changes(
        obj=obj, by=by, comment="Please fix."
    ),
    "approve": lambda obj, by, **_: review_approve(obj=obj, by=by),
    "archive": lambda obj, by, **_: review_archive(
        obj=obj, by=by, reason="Unsafe advice."
    ),
    "restore_version": lambda obj, by, version, **_: review_restore_version(
        obj=obj, by=by, version=version
    ),
}
NOT_ARCHIVED = {s for s in S if s != S.ARCHIVED}
# Which role may make which transition from which state (the item has had a
# public version, so it can be archived from any state but Archived).
ALLOWED = {
    "submit": ({"editor", "admin"}, {S.DRAFT, S.CHANGES_REQUESTED}),
    "withdraw": ({"editor", "admin"}, {S.SUBMITTED, S.UNDER_REVIEW}),
    "start_review": ({"reviewer", "admin"}, {S.SUBMITTED}),
    "hand_back": ({"reviewer", "admin"}, {S.UNDER_REVIEW}),
    "pass_on": ({"reviewer", "admin"}, {S.UNDER_REVIEW}),
    "request_changes": ({"reviewer", "admin"}, {S.UNDER_REVIEW}),
    "approve": ({"reviewer", "admin"}, {S.UNDER_REVIEW}),
    "archive": ({"reviewer", "admin"}, NOT_ARCHIVED),
    "restore_version": (
        {"editor", "admin"},
        {S.DRAFT, S.CHANGES_REQUESTED, S.APPROVED, S.ARCHIVED},
    ),
}
TARGET = {
    "submit": S.SUBMITTED,
    "withdraw": S.DRAFT,
    "start_review": S.UNDER_REVIEW,
    "hand_back": S.SUBMITTED,
    "pass_on": S.UNDER_REVIEW,
    "request_changes": S.CHANGES_REQUESTED,
    "approve": S.APPROVED,
    "archive": S.ARCHIVED,
    "restore_version": S.DRAFT,
}


@pytest.mark.parametrize("role", ["anonymous", "reader", "editor", "reviewer", "admin"])
@pytest.mark.parametrize("transition", list(MATRIX_SERVICES))
@pytest.mark.parametrize("state", list(S))
def test_permission_matrix(role, transition, state, memo, editor, other_reviewer):
    """Only the allowed role in the allowed state moves the item; others are
    refused with a reason and nothing changes. The acting reviewer is the one
    who claimed the review, so hand-back and pass-on are theirs to make."""
    published_then_edited(memo, editor=editor, reviewer=other_reviewer)
    version = memo.live_version
    actor = actor_for(role)
    claimer = actor if role in ("reviewer", "admin") else other_reviewer
    reach(state, memo, editor=editor, reviewer=claimer)
    colleague = make_user("colleague", "Reviewers")
    memo.refresh_from_db()
    before = (
        ReviewEvent.objects.count(),
        PublishedVersion.objects.count(),
        memo.live_version_id,
        memo.reviewer_id,
    )
    roles, states = ALLOWED[transition]
    run = MATRIX_SERVICES[transition]

    if role in roles and state in states:
        assert (
            run(memo, actor, colleague=colleague, version=version)
            == (TARGET[transition])
        )
        memo.refresh_from_db()
        assert memo.review_state == TARGET[transition]
        assert ReviewEvent.objects.count() == before[0] + 1
    else:
        with pytest.raises(TransitionRefused) as refused:
            run(memo, actor, colleague=colleague, version=version)
        assert refused.value.message
        memo.refresh_from_db()
        assert memo.review_state == state
        assert (
            ReviewEvent.objects.count(),
            PublishedVersion.objects.count(),
            memo.live_version_id,
            memo.reviewer_id,
        ) == before


def test_event_records_who_when_from_to_and_comment(memo, editor):
    review_submit(obj=memo, by=editor, comment="Ready for review.")

    event = ReviewEvent.objects.for_item(memo).get()
    assert event.actor == editor
    assert (event.from_state, event.to_state) == (S.DRAFT, S.SUBMITTED)
    assert event.comment == "Ready for review."
    assert event.created_at is not None
    assert event.content_hash == memo.revision_hash


def test_review_events_cannot_be_changed_or_deleted(memo, editor):
    review_submit(obj=memo, by=editor)
    event = ReviewEvent.objects.get()

    event.comment = "rewritten history"
    with pytest.raises(ValueError, match="append-only"):
        event.save()
    with pytest.raises(ValueError, match="append-only"):
        event.delete()
    assert ReviewEvent.objects.get().comment == ""


def test_reviewer_cannot_approve_an_item_they_created(reviewer, other_reviewer):
    reviewer.groups.add(*make_user("tmp", "Editors").groups.all())
    item = make_memo(by=reviewer)
    review_submit(obj=item, by=reviewer)
    review_start(obj=item, by=reviewer)

    with pytest.raises(TransitionRefused) as refused:
        review_approve(obj=item, by=reviewer)

    assert refused.value.message == MSG_OWN_WORK.format(title=item)
    item.refresh_from_db()
    assert item.review_state == S.UNDER_REVIEW
    assert item.live_version is None
    # Another reviewer, once it is passed on to them, may approve it.
    review_pass_on(obj=item, by=reviewer, to=other_reviewer)
    assert review_approve(obj=item, by=other_reviewer) == S.APPROVED


def test_reviewer_cannot_approve_revision_they_edited(
    memo, editor, reviewer, other_reviewer
):
    edit(memo, by=reviewer, body="A reviewer's own rewording.")
    bring_to(S.UNDER_REVIEW, memo, editor=editor, reviewer=reviewer)

    with pytest.raises(TransitionRefused) as refused:
        review_approve(obj=memo, by=reviewer)

    assert "you wrote or edited this revision" in refused.value.message
    assert not PublishedVersion.objects.exists()
    review_pass_on(obj=memo, by=reviewer, to=other_reviewer)
    assert review_approve(obj=memo, by=other_reviewer) == S.APPROVED


def test_request_changes_needs_a_comment(memo, editor, reviewer):
    bring_to(S.UNDER_REVIEW, memo, editor=editor, reviewer=reviewer)

    with pytest.raises(TransitionRefused) as refused:
        review_request_changes(obj=memo, by=reviewer, comment="   ")

    assert refused.value.message == MSG_COMMENT_REQUIRED
    memo.refresh_from_db()
    assert memo.review_state == S.UNDER_REVIEW
    assert review_request_changes(obj=memo, by=reviewer, comment="Shorter.") == (
        S.CHANGES_REQUESTED
    )


def test_editor_is_told_which_role_is_needed(memo, editor, reviewer):
    review_submit(obj=memo, by=editor)

    with pytest.raises(TransitionRefused) as refused:
        review_start(obj=memo, by=editor)

    assert refused.value.message == MSG_NO_PERMISSION.format(
        action="start review", role="reviewer"
    )
    assert review_start(obj=memo, by=reviewer) == S.UNDER_REVIEW


def test_approval_freezes_a_published_version(memo, editor, reviewer):
    publish(memo, editor=editor, reviewer=reviewer)

    memo.refresh_from_db()
    version = memo.live_version
    assert memo.review_state == S.APPROVED
    assert version.number == 1
    assert version.approved_by == reviewer
    assert version.data["title"] == "Overview"
    assert version.data["body"] == "First words."
    assert version.html == "<p>First words.</p>"
    assert version.next_review_due == add_months(version.approved_at.date(), 12)
    assert version.content_hash == memo.revision_hash


def test_an_edit_while_under_review_is_refused_and_undone(memo, editor, reviewer):
    """A claimed item is locked: the save is refused in its own transaction,
    and the reviewer approves what they saw."""
    bring_to(S.UNDER_REVIEW, memo, editor=editor, reviewer=reviewer)

    refused = pytest.raises(TransitionRefused, match="Reviewer is reviewing")
    with refused, transaction.atomic():
        edit(memo, by=editor, body="Changed while the review was under way.")

    memo.refresh_from_db()
    assert memo.body != "Changed while the review was under way."
    assert review_approve(obj=memo, by=reviewer) == S.APPROVED


def test_change_after_review_started_is_not_approved(memo, editor, reviewer):
    """What is published is exactly what the reviewer saw: a change made
    around the lock (no edit recorded) voids the approval."""
    bring_to(S.UNDER_REVIEW, memo, editor=editor, reviewer=reviewer)
    type(memo).objects.filter(pk=memo.pk).update(body="Changed under way.")

    with pytest.raises(ApprovalVoided) as refused:
        review_approve(obj=memo, by=reviewer)

    assert refused.value.message == MSG_CHANGED_SINCE_REVIEW.format(title=memo)
    memo.refresh_from_db()
    assert memo.review_state == S.SUBMITTED
    assert memo.live_version is None
    assert ReviewEvent.objects.for_item(memo).last().to_state == S.SUBMITTED


def test_unsaved_tampering_is_caught_too(memo, editor, reviewer):
    """Even a change made without recording the edit blocks the approval."""
    bring_to(S.UNDER_REVIEW, memo, editor=editor, reviewer=reviewer)
    type(memo).objects.filter(pk=memo.pk).update(body="Quietly changed")

    with pytest.raises(ApprovalVoided):
        review_approve(obj=memo, by=reviewer)
    assert not PublishedVersion.objects.exists()
    # Reviewed afresh, the changed text can be approved.
    review_start(obj=memo, by=reviewer)
    assert review_approve(obj=memo, by=reviewer) == S.APPROVED
    assert PublishedVersion.objects.get().data["body"] == "Quietly changed"


def test_editing_approved_item_starts_draft_and_keeps_old_version_live(
    memo, editor, reviewer
):
    publish(memo, editor=editor, reviewer=reviewer)
    memo.refresh_from_db()
    first_version = memo.live_version

    edit(memo, by=editor, title="Overview, revised")

    memo.refresh_from_db()
    assert memo.review_state == S.DRAFT
    assert memo.live_version == first_version
    assert memo.live_version.data["title"] == "Overview"


def test_second_approval_of_same_revision_is_refused(memo, editor, reviewer):
    bring_to(S.UNDER_REVIEW, memo, editor=editor, reviewer=reviewer)
    stale_copy = type(memo).objects.get(pk=memo.pk)
    review_approve(obj=memo, by=reviewer)

    with pytest.raises(TransitionRefused, match="is approved"):
        review_approve(obj=stale_copy, by=reviewer)
    assert PublishedVersion.objects.count() == 1


def test_saving_unchanged_content_is_not_an_edit(memo, editor, reviewer):
    publish(memo, editor=editor, reviewer=reviewer)

    review_record_edit(obj=memo, by=editor)

    memo.refresh_from_db()
    assert memo.review_state == S.APPROVED


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        ("2026-01-15", 12, "2027-01-15"),
        ("2028-02-29", 12, "2029-02-28"),
        ("2026-08-31", 6, "2027-02-28"),
    ],
)
def test_add_months_clamps_to_month_end(day, months, expected):
    import datetime

    assert add_months(datetime.date.fromisoformat(day), months) == (
        datetime.date.fromisoformat(expected)
    )


def test_approval_announces_the_new_version_after_commit(
    memo, editor, reviewer, django_capture_on_commit_callbacks
):
    from reviews.signals import published

    received = []

    def receiver(sender, item, version, **kwargs):
        received.append((item.pk, version.number))

    published.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            publish(memo, editor=editor, reviewer=reviewer)
    finally:
        published.disconnect(receiver)

    assert received == [(memo.pk, 1)]
