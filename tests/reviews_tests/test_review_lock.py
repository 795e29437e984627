"""While a reviewer has claimed an item it is read-only: a banner names the
reviewer and since when; an editor can ask for it back or withdraw it; a
superuser can break the lock, with a reason the review log keeps."""

import pytest
from django.urls import reverse

from reviews.forms import MSG_LOCKED_FOR_REVIEW
from reviews.models import ReviewComment, ReviewEvent, ReviewState
from reviews.services import (
    MSG_LOCK_REASON_REQUIRED,
    TransitionRefused,
    review_hand_back,
)
from tests.factories import (
    bring_to,
    change_data,
    make_user,
    messages_of,
    sign_in,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def claimed(draft, editor, reviewer):
    bring_to(ReviewState.UNDER_REVIEW, draft, editor=editor, reviewer=reviewer)
    draft.refresh_from_db()
    return draft


def change_url(article):
    return reverse("admin:conditions_article_change", args=[article.pk])


def test_editor_sees_the_form_read_only_with_a_banner(client, claimed, editor):
    sign_in(client, editor)
    page = client.get(change_url(claimed)).content.decode()
    banner = page[page.index('data-testid="review-lock"') :][:400]
    assert "Reviewer has been reviewing this since" in banner
    assert 'name="_save"' not in page and 'name="_continue"' not in page
    assert 'name="title"' not in page  # shown, not editable
    assert "Ask for it back" in page


def test_a_form_opened_before_the_claim_is_refused_with_the_text_kept(
    client, draft, editor, reviewer
):
    sign_in(client, editor)
    data = change_data(draft, title="Typed before the claim")
    bring_to(ReviewState.UNDER_REVIEW, draft, editor=editor, reviewer=reviewer)

    response = client.post(change_url(draft), data)

    page = response.content.decode()
    assert response.status_code == 200
    assert MSG_LOCKED_FOR_REVIEW.split("{")[0] in page
    assert "Typed before the claim" in page  # nothing the editor wrote is lost
    draft.refresh_from_db()
    assert draft.title == "Overview"
    assert draft.review_state == ReviewState.UNDER_REVIEW


def test_editor_asks_for_it_back_and_the_reviewer_sees_it(
    client, claimed, editor, reviewer
):
    sign_in(client, editor)
    url = reverse("admin:conditions_article_review_ask_back", args=[claimed.pk])
    response = client.post(url, {"body": "A dose is wrong."}, follow=True)
    assert messages_of(response) == ["Asked Reviewer to hand it back."]
    comment = ReviewComment.objects.for_item(claimed).get()
    assert comment.author == editor
    assert comment.body == "Asked for it back, to edit it: A dose is wrong."
    sign_in(client, reviewer)
    assert "A dose is wrong." in client.get(change_url(claimed)).content.decode()


@pytest.mark.parametrize("state", [ReviewState.DRAFT, ReviewState.SUBMITTED])
def test_asking_back_what_nobody_holds_is_refused(
    client, draft, editor, reviewer, state
):
    bring_to(state, draft, editor=editor, reviewer=reviewer)
    sign_in(client, editor)
    url = reverse("admin:conditions_article_review_ask_back", args=[draft.pk])
    response = client.post(url, {"body": "Please."}, follow=True)
    assert (
        "you can only ask for it back when it is under review"
        in (messages_of(response)[0])
    )
    assert not ReviewComment.objects.exists()


def test_reviewers_cannot_ask_for_it_back(client, claimed, other_reviewer):
    sign_in(client, other_reviewer)
    url = reverse("admin:conditions_article_review_ask_back", args=[claimed.pk])
    response = client.post(url, {"body": "Mine now."}, follow=True)
    assert "needs the editor role" in messages_of(response)[0]


def test_a_superuser_breaks_the_lock_only_with_a_reason(claimed, reviewer):
    chief = make_user("chief", is_superuser=True)
    with pytest.raises(TransitionRefused) as refused:
        review_hand_back(obj=claimed, by=chief, comment="  ")
    assert refused.value.message == MSG_LOCK_REASON_REQUIRED.format(reviewer="Reviewer")

    assert review_hand_back(obj=claimed, by=chief, comment="On leave.") == (
        ReviewState.SUBMITTED
    )
    event = ReviewEvent.objects.for_item(claimed).last()
    assert event.actor == chief
    assert event.comment == "Lock broken (the review was Reviewer's): On leave."


def test_the_claiming_reviewer_hands_back_without_a_reason(claimed, reviewer):
    assert review_hand_back(obj=claimed, by=reviewer) == ReviewState.SUBMITTED
    assert ReviewEvent.objects.for_item(claimed).last().comment == ""
