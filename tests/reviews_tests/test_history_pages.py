"""The content history is read-only, and going back to a revision is one
service: "Restore this revision as a new draft", with the whole tree."""

import pytest
from django.urls import reverse

from conditions.models import Article
from reviews.models import PublishedVersion, ReviewEvent, ReviewState
from reviews.services import (
    MSG_NOT_THIS_ITEM,
    TransitionRefused,
    review_record_edit,
    review_restore_version,
)
from tests.factories import (
    change_data,
    edit,
    make_article,
    make_site_page,
    messages_of,
    publish,
    sign_in,
)

pytestmark = pytest.mark.django_db


def history_url(item, record):
    opts = item._meta
    return reverse(
        f"admin:{opts.app_label}_{opts.model_name}_simple_history",
        args=[item.pk, record.history_id],
    )


def restore_url(item, record):
    opts = item._meta
    return reverse(
        f"admin:{opts.app_label}_{opts.model_name}_review_restore_revision",
        args=[item.pk, record.history_id],
    )


@pytest.fixture
def rewritten(published, editor):
    """A published article, then a second revision saved as the admin saves
    one (the row first, then its parts): new title, the first section gone,
    the second rewritten, a reference retitled."""
    first = published.history.latest()
    published.title = "Rewritten title"
    published.save()
    first_section, second_section = published.sections.all()
    first_section.delete()
    second_section.body = "Rewritten body."
    second_section.save()
    reference = published.references.first()
    reference.title = "Retitled study"
    reference.save()
    review_record_edit(obj=published, by=editor)
    return published, first


def test_a_view_only_reviewer_cannot_change_content_through_history(
    client, published, reviewer
):
    record = published.history.latest()
    sign_in(client, reviewer)

    response = client.post(
        history_url(published, record),
        change_data(published, summary="Changed through the history form."),
    )

    assert response.status_code == 405
    published.refresh_from_db()
    assert published.summary != "Changed through the history form."


def test_site_page_history_is_read_only_too(client, editor, reviewer):
    page = make_site_page(by=editor)
    publish(page, editor=editor, reviewer=reviewer)
    sign_in(client, reviewer)

    response = client.post(
        history_url(page, page.history.latest()),
        {"title": "Defaced", "slug": page.slug, "summary": "x", "body": "x"},
    )

    assert response.status_code == 405
    page.refresh_from_db()
    assert page.title != "Defaced"


def test_history_page_shows_the_revision_without_a_revert_button(
    client, rewritten, editor, reviewer
):
    article, first = rewritten
    sign_in(client, editor)
    page = client.get(history_url(article, first)).content.decode()

    assert 'value="Revert"' not in page
    assert "history is read-only" in page
    assert "Restore this revision as a new draft" in page
    assert restore_url(article, first) in page

    sign_in(client, reviewer)
    page = client.get(history_url(article, first)).content.decode()
    assert "Restore this revision as a new draft" not in page


def test_restoring_a_revision_brings_back_the_whole_tree_as_a_draft(
    client, rewritten, editor
):
    article, first = rewritten
    live = article.live_version
    sign_in(client, editor)

    response = client.post(restore_url(article, first), follow=True)

    article = Article.objects.get(pk=article.pk)
    assert article.title == "Overview"
    assert [s.heading for s in article.sections.all()] == ["Section 1", "Section 2"]
    assert "Rewritten body." not in [s.body for s in article.sections.all()]
    assert article.references.first().title == "Study 1"
    assert article.references.count() == 3
    # A new draft, for review like any other; what readers see is unchanged.
    assert article.review_state == ReviewState.DRAFT
    assert article.live_version == live
    assert PublishedVersion.objects.for_item(article).count() == 1
    assert editor in article.revision_editors.all()
    event = ReviewEvent.objects.for_item(article).last()
    assert event.to_state == ReviewState.DRAFT
    assert f"history record {first.history_id}" in event.comment
    assert any("is now a new draft" in m for m in messages_of(response))


def test_restoring_needs_the_editor_role(client, rewritten, reviewer):
    article, first = rewritten
    sign_in(client, reviewer)

    response = client.post(restore_url(article, first), follow=True)

    article.refresh_from_db()
    assert article.title == "Rewritten title"
    assert any("not allowed" in m for m in messages_of(response))


def test_a_revision_of_another_item_is_refused(rewritten, condition, editor):
    article, first = rewritten
    other = make_article(condition=condition, by=editor, title="Other")

    with pytest.raises(TransitionRefused) as refused:
        review_restore_version(obj=other, by=editor, revision=first)

    assert refused.value.message == MSG_NOT_THIS_ITEM


def test_restoring_a_condition_revision_brings_back_its_codes(condition, editor):
    from tests.factories import approve_condition

    first = condition.history.latest()
    condition.name = "Renamed"
    condition.save()
    code = condition.codes.get()
    code.code = "A00.0"
    code.save()
    approve_condition(condition)

    review_restore_version(obj=condition, by=editor, revision=first)

    condition.refresh_from_db()
    assert condition.name == "Monoclonal mast cell activation syndrome"
    assert [c.code for c in condition.codes.all()] == ["D89.41"]
    assert condition.review_state == ReviewState.DRAFT


def test_restoring_a_site_page_revision(editor, reviewer):
    page = make_site_page(by=editor, body="The first words.")
    publish(page, editor=editor, reviewer=reviewer)
    first = page.history.latest()
    edit(page, by=editor, body="Other words.")

    review_restore_version(obj=page, by=editor, revision=first)

    page.refresh_from_db()
    assert page.body == "The first words."
