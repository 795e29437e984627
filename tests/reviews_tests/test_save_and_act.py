"""Workflow buttons in the change form act on what is typed: the form is
saved first, in the same request, and the transition then acts on the saved
text. A form that does not validate saves nothing and moves nothing."""

import pytest
from django.urls import reverse

from reviews.admin import MSG_SAVED_NOT_MOVED, REVIEW_ACTION
from reviews.forms import MSG_STALE_EDIT
from reviews.models import ReviewEvent, ReviewState
from tests.factories import change_data, messages_of, sign_in

pytestmark = pytest.mark.django_db


def change_url(article):
    return reverse("admin:conditions_article_change", args=[article.pk])


def sections_data(article, body):
    """The change form with the article's first section, its body edited."""
    section = article.sections.order_by("position").first()
    return change_data(
        article,
        **{
            "sections-TOTAL_FORMS": "1",
            "sections-INITIAL_FORMS": "1",
            "sections-0-id": str(section.pk),
            "sections-0-article": str(article.pk),
            "sections-0-position": str(section.position),
            "sections-0-heading": section.heading,
            "sections-0-kind": section.kind,
            "sections-0-body": body,
            "sections-0-audience": section.audience,
            "sections-0-visibility": section.visibility,
        },
    )


def test_save_and_submit_submits_the_text_just_typed(client, draft, editor):
    sign_in(client, editor)
    data = sections_data(draft, "Heat and stress are common triggers [1].")
    response = client.post(
        change_url(draft), {**data, REVIEW_ACTION: "submit"}, follow=True
    )
    draft.refresh_from_db()
    assert draft.review_state == ReviewState.SUBMITTED
    # After the note of what the reviewer will check (uncited references).
    assert messages_of(response)[-1] == "“Overview” is now submitted."
    submitted = draft.review_data()["sections"][0]["body"]
    # The citation by number is saved by key (the first reference's).
    assert submitted == "Heat and stress are common triggers [@doe2020]."
    event = ReviewEvent.objects.for_item(draft).get(to_state=ReviewState.SUBMITTED)
    assert event.actor == editor


def test_a_form_with_errors_saves_nothing_and_submits_nothing(client, draft, editor):
    sign_in(client, editor)
    before = draft.review_data()
    data = sections_data(draft, "A new paragraph the editor typed.")
    response = client.post(
        change_url(draft), {**data, "title": "", REVIEW_ACTION: "submit"}
    )
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    # The typed text is still in the form, for the editor to fix and resend.
    assert "A new paragraph the editor typed." in response.content.decode()
    draft.refresh_from_db()
    assert draft.review_state == ReviewState.DRAFT
    assert draft.review_data() == before


def test_a_stale_form_saves_nothing_and_submits_nothing(client, draft, editor):
    sign_in(client, editor)
    data = sections_data(draft, "Typed in an old tab.")
    draft.title = "Renamed meanwhile"
    draft.save()
    response = client.post(change_url(draft), {**data, REVIEW_ACTION: "submit"})
    page = response.content.decode()
    assert MSG_STALE_EDIT.split(":")[0] in page
    assert "Typed in an old tab." in page
    draft.refresh_from_db()
    assert draft.review_state == ReviewState.DRAFT
    assert draft.sections.first().body != "Typed in an old tab."


def test_a_refused_transition_keeps_the_edits_and_says_so(client, draft, editor):
    """An editor's edits are saved even when the button they pressed is not
    theirs to press: the messages say both."""
    sign_in(client, editor)
    data = sections_data(draft, "Edited before pressing the wrong button.")
    response = client.post(
        change_url(draft), {**data, REVIEW_ACTION: "start_review"}, follow=True
    )
    draft.refresh_from_db()
    assert draft.review_state == ReviewState.DRAFT
    assert draft.sections.first().body == "Edited before pressing the wrong button."
    shown = messages_of(response)
    assert any("needs the reviewer role" in message for message in shown)
    assert shown[-1] == MSG_SAVED_NOT_MOVED


def test_an_unknown_action_is_a_404_after_nothing_moved(client, draft, editor):
    sign_in(client, editor)
    data = sections_data(draft, "Body.")
    response = client.post(change_url(draft), {**data, REVIEW_ACTION: "publish-now"})
    assert response.status_code == 404
    draft.refresh_from_db()
    assert draft.review_state == ReviewState.DRAFT


def test_view_only_reviewers_buttons_still_post_to_the_workflow_url(
    client, draft, editor, reviewer
):
    client_editor = client
    sign_in(client_editor, editor)
    client_editor.post(
        change_url(draft), {**sections_data(draft, "Body."), REVIEW_ACTION: "submit"}
    )
    sign_in(client, reviewer)
    page = client.get(change_url(draft)).content.decode()
    start = reverse("admin:conditions_article_review", args=[draft.pk, "start_review"])
    assert f'formaction="{start}"' in page
    assert REVIEW_ACTION not in page
