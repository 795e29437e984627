"""Claims, withdrawal, archiving, restoring, sign-off and review dates."""

import datetime

import pytest
from django.utils import timezone

from reviews.models import (
    PublishedVersion,
    ReviewerProfile,
    ReviewEvent,
    ReviewKind,
    ReviewState,
)
from reviews.services import (
    MSG_HANDOVER_TARGET,
    MSG_MINOR_NEEDS_FULL,
    MSG_NOT_PUBLISHED,
    MSG_NOT_THIS_ITEM,
    MSG_NOT_YOUR_REVIEW,
    MSG_REASON_REQUIRED,
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
from tests.factories import (
    bring_to,
    edit,
    make_memo,
    make_user,
    publish,
    reissue_live_version,
    warnings_of,
)

pytestmark = pytest.mark.django_db

S = ReviewState


@pytest.fixture
def claimed_memo(memo, editor, reviewer):
    review_submit(obj=memo, by=editor)
    review_start(obj=memo, by=reviewer)
    return memo


@pytest.fixture
def published_memo(memo, editor, reviewer):
    publish(memo, editor=editor, reviewer=reviewer)
    memo.refresh_from_db()
    return memo


def test_start_review_claims_the_item(claimed_memo, reviewer):
    assert claimed_memo.reviewer == reviewer


def test_another_reviewer_cannot_act_on_a_claimed_review(
    claimed_memo, reviewer, other_reviewer
):
    """Hand back, pass on, request changes and approve belong to the claimant."""
    for service, kwargs in (
        (review_hand_back, {}),
        (review_pass_on, {"to": other_reviewer}),
        (review_request_changes, {"comment": "Cite a newer source."}),
        (review_approve, {}),
    ):
        with pytest.raises(TransitionRefused) as refused:
            service(obj=claimed_memo, by=other_reviewer, **kwargs)
        assert refused.value.message == MSG_NOT_YOUR_REVIEW.format(
            title=claimed_memo, reviewer="Reviewer"
        )
    claimed_memo.refresh_from_db()
    assert claimed_memo.reviewer == reviewer
    assert claimed_memo.review_state == S.UNDER_REVIEW
    assert claimed_memo.live_version is None


def test_superuser_may_decide_on_a_review_someone_else_claimed(claimed_memo, editor):
    boss = make_user("chief", is_superuser=True)

    assert review_approve(obj=claimed_memo, by=boss) == S.APPROVED


def test_hand_back_returns_the_item_to_the_queue(claimed_memo, reviewer):
    assert review_hand_back(obj=claimed_memo, by=reviewer) == S.SUBMITTED
    assert claimed_memo.reviewer is None
    assert claimed_memo.review_hash == ""


def test_pass_on_moves_the_claim_to_a_colleague(claimed_memo, reviewer, other_reviewer):
    review_pass_on(obj=claimed_memo, by=reviewer, to=other_reviewer)

    assert claimed_memo.review_state == S.UNDER_REVIEW
    assert claimed_memo.reviewer == other_reviewer
    event = ReviewEvent.objects.for_item(claimed_memo).last()
    assert "Other_Reviewer" in event.comment


@pytest.mark.parametrize("target", ["self", "editor", None])
def test_pass_on_only_to_another_reviewer(
    claimed_memo, reviewer, other_reviewer, editor, target
):
    to = {"self": reviewer, "editor": editor, None: None}[target]

    with pytest.raises(TransitionRefused) as refused:
        review_pass_on(obj=claimed_memo, by=reviewer, to=to)

    assert refused.value.message.startswith(MSG_HANDOVER_TARGET.split("{")[0])
    claimed_memo.refresh_from_db()
    assert claimed_memo.reviewer == reviewer
    review_pass_on(obj=claimed_memo, by=reviewer, to=other_reviewer)
    assert claimed_memo.reviewer == other_reviewer


def test_withdraw_returns_submission_to_draft_and_releases_claim(claimed_memo, editor):
    assert review_withdraw(obj=claimed_memo, by=editor) == S.DRAFT
    assert claimed_memo.reviewer is None


def test_archive_needs_a_reason(published_memo, reviewer):
    with pytest.raises(TransitionRefused) as refused:
        review_archive(obj=published_memo, by=reviewer, reason="  ")
    assert refused.value.message == MSG_REASON_REQUIRED.format(noun="memo")
    published_memo.refresh_from_db()
    assert published_memo.live_version is not None
    assert review_archive(obj=published_memo, by=reviewer, reason="Old.") == S.ARCHIVED


def test_archive_of_never_published_item_is_refused(memo, editor, reviewer):
    with pytest.raises(TransitionRefused) as refused:
        review_archive(obj=memo, by=reviewer, reason="Wrong.")
    assert refused.value.message == MSG_NOT_PUBLISHED.format(title=memo)
    publish(memo, editor=editor, reviewer=reviewer)
    assert review_archive(obj=memo, by=reviewer, reason="Wrong.") == S.ARCHIVED


def test_archive_takes_item_from_readers_and_announces_it(
    published_memo, reviewer, django_capture_on_commit_callbacks
):
    from reviews.signals import unpublished

    received = []

    def receiver(sender, item, **kwargs):
        received.append(item.pk)

    unpublished.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            review_archive(obj=published_memo, by=reviewer, reason="Superseded.")
    finally:
        unpublished.disconnect(receiver)

    assert received == [published_memo.pk]
    assert published_memo.review_state == S.ARCHIVED
    assert published_memo.live_version is None
    assert not PublishedVersion.objects.live().exists()
    assert ReviewEvent.objects.for_item(published_memo).last().comment == "Superseded."


def test_editing_an_archived_item_starts_a_draft(published_memo, reviewer, editor):
    review_archive(obj=published_memo, by=reviewer, reason="Superseded.")

    edit(published_memo, by=editor, body="Changed body.")

    published_memo.refresh_from_db()
    assert published_memo.review_state == S.DRAFT
    assert published_memo.live_version is None


def test_restore_makes_old_version_a_new_draft_without_publishing(
    published_memo, editor, other_editor
):
    first = published_memo.live_version
    edit(published_memo, by=editor, body="Second thoughts.")

    review_restore_version(obj=published_memo, by=other_editor, version=first)

    published_memo.refresh_from_db()
    assert published_memo.review_state == S.DRAFT
    assert published_memo.body == first.data["body"] == "First words."
    assert published_memo.live_version == first
    assert PublishedVersion.objects.count() == 1
    assert published_memo.revision_editors.filter(pk=other_editor.pk).exists()


def test_restore_refuses_another_items_version(published_memo, editor):
    other = make_memo(by=editor, title="Other")

    with pytest.raises(TransitionRefused) as refused:
        review_restore_version(
            obj=other, by=editor, version=published_memo.live_version
        )
    assert refused.value.message == MSG_NOT_THIS_ITEM
    # Its own item takes it back.
    restored = review_restore_version(
        obj=published_memo, by=editor, version=published_memo.live_version
    )
    assert restored == S.DRAFT


def test_sign_off_snapshots_name_credentials_and_conflicts(
    claimed_memo, reviewer, other_reviewer
):
    profile = ReviewerProfile.objects.create(
        user=reviewer,
        credentials="MD, allergist",
        conflicts_of_interest="None.",
        verified_at=timezone.now(),
        verified_by=other_reviewer,
    )
    review_approve(
        obj=claimed_memo,
        by=reviewer,
        evidence_current_through=datetime.date(2026, 6, 30),
    )
    profile.credentials = "changed later"
    profile.save()

    version = PublishedVersion.objects.get()
    assert version.reviewer_name == "Reviewer"
    assert version.reviewer_credentials == "MD, allergist"
    assert version.reviewer_conflicts == "None."
    assert version.review_kind == ReviewKind.FULL
    assert version.evidence_current_through == datetime.date(2026, 6, 30)
    assert version.last_reviewed_on == version.approved_at.date()


def test_conflicts_declared_at_approval_add_to_the_profiles(claimed_memo, reviewer):
    ReviewerProfile.objects.create(user=reviewer, conflicts_of_interest="Old.")

    review_approve(obj=claimed_memo, by=reviewer, conflicts="Old. Speaker fees, 2025.")

    assert PublishedVersion.objects.get().reviewer_conflicts == (
        "Old. Speaker fees, 2025."
    )


def test_minor_edit_keeps_the_review_dates(editor, reviewer, other_reviewer):
    words = " ".join(f"word{n}" for n in range(40))
    published_memo = make_memo(by=editor, body=f"{words} tpyo")
    publish(published_memo, editor=editor, reviewer=reviewer)
    published_memo.refresh_from_db()
    first = published_memo.live_version
    edit(published_memo, by=editor, body=f"{words} typo")
    review_submit(obj=published_memo, by=editor)
    review_start(obj=published_memo, by=other_reviewer)

    review_approve(obj=published_memo, by=other_reviewer, kind=ReviewKind.MINOR)

    second = PublishedVersion.objects.live().get()
    assert second.number == 2
    assert second.review_kind == ReviewKind.MINOR
    assert second.last_reviewed_on == first.last_reviewed_on
    assert second.next_review_due == first.next_review_due


def test_minor_edit_needs_a_published_version(claimed_memo, reviewer):
    with pytest.raises(TransitionRefused) as refused:
        review_approve(obj=claimed_memo, by=reviewer, kind=ReviewKind.MINOR)
    assert refused.value.message == MSG_MINOR_NEEDS_FULL.format(title=claimed_memo)
    assert review_approve(obj=claimed_memo, by=reviewer) == S.APPROVED


@pytest.mark.parametrize("months", [12, 3])
def test_next_review_due_follows_the_content_types_interval(
    monkeypatch, settings, claimed_memo, reviewer, months
):
    """``review_interval_months`` defaults to the setting; content overrides it."""
    settings.REVIEW_INTERVAL_MONTHS = 12
    if months != 12:
        monkeypatch.setattr(type(claimed_memo), "review_interval_months", lambda _: 3)

    review_approve(obj=claimed_memo, by=reviewer)

    version = PublishedVersion.objects.get()
    assert version.next_review_due == add_months(version.last_reviewed_on, months)


@pytest.mark.parametrize(("kind", "months"), [("overview", 12), ("treatment", 6)])
def test_next_review_due_follows_the_interval_for_the_article_kind(
    settings, draft, editor, reviewer, kind, months
):
    """Article integration: an article's kind sets its review interval."""
    settings.REVIEW_INTERVAL_MONTHS_BY_KIND = {"treatment": 6}
    settings.REVIEW_TWO_STAGE_KINDS = []  # one approval publishes, here
    article = draft
    # The kind is content, set (by another editor) before the review.
    type(article).objects.filter(pk=article.pk).update(kind=kind)
    review_record_edit(obj=article, by=make_user("helper", "Editors"))
    bring_to(S.UNDER_REVIEW, article, editor=editor, reviewer=reviewer)

    review_approve(obj=article, by=reviewer, acknowledged=warnings_of(article))

    version = PublishedVersion.objects.for_item(article).get()
    assert version.next_review_due == add_months(version.last_reviewed_on, months)


def test_overdue_lists_only_live_versions_past_due(published_memo, editor, reviewer):
    version = reissue_live_version(
        published_memo, next_review_due=datetime.date(2020, 1, 1)
    )

    assert list(PublishedVersion.objects.overdue()) == [version]
    review_archive(obj=published_memo, by=reviewer, reason="Old.")
    assert not PublishedVersion.objects.overdue().exists()
