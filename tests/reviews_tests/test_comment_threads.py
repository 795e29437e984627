"""Review comments anchored to a section, with replies, resolved only by
their author or the reviewer who has claimed the item."""

import pytest
from django.urls import reverse

from reviews.models import ReviewComment, ReviewState
from reviews.services import (
    MSG_NO_SUCH_PART,
    MSG_NOT_A_THREAD,
    MSG_NOT_YOURS_TO_RESOLVE,
    TransitionRefused,
    review_comment,
    review_hand_back,
    review_resolve_comment,
)
from tests.factories import bring_to, make_article, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def claimed(draft, editor, reviewer):
    bring_to(ReviewState.UNDER_REVIEW, draft, editor=editor, reviewer=reviewer)
    draft.refresh_from_db()
    return draft


def test_a_comment_is_anchored_to_a_section(claimed, reviewer, client):
    anchor, label = claimed.review_anchors()[1]
    comment = review_comment(obj=claimed, by=reviewer, body="Cite this.", anchor=anchor)
    assert (comment.anchor, comment.anchor_label) == (anchor, "Section: Section 2")

    sign_in(client, reviewer)
    page = client.get(
        reverse("admin:conditions_article_change", args=[claimed.pk])
    ).content.decode()
    assert f'on <a href="#{anchor}">Section: Section 2</a>' in page
    assert f'<option value="{anchor}">Section: Section 2</option>' in page


def test_an_unknown_section_is_refused(claimed, reviewer):
    with pytest.raises(TransitionRefused) as refused:
        review_comment(obj=claimed, by=reviewer, body="Hm.", anchor="s-nowhere")
    assert refused.value.message == MSG_NO_SUCH_PART.format(title=claimed)
    assert not ReviewComment.objects.exists()


def test_a_reply_joins_the_thread_and_its_section(claimed, editor, reviewer, client):
    anchor, _ = claimed.review_anchors()[0]
    first = review_comment(obj=claimed, by=reviewer, body="Dose?", anchor=anchor)
    reply = review_comment(obj=claimed, by=editor, body="5 mg.", reply_to=first)
    assert reply.reply_to == first and reply.anchor == anchor

    sign_in(client, editor)
    page = client.get(
        reverse("admin:conditions_article_change", args=[claimed.pk])
    ).content.decode()
    thread = page[page.index("Dose?") :]
    assert '<div class="review-reply">' in thread and "5 mg." in thread


def test_replies_have_no_replies_and_stay_on_their_item(
    claimed, condition, editor, reviewer
):
    first = review_comment(obj=claimed, by=reviewer, body="Dose?")
    reply = review_comment(obj=claimed, by=editor, body="5 mg.", reply_to=first)
    other = make_article(condition=condition, by=editor, title="Other")
    bring_to(ReviewState.SUBMITTED, other, editor=editor, reviewer=reviewer)
    for item, thread in [(claimed, reply), (other, first)]:
        with pytest.raises(TransitionRefused) as refused:
            review_comment(obj=item, by=reviewer, body="And?", reply_to=thread)
        assert refused.value.message == MSG_NOT_A_THREAD
    assert ReviewComment.objects.count() == 2


@pytest.mark.parametrize(
    ("resolver", "allowed"),
    [
        ("author", True),
        ("claiming reviewer", True),
        ("other editor", False),
        ("other reviewer", False),
        ("former claimer", False),
    ],
)
def test_who_may_resolve_a_comment(
    claimed, editor, reviewer, other_editor, other_reviewer, resolver, allowed
):
    comment = review_comment(obj=claimed, by=editor, body="Is this current?")
    if resolver == "former claimer":
        review_hand_back(obj=claimed, by=reviewer)
    by = {
        "author": editor,
        "claiming reviewer": reviewer,
        "other editor": other_editor,
        "other reviewer": other_reviewer,
        "former claimer": reviewer,
    }[resolver]
    if allowed:
        assert review_resolve_comment(comment=comment, by=by).resolution.by == by
    else:
        with pytest.raises(TransitionRefused) as refused:
            review_resolve_comment(comment=comment, by=by)
        assert refused.value.message == MSG_NOT_YOURS_TO_RESOLVE
        assert not ReviewComment.objects.get().is_resolved


def test_a_reply_to_a_foreign_or_bad_id_is_a_404(client, claimed, reviewer):
    sign_in(client, reviewer)
    url = reverse("admin:conditions_article_review_comment", args=[claimed.pk])
    for reply_to in ("999", "x1"):
        response = client.post(url, {"body": "Hi", "reply_to": reply_to})
        assert response.status_code == 404
    assert not ReviewComment.objects.exists()
