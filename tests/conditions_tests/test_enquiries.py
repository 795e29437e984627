import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from conditions.forms import MSG_CONSENT_REQUIRED
from conditions.models import Article, Enquiry
from conditions.services import MSG_RATE_LIMITED
from tests.factories import publish, sign_in

pytestmark = pytest.mark.django_db

QUESTION = {
    "name": "Sam",
    "email": "sam@example.org",
    "question": "Can exercise set off flushing?",
    "consent": "on",
}


def ask_url(article):
    return reverse(
        "conditions:follow_up_question", args=[article.condition.slug, article.slug]
    )


def test_follow_up_question_is_stored_with_consent(client, published):
    response = client.post(ask_url(published), QUESTION)

    assert response.status_code == 302
    enquiry = Enquiry.objects.get()
    assert enquiry.article == published
    assert enquiry.condition == published.condition
    assert enquiry.consent is True
    assert enquiry.kind == "follow_up"
    assert enquiry.address_hash
    assert "sam" not in enquiry.address_hash


def test_question_without_consent_is_refused_and_text_kept(client, published):
    response = client.post(ask_url(published), {**QUESTION, "consent": ""})

    page = response.content.decode()
    assert response.status_code == 200
    assert MSG_CONSENT_REQUIRED.replace("’", "&#x27;") in page or (
        "only keep and answer" in page
    )
    assert "Can exercise set off flushing?" in page
    assert not Enquiry.objects.exists()
    client.post(ask_url(published), QUESTION)
    assert Enquiry.objects.count() == 1  # the same question, with consent


def test_honeypot_filled_by_a_bot_stores_nothing(client, published):
    response = client.post(ask_url(published), {**QUESTION, "website": "spam.example"})

    assert response.status_code == 302
    assert not Enquiry.objects.exists()
    client.post(ask_url(published), QUESTION)
    assert Enquiry.objects.count() == 1  # the same question, from a person


def test_rate_limit_per_address(client, published, settings):
    settings.ENQUIRIES_PER_HOUR = 2
    client.post(ask_url(published), QUESTION)
    client.post(ask_url(published), QUESTION)

    response = client.post(ask_url(published), {**QUESTION, "question": "A third one"})

    assert response.status_code == 429
    assert MSG_RATE_LIMITED.split(";")[0] in response.content.decode()
    assert "A third one" in response.content.decode()
    assert Enquiry.objects.count() == 2
    other = client.post(ask_url(published), QUESTION, REMOTE_ADDR="10.9.9.9")
    assert other.status_code == 302


def test_no_questions_about_unpublished_articles(client, draft, editor, reviewer):
    assert client.get(ask_url(draft)).status_code == 404
    publish(draft, editor=editor, reviewer=reviewer)
    assert client.get(ask_url(draft)).status_code == 200


def test_consultation_request_can_name_a_condition(client, published):
    client.post(
        reverse("conditions:consultation_request"),
        {**QUESTION, "condition": published.condition.pk},
    )

    enquiry = Enquiry.objects.get()
    assert enquiry.kind == "consultation"
    assert enquiry.condition == published.condition


def test_editor_turns_a_question_into_a_clinical_question_draft(
    client, published, editor
):
    client.post(ask_url(published), QUESTION)
    enquiry = Enquiry.objects.get()
    sign_in(client, editor)

    response = client.post(
        reverse("admin:conditions_enquiry_draft", args=[enquiry.pk]), follow=True
    )

    draft = Article.objects.get(kind="question")
    assert draft.title == "Can exercise set off flushing?"
    assert draft.condition == published.condition
    assert draft.review_state == "draft"
    assert draft.created_by == editor
    assert "Sam" not in draft.summary
    assert response.redirect_chain[-1][0].endswith(f"/article/{draft.pk}/change/")
    enquiry.refresh_from_db()
    assert enquiry.draft == draft
    # a second click does not make a second draft
    client.post(reverse("admin:conditions_enquiry_draft", args=[enquiry.pk]))
    assert Article.objects.filter(kind="question").count() == 1


def test_consultation_without_condition_cannot_become_a_draft(client, editor):
    client.post(reverse("conditions:consultation_request"), QUESTION)
    enquiry = Enquiry.objects.get()
    sign_in(client, editor)

    response = client.post(
        reverse("admin:conditions_enquiry_draft", args=[enquiry.pk]), follow=True
    )

    assert "Choose the condition this enquiry is about first" in (
        response.content.decode()
    )
    assert not Article.objects.exists()


def test_purge_enquiries_deletes_only_old_ones(client, published):
    client.post(ask_url(published), QUESTION)
    client.post(ask_url(published), {**QUESTION, "name": "Old"})
    Enquiry.objects.filter(name="Old").update(
        created_at=timezone.now() - datetime.timedelta(days=400)
    )
    out = io.StringIO()

    call_command("purge_enquiries", older_than=365, stdout=out)

    assert "Deleted 1 enquiries" in out.getvalue()
    assert list(Enquiry.objects.values_list("name", flat=True)) == ["Sam"]


def test_purge_enquiries_refuses_nonsense_days():
    with pytest.raises(CommandError, match="1 or more"):
        call_command("purge_enquiries", older_than=0, stdout=io.StringIO())
