import pytest
from django.contrib.auth.models import AnonymousUser

from reviews.models import PublishedVersion, ReviewEvent, ReviewState
from reviews.services import (
    MSG_CHANGED_SINCE_REVIEW,
    MSG_COMMENT_REQUIRED,
    MSG_NO_PERMISSION,
    MSG_OWN_WORK,
    TransitionRefused,
    add_months,
    review_approve,
    review_record_edit,
    review_request_changes,
    review_start,
    review_submit,
)
from tests.factories import make_user, publish

pytestmark = pytest.mark.django_db

S = ReviewState


def bring_to(state, article, *, editor, reviewer):
    """Put a draft into ``state`` through the services, as people would."""
    if state == S.DRAFT:
        return
    review_submit(obj=article, by=editor)
    if state == S.SUBMITTED:
        return
    review_start(obj=article, by=reviewer)
    if state == S.UNDER_REVIEW:
        return
    if state == S.CHANGES_REQUESTED:
        review_request_changes(obj=article, by=reviewer, comment="Cite a source.")
        return
    review_approve(obj=article, by=reviewer)


SERVICES = {
    "submit": lambda obj, by: review_submit(obj=obj, by=by),
    "start_review": lambda obj, by: review_start(obj=obj, by=by),
    "request_changes": lambda obj, by: review_request_changes(
        obj=obj, by=by, comment="Please fix."
    ),
    "approve": lambda obj, by: review_approve(obj=obj, by=by),
}
# Which role may make which transition from which state.
ALLOWED = {
    "submit": ({"editor", "admin"}, {S.DRAFT, S.CHANGES_REQUESTED}),
    "start_review": ({"reviewer", "admin"}, {S.SUBMITTED}),
    "request_changes": ({"reviewer", "admin"}, {S.UNDER_REVIEW}),
    "approve": ({"reviewer", "admin"}, {S.UNDER_REVIEW}),
}
TARGET = {
    "submit": S.SUBMITTED,
    "start_review": S.UNDER_REVIEW,
    "request_changes": S.CHANGES_REQUESTED,
    "approve": S.APPROVED,
}


@pytest.mark.parametrize("role", ["anonymous", "reader", "editor", "reviewer", "admin"])
@pytest.mark.parametrize("transition", list(SERVICES))
@pytest.mark.parametrize("state", [s for s in S if s != S.ARCHIVED])
def test_permission_matrix(role, transition, state, draft, editor, other_reviewer):
    """Only the allowed role in the allowed state moves the article; others are
    refused with a reason and nothing changes."""
    bring_to(state, draft, editor=editor, reviewer=other_reviewer)
    actor = {
        "anonymous": AnonymousUser,
        "reader": lambda: make_user("a_reader"),
        "editor": lambda: make_user("an_editor", "Editors"),
        "reviewer": lambda: make_user("a_reviewer", "Reviewers"),
        "admin": lambda: make_user("an_admin", is_superuser=True),
    }[role]()
    events_before = ReviewEvent.objects.count()
    roles, states = ALLOWED[transition]

    if role in roles and state in states:
        assert SERVICES[transition](draft, actor) == TARGET[transition]
        draft.refresh_from_db()
        assert draft.review_state == TARGET[transition]
        assert ReviewEvent.objects.count() == events_before + 1
    else:
        with pytest.raises(TransitionRefused) as refused:
            SERVICES[transition](draft, actor)
        assert refused.value.message
        draft.refresh_from_db()
        assert draft.review_state == state
        assert ReviewEvent.objects.count() == events_before


def test_event_records_who_when_from_to_and_comment(draft, editor):
    review_submit(obj=draft, by=editor, comment="Ready for review.")

    event = ReviewEvent.objects.for_item(draft).get()
    assert event.actor == editor
    assert (event.from_state, event.to_state) == (S.DRAFT, S.SUBMITTED)
    assert event.comment == "Ready for review."
    assert event.created_at is not None
    assert event.content_hash == draft.revision_hash


def test_review_events_cannot_be_changed_or_deleted(draft, editor):
    review_submit(obj=draft, by=editor)
    event = ReviewEvent.objects.get()

    event.comment = "rewritten history"
    with pytest.raises(ValueError, match="append-only"):
        event.save()
    with pytest.raises(ValueError, match="append-only"):
        event.delete()
    assert ReviewEvent.objects.get().comment == ""


def test_reviewer_cannot_approve_article_they_created(condition, reviewer):
    from tests.factories import make_article

    reviewer.groups.add(*make_user("tmp", "Editors").groups.all())
    article = make_article(condition=condition, by=reviewer)
    review_submit(obj=article, by=reviewer)
    review_start(obj=article, by=reviewer)

    with pytest.raises(TransitionRefused) as refused:
        review_approve(obj=article, by=reviewer)

    assert refused.value.message == MSG_OWN_WORK.format(title=article)
    article.refresh_from_db()
    assert article.review_state == S.UNDER_REVIEW
    assert article.live_version is None


def test_reviewer_cannot_approve_revision_they_edited(draft, editor, reviewer):
    draft.summary = "A reviewer's own rewording."
    draft.save()
    review_record_edit(obj=draft, by=reviewer)
    bring_to(S.UNDER_REVIEW, draft, editor=editor, reviewer=reviewer)

    with pytest.raises(TransitionRefused) as refused:
        review_approve(obj=draft, by=reviewer)

    assert "you wrote or edited this revision" in refused.value.message
    assert not PublishedVersion.objects.exists()


def test_request_changes_needs_a_comment(draft, editor, reviewer):
    bring_to(S.UNDER_REVIEW, draft, editor=editor, reviewer=reviewer)

    with pytest.raises(TransitionRefused) as refused:
        review_request_changes(obj=draft, by=reviewer, comment="   ")

    assert refused.value.message == MSG_COMMENT_REQUIRED
    draft.refresh_from_db()
    assert draft.review_state == S.UNDER_REVIEW


def test_editor_is_told_which_role_is_needed(draft, editor):
    review_submit(obj=draft, by=editor)

    with pytest.raises(TransitionRefused) as refused:
        review_start(obj=draft, by=editor)

    assert refused.value.message == MSG_NO_PERMISSION.format(
        action="start review", role="reviewer"
    )


def test_approval_freezes_a_published_version(draft, editor, reviewer):
    publish(draft, editor=editor, reviewer=reviewer)

    draft.refresh_from_db()
    version = draft.live_version
    assert draft.review_state == S.APPROVED
    assert version.number == 1
    assert version.approved_by == reviewer
    assert version.data["title"] == "Overview"
    assert [s["heading"] for s in version.data["sections"]] == [
        "Section 1",
        "Section 2",
    ]
    assert "<table>" in version.html
    assert version.next_review_due == add_months(version.approved_at.date(), 12)
    assert version.content_hash == draft.revision_hash


def test_change_after_review_started_is_not_approved(draft, editor, reviewer):
    """What is published is exactly what the reviewer saw."""
    bring_to(S.UNDER_REVIEW, draft, editor=editor, reviewer=reviewer)
    section = draft.sections.first()
    section.body = "Changed while the review was under way."
    section.save()
    review_record_edit(obj=draft, by=editor)

    with pytest.raises(TransitionRefused) as refused:
        review_approve(obj=draft, by=reviewer)

    assert refused.value.message == MSG_CHANGED_SINCE_REVIEW.format(title=draft)
    draft.refresh_from_db()
    assert draft.review_state == S.SUBMITTED
    assert draft.live_version is None
    assert ReviewEvent.objects.for_item(draft).last().to_state == S.SUBMITTED


def test_unsaved_tampering_is_caught_too(draft, editor, reviewer):
    """Even a change made without recording the edit blocks the approval."""
    bring_to(S.UNDER_REVIEW, draft, editor=editor, reviewer=reviewer)
    draft.references.update(title="Quietly changed")

    with pytest.raises(TransitionRefused):
        review_approve(obj=draft, by=reviewer)
    assert not PublishedVersion.objects.exists()


def test_editing_approved_article_starts_draft_and_keeps_old_version_live(
    draft, editor, reviewer
):
    publish(draft, editor=editor, reviewer=reviewer)
    draft.refresh_from_db()
    first_version = draft.live_version

    draft.title = "Overview, revised"
    draft.save()
    review_record_edit(obj=draft, by=editor)

    draft.refresh_from_db()
    assert draft.review_state == S.DRAFT
    assert draft.live_version == first_version
    assert draft.live_version.data["title"] == "Overview"


def test_second_approval_of_same_revision_is_refused(draft, editor, reviewer):
    bring_to(S.UNDER_REVIEW, draft, editor=editor, reviewer=reviewer)
    stale_copy = type(draft).objects.get(pk=draft.pk)
    review_approve(obj=draft, by=reviewer)

    with pytest.raises(TransitionRefused, match="is approved"):
        review_approve(obj=stale_copy, by=reviewer)
    assert PublishedVersion.objects.count() == 1


def test_saving_unchanged_content_is_not_an_edit(draft, editor, reviewer):
    publish(draft, editor=editor, reviewer=reviewer)

    review_record_edit(obj=draft, by=editor)

    draft.refresh_from_db()
    assert draft.review_state == S.APPROVED


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
    draft, editor, reviewer, django_capture_on_commit_callbacks
):
    from reviews.signals import published

    received = []

    def receiver(sender, item, version, **kwargs):
        received.append((item.pk, version.number))

    published.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            publish(draft, editor=editor, reviewer=reviewer)
    finally:
        published.disconnect(receiver)

    assert received == [(draft.pk, 1)]
