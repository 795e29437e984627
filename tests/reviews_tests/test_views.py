"""Reader-facing review pages (withdrawn, sign-off) and the staff audit view."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from reviews.services import review_archive, review_start, review_submit
from tests.factories import (
    make_article,
    make_user,
    publish,
    sign_in,
    verified_profile,
)

pytestmark = pytest.mark.django_db


def of_articles(article) -> dict:
    return {"content_type": ContentType.objects.get_for_model(article).pk}


@pytest.fixture
def published(draft, editor, reviewer):
    verified_profile(
        reviewer, credentials="MD, FRCP", conflicts_of_interest="None declared."
    )
    publish(draft, editor=editor, reviewer=reviewer)
    draft.refresh_from_db()
    return draft


def test_public_page_shows_who_approved_the_version_and_when(client, published):
    page = client.get(published.get_absolute_url()).content.decode()

    assert "Reviewer, MD, FRCP" in page
    approved = published.live_version.approved_at
    assert f'datetime="{approved:%Y-%m-%d}"' in page
    assert 'data-testid="last-reviewed"' in page
    assert 'data-testid="next-review-due"' in page
    assert "None declared." in page
    # No evidence date was given, so none is shown.
    assert 'data-testid="evidence-current"' not in page


def test_archived_article_is_gone_with_reason_not_missing(client, published, reviewer):
    review_archive(obj=published, by=reviewer, reason="Guidance superseded.")

    response = client.get(published.get_absolute_url())

    assert response.status_code == 410
    page = response.content.decode()
    assert "This article has been withdrawn" in page
    assert "Guidance superseded." in page


def test_never_published_article_is_still_a_plain_404(client, draft, editor, reviewer):
    assert client.get(draft.get_absolute_url()).status_code == 404
    publish(draft, editor=editor, reviewer=reviewer)
    assert client.get(draft.get_absolute_url()).status_code == 200


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, 3),
        ({"to_state": "submitted"}, 2),
        ({"actor": "editor"}, 1),
        ({"object_id": "other"}, 0),
        ({"created_at_after": "2000-01-01", "created_at_before": "2000-12-31"}, 0),
    ],
)
def test_audit_view_filters_events(client, draft, editor, reviewer, query, expected):
    review_submit(obj=draft, by=editor)
    review_start(obj=draft, by=reviewer)
    other = make_article(condition=draft.condition, by=editor, title="Other")
    review_submit(obj=other, by=editor)
    # Only the editor's submission of the first article is by "editor" + item.
    if query.get("actor") == "editor":
        query = {"actor": editor.pk, "object_id": draft.pk}
    if query.get("object_id") == "other":
        query = {"object_id": other.pk, "to_state": "under_review"}
    sign_in(client, reviewer)

    # The articles' events (the condition's approval is in the trail too).
    response = client.get(reverse("reviews:audit"), {**query, **of_articles(draft)})

    assert response.status_code == 200
    assert len(response.context["object_list"]) == expected


def test_audit_view_is_staff_only(client, draft, reviewer):
    client.force_login(make_user("a_reader"))
    response = client.get(reverse("reviews:audit"))
    assert response.status_code in (302, 403)
    sign_in(client, reviewer)
    assert client.get(reverse("reviews:audit")).status_code == 200


def test_audit_date_filter_includes_today(client, draft, editor):
    review_submit(obj=draft, by=editor)
    sign_in(client, editor)
    today = datetime.date.today().isoformat()

    response = client.get(
        reverse("reviews:audit"),
        {"created_at_after": today, "created_at_before": today, **of_articles(draft)},
    )

    assert len(response.context["object_list"]) == 1


@pytest.mark.parametrize("setting", [False, True])
def test_pending_submission_shown_only_when_enabled(
    settings, client, draft, editor, setting
):
    settings.REVIEW_SHOW_PENDING = setting
    review_submit(obj=draft, by=editor)

    response = client.get(draft.get_absolute_url())

    if setting:
        page = response.content.decode()
        assert response.status_code == 200
        assert "pending medical review" in page
        assert "Body of section 1" in page
    else:
        assert response.status_code == 404


def test_approved_article_never_shows_its_pending_draft(
    settings, client, published, editor
):
    settings.REVIEW_SHOW_PENDING = True
    published.summary = "Unreviewed new summary."
    published.save()
    from reviews.services import review_record_edit

    review_record_edit(obj=published, by=editor)
    review_submit(obj=published, by=editor)

    page = client.get(published.get_absolute_url()).content.decode()

    assert "Unreviewed new summary." not in page
    assert "pending medical review" not in page
    assert published.live_version.data["summary"] in page


def test_audit_pages_keep_the_filter_in_their_links(client, memo, editor, reviewer):
    from reviews.services import review_withdraw

    for _ in range(26):  # 52 events: two pages of 50
        review_submit(obj=memo, by=editor)
        review_withdraw(obj=memo, by=editor)
    sign_in(client, reviewer)

    first = client.get(reverse("reviews:audit"), {"actor": editor.pk})

    assert first.context["page_obj"].has_next()
    page = first.content.decode()
    assert f'href="?actor={editor.pk}&amp;page=2"' in page
    second = client.get(reverse("reviews:audit"), {"actor": editor.pk, "page": 2})
    assert len(second.context["object_list"]) == 2
    assert f'href="?actor={editor.pk}&amp;page=1"' in second.content.decode()
