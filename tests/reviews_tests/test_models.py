"""The workflow's data: database constraints, the review queues, the wording
hook, and the system check that keeps the constraints on every content type."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from reviews.checks import check_reviewable_constraints, check_reviewable_queryset
from reviews.models import ReviewState
from reviews.services import review_pass_on
from tests.factories import bring_to, make_memo, publish, reissue_live_version
from tests.testapp.models import Memo

pytestmark = pytest.mark.django_db

S = ReviewState


def refused_by_database(item, **fields) -> bool:
    try:
        with transaction.atomic():
            Memo.objects.filter(pk=item.pk).update(**fields)
    except IntegrityError:
        return True
    return False


def test_database_refuses_an_unknown_state(memo):
    assert refused_by_database(memo, review_state="published")
    assert not refused_by_database(memo, review_state=S.SUBMITTED)


@pytest.mark.parametrize("state", [S.DRAFT, S.SUBMITTED, S.APPROVED, S.ARCHIVED])
def test_database_refuses_a_reviewer_outside_review(state, memo, reviewer):
    assert refused_by_database(memo, review_state=state, reviewer=reviewer)
    assert not refused_by_database(memo, review_state=S.UNDER_REVIEW, reviewer=reviewer)


@pytest.mark.parametrize("state", [S.DRAFT, S.SUBMITTED, S.CHANGES_REQUESTED])
def test_database_refuses_a_review_hash_outside_review(state, memo):
    assert refused_by_database(memo, review_state=state, review_hash="abc")
    assert not refused_by_database(memo, review_state=S.UNDER_REVIEW, review_hash="abc")


@pytest.mark.parametrize(
    "state", [S.SUBMITTED, S.CHANGES_REQUESTED, S.APPROVED, S.DRAFT]
)
def test_every_way_out_of_review_releases_the_claim(
    state, memo, editor, reviewer, other_reviewer
):
    """Hand back, request changes, approve and withdraw all clear the reviewer
    and the reviewed revision (else the constraints above would refuse them)."""
    from reviews import services

    bring_to(S.UNDER_REVIEW, memo, editor=editor, reviewer=reviewer)
    review_pass_on(obj=memo, by=reviewer, to=other_reviewer)
    memo.refresh_from_db()
    assert (memo.reviewer, bool(memo.review_hash)) == (other_reviewer, True)

    leave = {
        S.SUBMITTED: lambda: services.review_hand_back(obj=memo, by=other_reviewer),
        S.CHANGES_REQUESTED: lambda: services.review_request_changes(
            obj=memo, by=other_reviewer, comment="Shorter."
        ),
        S.APPROVED: lambda: services.review_approve(obj=memo, by=other_reviewer),
        S.DRAFT: lambda: services.review_withdraw(obj=memo, by=editor),
    }
    assert leave[state]() == state

    memo.refresh_from_db()
    assert (memo.reviewer, memo.review_hash) == (None, "")


def test_queues_select_by_state_and_person(editor, other_editor, reviewer):
    drafted = make_memo(by=editor, title="Drafted")
    waiting = make_memo(by=other_editor, title="Waiting")
    bring_to(S.SUBMITTED, waiting, editor=other_editor, reviewer=reviewer)
    claimed = make_memo(by=other_editor, title="Claimed")
    bring_to(S.UNDER_REVIEW, claimed, editor=other_editor, reviewer=reviewer)
    sent_back = make_memo(by=editor, title="Sent back")
    bring_to(S.CHANGES_REQUESTED, sent_back, editor=editor, reviewer=reviewer)

    memos = Memo.objects.all()
    assert list(memos.awaiting_review()) == [waiting]
    assert list(memos.in_review_by(reviewer)) == [claimed]
    assert not memos.in_review_by(editor).exists()
    assert list(memos.drafts_of(editor)) == [drafted, sent_back]
    assert not memos.drafts_of(reviewer).exists()
    assert list(memos.changes_requested()) == [sent_back]


def test_overdue_queue_lists_only_items_past_their_review_date(editor, reviewer):
    late = publish(make_memo(by=editor, title="Late"), editor=editor, reviewer=reviewer)
    publish(make_memo(by=editor, title="On time"), editor=editor, reviewer=reviewer)
    reissue_live_version(late, next_review_due=datetime.date(2020, 1, 1))

    assert list(Memo.objects.review_overdue()) == [late]


def test_wording_defaults_to_the_verbose_name(memo, monkeypatch):
    assert (memo.review_noun(), memo.review_noun(plural=True)) == ("memo", "memos")
    monkeypatch.setattr(Memo._meta, "verbose_name", "note")
    assert memo.review_noun() == "note"


def test_system_check_flags_a_reviewable_without_the_constraints(monkeypatch):
    assert check_reviewable_constraints() == []

    monkeypatch.setattr(Memo._meta, "constraints", [])

    (error,) = check_reviewable_constraints()
    assert error.id == "reviews.E001"
    assert error.obj is Memo


def test_system_check_flags_a_reviewable_without_the_queue_methods(monkeypatch):
    from django.db import models

    assert check_reviewable_queryset() == []

    plain = models.Manager()
    plain.model = Memo
    monkeypatch.setattr(Memo._meta, "default_manager", plain)

    (error,) = check_reviewable_queryset()
    assert error.id == "reviews.E002"
