"""The admin home's dashboard: each person's queues with who and since when,
the review calendar, and a query count that does not grow with the rows."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from reviews.models import ReviewState
from tests.factories import (
    bring_to,
    make_article,
    make_condition,
    publish,
    reissue_live_version,
    sign_in,
)

pytestmark = pytest.mark.django_db

HOME = reverse("admin:index")


def panel(page: str, key: str) -> str:
    start = page.index(f'data-panel="{key}"')
    return page[start : page.index("</section>", start)]


def test_reviewer_sees_what_awaits_review_with_submitter_and_since(
    client, draft, editor, reviewer
):
    bring_to(ReviewState.SUBMITTED, draft, editor=editor, reviewer=reviewer)
    sign_in(client, reviewer)
    page = client.get(HOME).content.decode()

    awaiting = panel(page, "awaiting")
    change = reverse("admin:conditions_article_change", args=[draft.pk])
    assert f'href="{change}"' in awaiting
    assert "Editor" in awaiting  # the submitter
    assert f"{timezone.localtime():%-d %b %Y}" in awaiting
    assert '<span class="count">1</span>' in awaiting
    assert 'data-panel="drafts"' not in page  # reviewers draft nothing


def test_reviewer_sees_their_claimed_reviews(client, draft, editor, reviewer):
    bring_to(ReviewState.UNDER_REVIEW, draft, editor=editor, reviewer=reviewer)
    sign_in(client, reviewer)
    page = client.get(HOME).content.decode()
    assert "Overview" in panel(page, "reviewing")
    assert "Overview" not in panel(page, "awaiting")


def test_editor_sees_their_drafts_and_changes_requested(
    client, condition, editor, reviewer
):
    mine = make_article(condition=condition, by=editor, title="My draft")
    sent_back = make_article(condition=condition, by=editor, title="Sent back")
    bring_to(ReviewState.CHANGES_REQUESTED, sent_back, editor=editor, reviewer=reviewer)
    sign_in(client, editor)
    page = client.get(HOME).content.decode()

    drafts = panel(page, "drafts")
    assert mine.title in drafts and sent_back.title in drafts
    assert "Changes requested" in drafts and "Reviewer" in drafts
    assert 'data-panel="awaiting"' not in page


def test_review_calendar_shows_due_overdue_and_recent_with_owners(
    client, published, editor
):
    today = timezone.localdate()
    other = make_article(condition=published.condition, by=editor, title="Later")
    sign_in(client, editor)

    reissue_live_version(published, next_review_due=today + datetime.timedelta(days=45))
    page = client.get(HOME).content.decode()
    assert "Overview" in panel(page, "due-60")
    assert "Editor" in panel(page, "due-60")  # who edited the version
    assert "Overview" not in panel(page, "due-30")
    assert "Overview" in panel(page, "published")

    reissue_live_version(published, next_review_due=today - datetime.timedelta(days=1))
    page = client.get(HOME).content.decode()
    assert "Overview" in panel(page, "overdue")
    assert other.title not in panel(page, "published")  # never approved


def test_dashboard_queries_do_not_grow_with_the_rows(
    client, editor, reviewer, other_editor
):
    sign_in(client, reviewer)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(HOME).status_code == 200
        return len(captured)

    def add(n: int) -> None:
        for i in range(n):
            condition = make_condition(name=f"Condition {i} {timezone.now():%f}")
            submitted = make_article(condition=condition, by=editor, title=f"S{i}")
            bring_to(ReviewState.SUBMITTED, submitted, editor=editor, reviewer=reviewer)
            live = make_article(condition=condition, by=other_editor, title=f"P{i}")
            publish(live, editor=other_editor, reviewer=reviewer)

    queries()  # the session's first request stores what it learned
    add(2)
    few = queries()
    add(12)
    many = queries()
    page = client.get(HOME).content.decode()
    # 29 at most: content types Django has cached already cost nothing.
    assert many == few <= 29
    assert page.count('class="count">14<') >= 1  # awaiting: all counted
    assert panel(page, "awaiting").count("<tr>") == 10 + 1  # ten rows + header
