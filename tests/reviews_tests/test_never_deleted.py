"""What has ever been published is never deleted, by anyone or anything: the
ORM refuses it with a clear error, and the database refuses it too, raw SQL
included, on SQLite and PostgreSQL. It can only be archived. Drafts that were
never published can still be deleted."""

import pytest
from django.db import IntegrityError, connection, models, transaction

from conditions.models import Article, Section
from reviews.checks import check_reviewable_not_cascaded
from reviews.models import ReviewedDeleteError
from reviews.services import review_archive
from tests.factories import edit, make_article, make_memo, publish
from tests.testapp.models import Memo

pytestmark = pytest.mark.django_db


@pytest.fixture
def archived_then_edited(editor, reviewer):
    """Published once, withdrawn, edited again: a draft with no live version,
    but readers have seen it."""
    memo = publish(make_memo(by=editor), editor=editor, reviewer=reviewer)
    review_archive(obj=memo, by=reviewer, reason="Superseded.")
    edit(memo, by=editor, body="New words.")
    return memo


def test_a_published_item_refuses_delete(memo, editor, reviewer):
    publish(memo, editor=editor, reviewer=reviewer)

    with pytest.raises(ReviewedDeleteError, match="“Overview” has been published"):
        memo.delete()

    assert Memo.objects.filter(pk=memo.pk).exists()


def test_an_archived_and_edited_draft_refuses_delete(archived_then_edited):
    with pytest.raises(ReviewedDeleteError, match="never deleted"):
        archived_then_edited.delete()

    assert Memo.objects.filter(pk=archived_then_edited.pk).exists()


def test_a_bulk_delete_with_one_published_item_deletes_nothing(
    archived_then_edited, editor
):
    scratch = make_memo(by=editor, title="Scratch")

    with pytest.raises(ReviewedDeleteError, match="“Overview” has been published"):
        Memo.objects.all().delete()

    assert set(Memo.objects.all()) == {archived_then_edited, scratch}


def test_drafts_never_published_can_be_deleted(memo, condition, editor):
    """Positive control, on both ways and both the test type and articles."""
    other = make_memo(by=editor, title="Other")
    article = make_article(condition=condition, by=editor)

    memo.delete()
    Memo.objects.filter(pk=other.pk).delete()
    article.delete()

    assert not Memo.objects.exists()
    assert not Article.objects.exists()
    assert not Section.objects.exists()


def raw_delete(model, pk):
    table = connection.ops.quote_name(model._meta.db_table)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE id = %s", [pk])  # noqa: S608


@pytest.mark.parametrize("model", [Memo, Article])
def test_raw_sql_delete_of_a_published_row_is_refused(
    model, condition, editor, reviewer, archived_then_edited
):
    item = (
        archived_then_edited
        if model is Memo
        else publish(
            make_article(condition=condition, by=editor),
            editor=editor,
            reviewer=reviewer,
        )
    )

    with pytest.raises(IntegrityError, match="never deleted"):
        raw_delete(model, item.pk)

    assert model.objects.filter(pk=item.pk).exists()


def test_raw_sql_delete_of_a_draft_never_published_goes_through(memo, editor, reviewer):
    """The trigger looks at the row's own type and id: a published item of
    another type, or another memo, does not hold a draft back."""
    publish(make_memo(by=editor, title="Published"), editor=editor, reviewer=reviewer)
    memo.revision_editors.clear()  # rows that point at it, as a cascade would

    raw_delete(Memo, memo.pk)

    assert not Memo.objects.filter(pk=memo.pk).exists()


def test_system_check_flags_a_foreign_key_that_would_cascade(monkeypatch):
    """Deleting a user, a condition or any other parent must never take a
    reviewable item with it."""
    assert check_reviewable_not_cascaded() == []

    field = Memo._meta.get_field("created_by")
    monkeypatch.setattr(field.remote_field, "on_delete", models.CASCADE)

    (error,) = check_reviewable_not_cascaded()
    assert error.id == "reviews.E003"
    assert "testapp.Memo.created_by cascades" in error.msg
