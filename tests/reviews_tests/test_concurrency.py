"""Two people acting at the same moment, on two real database connections.

Only PostgreSQL takes row locks (SELECT ... FOR UPDATE); SQLite serialises
whole transactions, so these tests are marked ``postgres``: they skip
elsewhere, and under CI=true that skip fails the run (tests/skips.py).
"""

import threading
import time

import pytest
from django.db import connections, transaction
from django.test import Client
from django.urls import reverse

from conditions.models import Article
from reviews.forms import MSG_STALE_EDIT
from reviews.models import PublishedVersion, ReviewEvent, ReviewState
from reviews.services import (
    TransitionRefused,
    review_approve,
    review_record_edit,
    review_start,
    review_submit,
)
from tests.factories import (
    bring_to,
    change_data,
    condition_staff,
    sign_in,
    warnings_of,
)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.postgres,
]


def at_once(*calls):
    """Run each call in its own thread (own connection), released together."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=10)
            results[index] = call()
        except Exception as error:  # noqa: BLE001 - the outcome is the result
            results[index] = error
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def test_two_reviewers_approving_at_once_record_exactly_one_approval(
    draft, editor, reviewer, other_reviewer
):
    """The claiming reviewer and a superuser reviewer (who may decide on any
    claim) press Approve on the same revision at the same moment."""
    other_reviewer.is_superuser = True
    other_reviewer.save()
    review_submit(obj=draft, by=editor)
    review_start(obj=draft, by=reviewer)
    problems = warnings_of(draft)

    results = at_once(
        lambda: review_approve(
            obj=Article.objects.get(pk=draft.pk), by=reviewer, acknowledged=problems
        ),
        lambda: review_approve(
            obj=Article.objects.get(pk=draft.pk),
            by=other_reviewer,
            acknowledged=problems,
        ),
    )

    refused = [r for r in results if isinstance(r, TransitionRefused)]
    assert len(refused) == 1, results
    assert [r for r in results if r not in refused] == [ReviewState.APPROVED]
    (refused,) = refused
    assert "is approved" in refused.message
    assert PublishedVersion.objects.for_item(draft).count() == 1
    events = ReviewEvent.objects.for_item(draft)
    assert events.filter(to_state=ReviewState.APPROVED).count() == 1


def test_second_of_two_simultaneous_saves_is_refused_and_keeps_its_text(
    draft, editor, other_editor
):
    url = reverse("admin:conditions_article_change", args=[draft.pk])
    clients = []
    for user in (editor, other_editor):
        client = Client()
        sign_in(client, user)
        clients.append(client)
    texts = ["Alice's wording.", "Bob's wording."]

    responses = at_once(
        *(
            lambda c=client, t=text: c.post(url, change_data(draft, summary=t))
            for client, text in zip(clients, texts, strict=True)
        )
    )

    codes = sorted(r.status_code for r in responses)
    assert codes == [200, 302]
    winner = texts[[r.status_code for r in responses].index(302)]
    loser = next(r for r in responses if r.status_code == 200)
    page = loser.content.decode()
    assert MSG_STALE_EDIT.format(noun="article").split(":")[0] in page
    loser_text = texts[responses.index(loser)].replace("'", "&#x27;")
    assert loser_text in page
    draft.refresh_from_db()
    assert draft.summary == winner


def wait_for_a_blocked_connection(timeout: float = 10) -> None:
    """Return once another connection waits on a row lock (PostgreSQL)."""
    deadline = time.monotonic() + timeout
    with connections["default"].cursor() as cursor:
        while time.monotonic() < deadline:
            # pg_locks is read live (pg_stat_activity is a per-transaction
            # snapshot).
            cursor.execute("SELECT count(*) FROM pg_locks WHERE NOT granted")
            if cursor.fetchone()[0]:
                return
            time.sleep(0.02)
    raise AssertionError("no connection blocked on the row lock")


def approval_held_open(item, *, by, approving: threading.Event):
    """A call that approves ``item`` in a transaction it keeps open, once
    ``approving`` is set, until another connection waits on a row lock."""

    def approve():
        with transaction.atomic():
            review_approve(
                obj=type(item).objects.get(pk=item.pk),
                by=by,
                acknowledged=warnings_of(item),
            )
            approving.set()
            wait_for_a_blocked_connection()
        return ReviewState.APPROVED

    return approve


def test_an_edit_saved_while_approval_commits_keeps_the_approval(
    under_review, editor, reviewer
):
    """The editor's form was loaded before the approval committed; its save
    waits on the row lock, then must not write the old state and the missing
    live version back (which left readers a 404)."""
    url = reverse("admin:conditions_article_change", args=[under_review.pk])
    client = Client()
    sign_in(client, editor)
    approving = threading.Event()
    approve = approval_held_open(under_review, by=reviewer, approving=approving)

    def save():
        approving.wait(timeout=10)
        return client.post(url, change_data(under_review, summary="Edited later."))

    approved, response = at_once(approve, save)

    assert approved == ReviewState.APPROVED
    assert response.status_code == 302
    article = Article.objects.get(pk=under_review.pk)
    version = PublishedVersion.objects.for_item(article).live().get()
    assert article.live_version == version
    assert article.review_state == ReviewState.DRAFT  # the edit is a new draft
    assert article.summary == "Edited later."
    assert Client().get(article.get_absolute_url()).status_code == 200


def test_an_article_approved_while_its_condition_is_recoded_takes_the_new_chapter(
    under_review, reviewer
):
    """The review board approves new codes for a condition (chapter 3 to 10)
    while another reviewer approves one of its articles: the article's
    search chapter must be the new one. Its approval waits on the
    condition's row lock, then reads the codes just approved."""
    condition = under_review.condition
    code = condition.codes.get()
    code.code = "J45.40"  # chapter 10; D89.41 is in chapter 3
    code.save()
    condition_editor, condition_reviewer = condition_staff()
    review_record_edit(obj=condition, by=condition_editor)
    bring_to(
        ReviewState.UNDER_REVIEW,
        condition,
        editor=condition_editor,
        reviewer=condition_reviewer,
    )
    recoding = threading.Event()
    approve_the_condition = approval_held_open(
        condition, by=condition_reviewer, approving=recoding
    )

    def approve_the_article():
        recoding.wait(timeout=10)
        review_approve(
            obj=Article.objects.get(pk=under_review.pk),
            by=reviewer,
            acknowledged=warnings_of(under_review),
        )
        return ReviewState.APPROVED

    assert at_once(approve_the_condition, approve_the_article) == [
        ReviewState.APPROVED,
        ReviewState.APPROVED,
    ]

    def filed_under(chapter):
        return list(Article.objects.published().in_chapter(chapter))

    assert filed_under("10") == [under_review]
    assert filed_under("3") == []
