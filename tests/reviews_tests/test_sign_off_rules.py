"""What a sign-off may tell readers: verified credentials only, every declared
conflict, evidence no newer than the approval, and minor edits only for small
changes (issue 8, section 7)."""

import datetime

import pytest
from django.utils import timezone

from conditions.models import Section
from reviews.forms import SignOffForm
from reviews.models import PublishedVersion, ReviewerProfile, ReviewKind
from reviews.models import ReviewState as S
from reviews.services import (
    MSG_CONFLICTS_DROPPED,
    TransitionRefused,
    review_approve,
    review_start,
    review_submit,
)
from tests.factories import (
    admin_url,
    edit,
    make_memo,
    messages_of,
    publish,
    sign_in,
    warnings_of,
)

pytestmark = pytest.mark.django_db

WORDS = " ".join(f"word{n}" for n in range(100))


def claimed(item, *, editor, reviewer):
    review_submit(obj=item, by=editor)
    review_start(obj=item, by=reviewer)
    return item


@pytest.fixture
def long_memo(editor, reviewer):
    """A published memo of about a hundred words."""
    memo = make_memo(by=editor, body=WORDS)
    publish(memo, editor=editor, reviewer=reviewer)
    memo.refresh_from_db()
    return memo


def refusal(**approve) -> str:
    """Why the approval is refused, its problems acknowledged."""
    approve.setdefault("acknowledged", warnings_of(approve["obj"]))
    with pytest.raises(TransitionRefused) as refused:
        review_approve(**approve)
    return refused.value.message


# Credentials


def test_unverified_credentials_are_not_published(claimed_memo_for, reviewer):
    ReviewerProfile.objects.create(user=reviewer, credentials="MD (self-declared)")

    review_approve(obj=claimed_memo_for(reviewer), by=reviewer)

    version = PublishedVersion.objects.get()
    assert version.reviewer_credentials == ""
    assert version.reviewer_verified_at is None


def test_readers_see_verified_credentials_as_verified(
    client, draft, editor, reviewer, other_reviewer
):
    verified_at = timezone.now()
    ReviewerProfile.objects.create(
        user=reviewer,
        credentials="MD, consultant immunologist",
        verified_at=verified_at,
        verified_by=other_reviewer,
    )
    publish(draft, editor=editor, reviewer=reviewer)

    page = client.get(draft.get_absolute_url()).content.decode()

    assert "MD, consultant immunologist" in page
    assert "(credentials verified)" in page
    assert PublishedVersion.objects.for_item(draft).get().reviewer_verified_at == (
        verified_at
    )


def test_readers_never_see_unverified_credentials(client, draft, editor, reviewer):
    ReviewerProfile.objects.create(user=reviewer, credentials="Professor of Nothing")
    publish(draft, editor=editor, reviewer=reviewer)

    page = client.get(draft.get_absolute_url()).content.decode()

    assert "Professor of Nothing" not in page
    assert "credentials verified" not in page


# Conflicts of interest


@pytest.fixture
def claimed_memo_for(memo, editor):
    return lambda reviewer: claimed(memo, editor=editor, reviewer=reviewer)


@pytest.mark.parametrize("sent", ["", "None.", "Advisory board"])
def test_declared_conflicts_cannot_be_blanked_or_cut(claimed_memo_for, reviewer, sent):
    declared = "Advisory board, Acme Pharma (2024)."
    ReviewerProfile.objects.create(user=reviewer, conflicts_of_interest=declared)
    memo = claimed_memo_for(reviewer)

    message = refusal(obj=memo, by=reviewer, conflicts=sent)

    assert message == MSG_CONFLICTS_DROPPED.format(declared=declared)
    memo.refresh_from_db()
    assert memo.review_state == S.UNDER_REVIEW
    assert not PublishedVersion.objects.exists()


def test_declared_conflicts_can_be_added_to(claimed_memo_for, reviewer):
    ReviewerProfile.objects.create(
        user=reviewer, conflicts_of_interest="Advisory board,\n Acme Pharma."
    )

    review_approve(
        obj=claimed_memo_for(reviewer),
        by=reviewer,
        conflicts="Advisory board, Acme Pharma. Speaker fees, 2025.",
    )

    assert PublishedVersion.objects.get().reviewer_conflicts == (
        "Advisory board, Acme Pharma. Speaker fees, 2025."
    )


def test_blanking_conflicts_in_the_admin_is_refused_with_the_message(
    client, under_review, reviewer
):
    ReviewerProfile.objects.create(user=reviewer, conflicts_of_interest="Grants.")
    sign_in(client, reviewer)

    response = client.post(
        admin_url("review", under_review, "approve"),
        {"conflicts": "", "acknowledged": warnings_of(under_review)},
        follow=True,
    )

    under_review.refresh_from_db()
    assert under_review.review_state == S.UNDER_REVIEW
    assert any("can only be added to" in m for m in messages_of(response))


# Evidence date


def test_evidence_cannot_be_current_after_the_approval(claimed_memo_for, reviewer):
    memo = claimed_memo_for(reviewer)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    message = refusal(obj=memo, by=reviewer, evidence_current_through=tomorrow)

    assert "can't be later than today" in message
    assert not PublishedVersion.objects.exists()
    review_approve(obj=memo, by=reviewer, evidence_current_through=timezone.localdate())
    assert PublishedVersion.objects.get().evidence_current_through == (
        timezone.localdate()
    )


def test_sign_off_form_refuses_a_future_evidence_date():
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    form = SignOffForm({"evidence_current_through": tomorrow.isoformat()})

    assert not form.is_valid()
    assert "after today" in form.errors["evidence_current_through"][0]


# Minor edits


def test_a_one_word_fix_may_be_a_minor_edit(long_memo, editor, other_reviewer):
    edit(long_memo, by=editor, body=WORDS.replace("word7 ", "wordseven "))
    claimed(long_memo, editor=editor, reviewer=other_reviewer)

    review_approve(obj=long_memo, by=other_reviewer, kind=ReviewKind.MINOR)

    assert PublishedVersion.objects.live().get().review_kind == ReviewKind.MINOR


def test_a_rewrite_is_refused_as_a_minor_edit_with_the_share(
    long_memo, editor, other_reviewer
):
    rewritten = " ".join(f"new{n}" for n in range(20)) + " " + WORDS[: len(WORDS) // 2]
    edit(long_memo, by=editor, body=rewritten)
    claimed(long_memo, editor=editor, reviewer=other_reviewer)

    message = refusal(obj=long_memo, by=other_reviewer, kind=ReviewKind.MINOR)

    assert "needs a full clinical review" in message
    assert "of the words changed (a minor edit allows 5%)" in message
    long_memo.refresh_from_db()
    assert long_memo.review_state == S.UNDER_REVIEW
    assert review_approve(obj=long_memo, by=other_reviewer) == S.APPROVED


def test_minor_edits_add_up_since_the_last_full_review(
    settings, long_memo, editor, reviewer, other_reviewer
):
    """Three small edits in a row are measured against the full review, not
    the last minor one: the third goes over the limit."""
    settings.REVIEW_MINOR_EDIT_MAX_SHARE = 0.05
    body = WORDS
    for step, approver in enumerate([other_reviewer, reviewer, other_reviewer]):
        body = body.replace(f"word{step + 1}0 ", f"fix{step} ").replace(
            f"word{step + 1}1 ", f"fox{step} "
        )
        edit(long_memo, by=editor, body=body)
        claimed(long_memo, editor=editor, reviewer=approver)
        if step < 2:
            review_approve(obj=long_memo, by=approver, kind=ReviewKind.MINOR)
        else:
            message = refusal(obj=long_memo, by=approver, kind=ReviewKind.MINOR)
    assert "5.8% of the words changed" in message


def test_a_changed_table_needs_a_full_review(published, editor, other_reviewer):
    section = published.sections.first()
    Section.objects.filter(pk=section.pk).update(
        body=section.body + "\n\n| Test | Result |\n|---|---|\n| Tryptase | 20 |\n"
    )
    edit(published, by=editor)
    claimed(published, editor=editor, reviewer=other_reviewer)

    message = refusal(obj=published, by=other_reviewer, kind=ReviewKind.MINOR)

    assert "a table changed" in message


def test_the_panel_says_how_much_changed_before_the_reviewer_chooses(
    long_memo, editor, other_reviewer
):
    edit(long_memo, by=editor, body=WORDS.replace("word7 ", "wordseven "))

    form = SignOffForm.for_panel(item=long_memo, user=other_reviewer)

    assert "1.0% of the words changed" in form.fields["kind"].help_text
    assert "no table changed" in form.fields["kind"].help_text
