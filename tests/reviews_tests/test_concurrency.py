"""Two people acting at the same moment, on two real database connections.

Only PostgreSQL takes row locks (SELECT ... FOR UPDATE); SQLite serialises
whole transactions, so these tests are marked ``postgres``: they skip
elsewhere, and under CI=true that skip fails the run (tests/skips.py).
"""

import threading

import pytest
from django.db import connections
from django.test import Client
from django.urls import reverse

from conditions.models import Article
from reviews.models import PublishedVersion, ReviewEvent, ReviewState
from reviews.services import (
    MSG_STALE_EDIT,
    TransitionRefused,
    review_approve,
    review_start,
    review_submit,
)
from tests.reviews_tests.test_admin_review import change_data

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.postgres,
]


@pytest.fixture(autouse=True)
def _editorial_groups(restore_editorial_groups):
    """Both tests act as editors and reviewers."""


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

    results = at_once(
        lambda: review_approve(obj=Article.objects.get(pk=draft.pk), by=reviewer),
        lambda: review_approve(obj=Article.objects.get(pk=draft.pk), by=other_reviewer),
    )

    refused = [r for r in results if isinstance(r, TransitionRefused)]
    assert len(refused) == 1, results
    assert [r for r in results if r not in refused] == [ReviewState.APPROVED]
    (refused,) = refused
    assert "is approved" in refused.message
    assert PublishedVersion.objects.count() == 1
    assert ReviewEvent.objects.filter(to_state=ReviewState.APPROVED).count() == 1


def test_second_of_two_simultaneous_saves_is_refused_and_keeps_its_text(
    draft, editor, other_editor
):
    url = reverse("admin:conditions_article_change", args=[draft.pk])
    clients = []
    for user in (editor, other_editor):
        client = Client()
        client.force_login(user)
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
    assert MSG_STALE_EDIT.split(":")[0] in page
    loser_text = texts[responses.index(loser)].replace("'", "&#x27;")
    assert loser_text in page
    draft.refresh_from_db()
    assert draft.summary == winner
