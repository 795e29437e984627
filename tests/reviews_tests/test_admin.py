import pytest
from django.urls import reverse

from conditions.models import Article
from reviews.forms import revision_token
from reviews.models import ReviewEvent, ReviewState
from reviews.services import MSG_OWN_WORK
from tests.factories import article_form, messages_of, sign_in, transition

pytestmark = pytest.mark.django_db


def test_editor_creates_article_with_sections_and_references(client, editor, condition):
    sign_in(client, editor)

    response = client.post(
        reverse("admin:conditions_article_add"), article_form(condition)
    )

    assert response.status_code == 302
    article = Article.objects.get(slug="living-with-mmas")
    assert article.created_by == editor
    assert article.review_state == ReviewState.DRAFT
    assert [s.heading for s in article.sections.all()] == ["Triggers"]
    assert article.history.count() == 1


def test_change_form_shows_only_buttons_the_role_allows(
    client, draft, editor, reviewer
):
    url = reverse("admin:conditions_article_change", args=[draft.pk])
    sign_in(client, editor)
    page = client.get(url).content.decode()
    assert "Save and submit for review" in page and "Start review" not in page

    transition(client, draft, "submit")
    sign_in(client, reviewer)
    page = client.get(url).content.decode()
    assert "Start review" in page and "ubmit for review" not in page


def test_buttons_move_article_through_the_workflow(client, draft, editor, reviewer):
    sign_in(client, editor)
    response = transition(client, draft, "submit", "Please review.")
    assert messages_of(response) == ["“Overview” is now submitted."]

    sign_in(client, reviewer)
    transition(client, draft, "start_review")
    transition(client, draft, "approve")

    draft.refresh_from_db()
    assert draft.review_state == ReviewState.APPROVED
    assert draft.live_version.approved_by == reviewer
    assert [e.to_state for e in ReviewEvent.objects.for_item(draft)] == [
        "submitted",
        "under_review",
        "approved",
    ]


def test_refused_transition_shows_message_and_changes_nothing(
    client, condition, editor
):
    editor.is_superuser = True  # may do everything, but not approve own work
    editor.save()
    sign_in(client, editor)
    client.post(reverse("admin:conditions_article_add"), article_form(condition))
    article = Article.objects.get(slug="living-with-mmas")
    transition(client, article, "submit")
    transition(client, article, "start_review")

    response = transition(client, article, "approve")

    assert messages_of(response) == [MSG_OWN_WORK.format(title=article)]
    article.refresh_from_db()
    assert article.review_state == ReviewState.UNDER_REVIEW
    assert article.live_version is None


def test_editing_approved_article_in_admin_starts_a_new_draft(
    client, draft, editor, reviewer
):
    from tests.factories import publish

    publish(draft, editor=editor, reviewer=reviewer)
    section = draft.sections.first()
    sign_in(client, editor)
    data = article_form(
        draft.condition,
        title="Overview",
        slug=draft.slug,
        review_revision=revision_token(draft),
        **{
            # Only one of the two sections is sent; the other stays as it is.
            "sections-INITIAL_FORMS": "1",
            "sections-0-id": str(section.pk),
            "sections-0-article": str(draft.pk),
            "references-TOTAL_FORMS": "0",
        },
    )

    response = client.post(
        reverse("admin:conditions_article_change", args=[draft.pk]), data
    )

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.review_state == ReviewState.DRAFT
    assert draft.live_version.data["summary"] == "A summary of Overview."
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "A summary of Overview." in page


def test_workflow_fields_cannot_be_forged_through_the_form(client, draft, editor):
    sign_in(client, editor)
    response = client.post(
        reverse("admin:conditions_article_change", args=[draft.pk]),
        article_form(
            draft.condition,
            slug=draft.slug,
            review_revision=revision_token(draft),
            review_state="approved",
            live_version="1",
            **{"sections-TOTAL_FORMS": "0", "references-TOTAL_FORMS": "0"},
        ),
    )

    assert response.status_code == 302  # the edit itself was saved...
    draft.refresh_from_db()
    assert draft.title == "Living with MMAS"
    assert draft.review_state == ReviewState.DRAFT  # ...the forged fields were not
    assert draft.live_version is None


def test_review_log_is_read_only_in_admin(client, draft, editor):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("root", password="x-pass-1")
    sign_in(client, editor)
    transition(client, draft, "submit")
    event = ReviewEvent.objects.for_item(draft).get()
    sign_in(client, admin)

    change = client.get(reverse("admin:reviews_reviewevent_change", args=[event.pk]))
    delete = client.post(
        reverse("admin:reviews_reviewevent_delete", args=[event.pk]), {"post": "yes"}
    )
    assert change.status_code == 200 and "Submitted" in change.content.decode()

    assert "Save" not in change.content.decode()
    assert delete.status_code == 403
    assert ReviewEvent.objects.filter(pk=event.pk).exists()


def test_review_log_list_costs_the_same_queries_for_many_items(
    client, condition, editor
):
    """The generic "item" column is prefetched, not read once per row."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from reviews.services import review_submit
    from tests.factories import make_article

    admin = get_user_model().objects.create_superuser("root", password="x-pass-1")
    sign_in(client, admin)
    url = reverse("admin:reviews_reviewevent_changelist")

    def queries_for_list():
        client.get(url)  # warm the session and content-type caches
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    review_submit(obj=make_article(condition=condition, by=editor), by=editor)
    few = queries_for_list()
    for n in range(5):
        article = make_article(condition=condition, by=editor, title=f"Article {n}")
        review_submit(obj=article, by=editor)

    assert queries_for_list() == few
