"""A refused transition is logged once, as a person's attempt; the silent
checks that decide which buttons to show log nothing."""

import logging

import pytest

from reviews.models import ReviewState
from tests.factories import admin_url, messages_of, sign_in

pytestmark = pytest.mark.django_db


def reviews_records(caplog):
    return [r for r in caplog.records if r.name.startswith("reviews")]


def test_a_refused_transition_is_logged_once_with_who_and_why(
    client, under_review, editor, caplog
):
    sign_in(client, editor)
    caplog.set_level(logging.INFO, logger="reviews")

    client.get(admin_url("change", under_review))  # the panel checks every button
    assert reviews_records(caplog) == []
    response = client.post(admin_url("review", under_review, "approve"), follow=True)

    (message,) = messages_of(response)
    (record,) = reviews_records(caplog)
    assert record.name == "reviews.services"
    assert record.levelno == logging.WARNING
    assert record.getMessage() == (
        f"Refused approve of conditions.Article {under_review.pk} by editor: {message}"
    )
    under_review.refresh_from_db()
    assert under_review.review_state == ReviewState.UNDER_REVIEW
