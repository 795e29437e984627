"""The change form's live preview: what the form holds, rendered as readers
would see it and with its problems, while typing, without saving anything."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conditions.models import Article
from reviews.models import ReviewState
from reviews.services import review_start, review_submit
from tests.factories import (
    admin_url,
    form_rows,
    make_article,
    make_site_page,
    sign_in,
)

pytestmark = pytest.mark.django_db


def preview(client, article, **overrides):
    return client.post(
        admin_url("review_live_preview", article), form_rows(article, **overrides)
    )


def test_the_preview_shows_typed_text_and_saves_nothing(client, editor, draft):
    sign_in(client, editor)
    before = (draft.title, draft.sections.first().body, draft.revision_hash)

    response = preview(
        client,
        draft,
        title="Mast cells, typed but not saved",
        **{"sections-0-body": "A *new* sentence, citing [1]."},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert (
        response["Cache-Control"].startswith("max-age=0")
        or "no-store" in response["Cache-Control"]
    )
    assert "Mast cells, typed but not saved" in page
    assert "A <em>new</em> sentence" in page
    assert "what the form holds, not saved yet" in page
    draft.refresh_from_db()
    assert (draft.title, draft.sections.first().body, draft.revision_hash) == before


def test_the_preview_lists_a_problem_then_drops_it_once_fixed(client, editor, draft):
    sign_in(client, editor)

    broken = preview(client, draft, **{"sections-0-body": "See [9]."}).content.decode()
    fixed = preview(client, draft, **{"sections-0-body": "See [1]."}).content.decode()

    assert "citation [9] has no reference" in broken
    assert 'data-testid="preview-problems"' in broken
    assert "citation [9]" not in fixed


def test_a_row_deleted_or_added_in_the_form_is_previewed(client, editor, draft):
    sign_in(client, editor)
    page = preview(
        client,
        draft,
        **{
            "sections-0-DELETE": "on",
            "sections-TOTAL_FORMS": 3,
            "sections-2-position": 3,
            "sections-2-heading": "Typed just now",
            "sections-2-kind": "other",
            "sections-2-body": "Fresh words [1].",
            "sections-2-audience": "everyone",
            "sections-2-visibility": "public",
        },
    ).content.decode()

    assert "Typed just now" in page
    assert "Body of section 1" not in page
    assert "Body of section 2" in page
    assert draft.sections.count() == 2


def test_form_errors_are_listed_and_the_saved_value_is_shown(client, editor, draft):
    sign_in(client, editor)

    page = preview(client, draft, title="", **{"sections-0-kind": "nonsense"})

    text = page.content.decode()
    assert "Title: This field is required." in text
    assert "Section 1: Kind: Select a valid choice." in text
    assert f"<h1>{draft.title}</h1>" in text


def test_a_stale_form_is_told_before_it_saves(client, editor, draft):
    sign_in(client, editor)
    data = form_rows(draft)
    Article.objects.filter(pk=draft.pk).update(summary="Someone else saved this.")

    page = client.post(admin_url("review_live_preview", draft), data).content.decode()

    assert "someone else saved this article after you opened it" in page


def test_under_review_the_preview_says_the_form_will_not_save(
    client, editor, reviewer, draft
):
    """A form opened before the reviewer claimed the article: its preview
    says a save would be refused, as the save itself would."""
    data = form_rows(draft, title="Typed before the claim")
    review_submit(obj=draft, by=editor)
    review_start(obj=draft, by=reviewer)
    sign_in(client, editor)

    page = client.post(admin_url("review_live_preview", draft), data).content.decode()

    assert "Reviewer is reviewing it" in page or "is reviewing" in page
    draft.refresh_from_db()
    assert draft.title == "Overview"
    assert draft.review_state == ReviewState.UNDER_REVIEW


def test_only_staff_with_view_permission_see_it(client, reader, draft):
    sign_in(client, reader)
    response = preview(client, draft)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_it_only_answers_a_post(client, editor, draft):
    sign_in(client, editor)
    assert client.get(admin_url("review_live_preview", draft)).status_code == 405


def test_a_site_page_has_a_live_preview_too(client, editor):
    page = make_site_page(by=editor, body="Old words.")
    sign_in(client, editor)
    url = f"/admin/conditions/sitepage/{page.pk}/review/preview/"
    response = client.post(
        url,
        {
            "kind": page.kind,
            "title": page.title,
            "slug": page.slug,
            "summary": page.summary,
            "body": "New **words**.",
        },
    )
    assert "New <strong>words</strong>." in response.content.decode()


def test_content_without_a_preview_page_has_none(client, editor, condition):
    sign_in(client, editor)
    url = f"/admin/conditions/condition/{condition.pk}/review/preview/"
    assert client.post(url, {}).status_code == 404


def test_the_change_form_offers_the_panel(client, editor, draft):
    sign_in(client, editor)
    page = client.get(admin_url("change", draft)).content.decode()
    assert 'data-testid="live-preview-open"' in page
    assert admin_url("review_live_preview", draft) in page
    assert "js/live_preview.js" in page


def test_the_preview_costs_one_query_per_row_at_most(client, editor, condition):
    """Django's inline forms look each row up by its id (one query a row);
    nothing else grows with the article."""
    sign_in(client, editor)
    counts = []
    for sections in (2, 12):
        article = make_article(
            condition=condition, by=editor, sections=sections, title=f"A{sections}"
        )
        with CaptureQueriesContext(connection) as queries:
            assert preview(client, article).status_code == 200
        counts.append(len(queries))
    assert counts[1] - counts[0] <= 10, counts
