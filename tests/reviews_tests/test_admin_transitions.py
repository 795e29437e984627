"""The review panel's buttons: each transition's form is validated, then its
service is called through ``perform``; everything else in the request is
ignored, and only POST changes anything."""

import datetime

import pytest

from reviews.admin import MSG_BAD_FORM
from reviews.models import PublishedVersion, ReviewEvent, ReviewState
from reviews.services import (
    MSG_REASON_REQUIRED,
)
from tests.factories import admin_url, messages_of, publish, sign_in, warnings_of

pytestmark = pytest.mark.django_db


def approve(client, article, **data):
    data.setdefault("acknowledged", warnings_of(article))
    return client.post(admin_url("review", article, "approve"), data, follow=True)


def test_bad_sign_off_is_an_error_message_and_changes_nothing(
    client, under_review, reviewer
):
    sign_in(client, reviewer)

    response = approve(client, under_review, evidence_current_through="soon")

    (message,) = messages_of(response)
    assert message.startswith(MSG_BAD_FORM.split("{")[0])
    assert "Evidence current through: Enter a valid date." in message
    under_review.refresh_from_db()
    assert under_review.review_state == ReviewState.UNDER_REVIEW
    assert not PublishedVersion.objects.for_item(under_review).exists()

    response = approve(client, under_review, evidence_current_through="2026-06-30")

    assert messages_of(response) == ["“Overview” is now approved."]
    version = PublishedVersion.objects.for_item(under_review).get()
    assert version.evidence_current_through == datetime.date(2026, 6, 30)


def test_sign_off_without_conflicts_field_takes_the_reviewers_declared_ones(
    client, under_review, reviewer
):
    from reviews.models import ReviewerProfile

    ReviewerProfile.objects.create(user=reviewer, conflicts_of_interest="Grants.")
    sign_in(client, reviewer)

    approve(client, under_review, kind="full")

    version = PublishedVersion.objects.for_item(under_review).get()
    assert version.reviewer_conflicts == "Grants."


def test_sign_off_fields_are_rendered_from_the_form(client, under_review, reviewer):
    sign_in(client, reviewer)

    page = client.get(admin_url("change", under_review)).content.decode()

    assert 'name="kind" value="minor"' in page
    assert 'id="review-evidence"' in page and 'type="date"' in page
    assert 'id="review-conflicts"' in page


def test_archive_reads_the_reason_field_only(client, draft, editor, reviewer):
    publish(draft, editor=editor, reviewer=reviewer)
    sign_in(client, reviewer)
    url = admin_url("review", draft, "archive")

    response = client.post(url, {"comment": "Not the reason."}, follow=True)

    assert messages_of(response) == [MSG_REASON_REQUIRED.format(noun="article")]
    response = client.post(url, {"reason": "Superseded."}, follow=True)
    assert messages_of(response) == ["“Overview” is now archived."]
    assert ReviewEvent.objects.for_item(draft).last().comment == "Superseded."


def test_workflow_urls_change_nothing_on_get(client, draft, editor):
    sign_in(client, editor)
    urls = [
        admin_url("review", draft, "submit"),
        admin_url("review_comment", draft),
        admin_url("review_restore", draft, 1),
    ]

    assert [client.get(url).status_code for url in urls] == [405, 405, 405]
    draft.refresh_from_db()
    assert draft.review_state == ReviewState.DRAFT
    assert client.post(urls[0]).status_code == 302
    draft.refresh_from_db()
    assert draft.review_state == ReviewState.SUBMITTED


def test_unknown_or_per_version_action_is_not_found(client, draft, editor):
    sign_in(client, editor)

    assert client.post(admin_url("review", draft, "explode")).status_code == 404
    assert client.post(admin_url("review", draft, "restore_version")).status_code == (
        404
    )
    assert client.post(admin_url("review", draft, "submit")).status_code == 302
