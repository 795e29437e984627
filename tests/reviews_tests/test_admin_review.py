"""The admin side of review: comments, diff, versions, queues, stale edits and
the back doors that must stay shut."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reviews.forms import MSG_STALE_EDIT, PassOnForm, revision_token
from reviews.models import PublishedVersion, ReviewComment, ReviewEvent, ReviewState
from reviews.services import (
    review_comment,
    review_record_edit,
    review_resolve_comment,
    review_start,
    review_submit,
)
from tests.factories import (
    admin_url,
    change_data,
    make_article,
    messages_of,
    publish,
    reissue_live_version,
    sign_in,
    transition,
    warnings_of,
)

pytestmark = pytest.mark.django_db


def test_second_stale_save_is_refused_and_keeps_the_users_text(
    client, draft, editor, other_editor
):
    first = change_data(draft, summary="Alice's wording.")
    second = change_data(draft, summary="Bob's wording.")
    sign_in(client, editor)
    assert client.post(admin_url("change", draft), first).status_code == 302

    sign_in(client, other_editor)
    response = client.post(admin_url("change", draft), second)

    page = response.content.decode()
    assert response.status_code == 200
    assert MSG_STALE_EDIT.format(noun="article").split(":")[0] in page
    assert "Bob&#x27;s wording." in page
    draft.refresh_from_db()
    assert draft.summary == "Alice's wording."
    # The re-shown form now carries the saved revision: saving again after
    # merging goes through.
    assert f'value="{revision_token(draft)}"' in page
    second["review_revision"] = revision_token(draft)
    assert client.post(admin_url("change", draft), second).status_code == 302


def test_forged_approval_fields_are_ignored(client, under_review, reviewer, editor):
    sign_in(client, reviewer)
    client.post(
        admin_url("review", under_review, "approve"),
        {
            "acknowledged": warnings_of(under_review),
            "approved_by": str(editor.pk),
            "approved_at": "2001-01-01T00:00",
            "next_review_due": "2099-01-01",
            "last_reviewed_on": "2099-01-01",
            "kind": "full",
        },
    )

    version = PublishedVersion.objects.for_item(under_review).get()
    assert version.approved_by == reviewer
    assert version.approved_at.year > 2001
    assert version.next_review_due.year < 2099


def test_history_pages_refuse_a_post_even_from_an_editor(
    client, draft, editor, reviewer
):
    """simple-history's form would save the POST (the old revert); it is
    refused, and the content stays as it is."""
    publish(draft, editor=editor, reviewer=reviewer)
    approved_row = draft.history.latest()
    draft.title = "Rewritten"
    draft.save()
    review_record_edit(obj=draft, by=editor)
    sign_in(client, editor)

    response = client.post(
        reverse(
            "admin:conditions_article_simple_history",
            args=[draft.pk, approved_row.history_id],
        ),
        change_data(draft, title="Overview"),
    )

    assert response.status_code == 405
    draft.refresh_from_db()
    assert draft.title == "Rewritten"
    assert PublishedVersion.objects.for_item(draft).count() == 1


def test_request_changes_needs_a_comment_in_the_admin(client, under_review, reviewer):
    sign_in(client, reviewer)

    response = transition(client, under_review, "request_changes", "")

    assert "needs a comment" in messages_of(response)[0]
    under_review.refresh_from_db()
    assert under_review.review_state == ReviewState.UNDER_REVIEW


def test_comment_then_resolve_through_the_admin(client, under_review, reviewer, editor):
    sign_in(client, reviewer)
    client.post(admin_url("review_comment", under_review), {"body": "Dose unit?"})
    comment = ReviewComment.objects.get()

    sign_in(client, editor)
    page = client.get(admin_url("change", under_review)).content.decode()
    # Only its author or the claiming reviewer (here, both) resolves it.
    assert "Dose unit?" in page and "Mark resolved" not in page
    sign_in(client, reviewer)
    client.post(admin_url("review_resolve", under_review, comment.pk))

    assert ReviewComment.objects.get().resolution.by == reviewer
    page = client.get(admin_url("change", under_review)).content.decode()
    assert "Resolved by Reviewer" in page and "Mark resolved" not in page


def test_resolved_comments_cost_no_query_each(client, under_review, reviewer, editor):
    """The panel fetches comments with their authors and resolutions at once:
    one resolved comment or five, the same number of queries."""

    def queries_with(count):
        for number in range(count - ReviewComment.objects.count()):
            comment = review_comment(
                obj=under_review, by=reviewer, body=f"Point {number}."
            )
            review_resolve_comment(comment=comment, by=reviewer)
        with CaptureQueriesContext(connection) as queries:
            page = client.get(admin_url("change", under_review)).content.decode()
        assert page.count("Resolved by Reviewer") == count
        return len(queries)

    sign_in(client, editor)
    assert queries_with(1) == queries_with(5)


def test_diff_marks_inserted_and_removed_words(client, draft, editor, reviewer):
    publish(draft, editor=editor, reviewer=reviewer)
    section = draft.sections.first()
    section.body = "Body of section 1, citing [2]."
    section.save()
    review_record_edit(obj=draft, by=editor)
    sign_in(client, reviewer)

    page = client.get(admin_url("review_diff", draft)).content.decode()

    assert "Section: Section 1" in page
    assert "<del>[1].\n| a | b\n| 1 | 2</del>" in page
    assert "<ins>[2].</ins>" in page
    assert "(unchanged)" in page  # Section 2


def test_diff_of_a_long_section_is_by_line_with_a_note(client, draft, editor, reviewer):
    publish(draft, editor=editor, reviewer=reviewer)
    section = draft.sections.first()
    section.body = "\n\n".join(f"Line {n} of a long section." for n in range(2_000))
    section.save()
    review_record_edit(obj=draft, by=editor)
    sign_in(client, reviewer)

    page = client.get(admin_url("review_diff", draft)).content.decode()

    assert 'data-testid="diff-note"' in page
    assert "too long to compare word by word" in page.lower()
    assert "<ins>Line 0 of a long section.\nLine 1 of" in page


def test_diff_of_new_article_shows_everything_as_new(client, draft, reviewer):
    sign_in(client, reviewer)

    page = client.get(admin_url("review_diff", draft)).content.decode()

    assert 'data-testid="all-new"' in page
    assert "<ins>Overview</ins>" in page
    assert "<del>" not in page


def test_staff_browse_versions_view_one_and_restore_it(client, draft, editor, reviewer):
    publish(draft, editor=editor, reviewer=reviewer)
    draft.title = "Second title"
    draft.save()
    review_record_edit(obj=draft, by=editor)
    sign_in(client, editor)

    listing = client.get(admin_url("review_versions", draft)).content.decode()
    shown = client.get(admin_url("review_version", draft, 1)).content.decode()
    client.post(admin_url("review_restore", draft, 1))

    assert "Version 1" in listing and "Restore as a new draft" in listing
    assert "<h1>Overview</h1>" in shown and "as readers saw it" in shown
    draft.refresh_from_db()
    assert draft.title == "Overview"
    assert draft.review_state == ReviewState.DRAFT


@pytest.mark.parametrize(
    ("queue", "expected"),
    [
        ("awaiting", ["Submitted one"]),
        ("mine", ["Claimed one"]),
        ("drafts", ["Overview"]),
        ("changes", []),
        ("overdue", []),
    ],
)
def test_queues_show_each_user_their_work(
    client, draft, condition, editor, other_editor, reviewer, queue, expected
):
    submitted = make_article(
        condition=condition, by=other_editor, title="Submitted one"
    )
    review_submit(obj=submitted, by=other_editor)
    claimed = make_article(condition=condition, by=other_editor, title="Claimed one")
    review_submit(obj=claimed, by=other_editor)
    review_start(obj=claimed, by=reviewer)
    user = reviewer if queue == "mine" else editor
    sign_in(client, user)

    response = client.get(
        reverse("admin:conditions_article_changelist"), {"queue": queue}
    )

    shown = [a.title for a in response.context["cl"].result_list]
    assert shown == expected


def test_changelist_shows_who_claimed_the_review(client, under_review, reviewer):
    sign_in(client, reviewer)
    page = client.get(reverse("admin:conditions_article_changelist")).content.decode()
    assert "Under review by Reviewer" in page


def test_overdue_queue_lists_articles_past_their_review_date(
    client, draft, editor, reviewer
):
    import datetime

    publish(draft, editor=editor, reviewer=reviewer)
    reissue_live_version(draft, next_review_due=datetime.date(2020, 1, 1))
    sign_in(client, editor)

    response = client.get(
        reverse("admin:conditions_article_changelist"), {"queue": "overdue"}
    )

    assert [a.title for a in response.context["cl"].result_list] == ["Overview"]


# 16, one for the device that verified the session (django-otp), one for
# when the review was claimed (the lock banner), one for the sections a
# comment can be about, and the reviewed tree twice (three queries each: the
# problems to check in the panel, and on the sign-off). An article approved
# in one stage looks up no stages given.
CHANGE_PAGE_QUERIES = 24


def test_change_page_of_article_under_review_costs_fixed_queries(
    client, under_review, reviewer, editor, condition
):
    from reviews.services import review_comment

    review_comment(obj=under_review, by=editor, body="One.")
    review_comment(obj=under_review, by=reviewer, body="Two.")
    sign_in(client, reviewer)
    url = admin_url("change", under_review)
    client.get(url)  # warm caches (content types, permissions)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)

    assert response.status_code == 200
    assert len(queries) == CHANGE_PAGE_QUERIES, "\n".join(
        q["sql"] for q in queries.captured_queries
    )
    assert ReviewEvent.objects.for_item(under_review).count() == 2


def test_pass_on_offers_neither_the_actor_nor_the_claimant(
    client, under_review, reviewer, other_reviewer
):
    from tests.factories import make_user

    chief = make_user("chief", "Reviewers", is_superuser=True)
    sign_in(client, chief)

    forms = client.get(admin_url("change", under_review)).context["review_forms"]

    pass_on = next(form for form in forms if isinstance(form, PassOnForm))
    assert list(pass_on.fields["to"].queryset) == [other_reviewer]
