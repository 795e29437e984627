"""The approval record is append-only: review events, published versions (with
their sign-off), review comments and their resolutions are written once and
never changed or deleted, by the ORM in bulk or one row at a time."""

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.db.models import F

from reviews.models import (
    MSG_APPEND_ONLY,
    AppendOnlyError,
    PublishedVersion,
    ReviewComment,
    ReviewCommentResolution,
    ReviewEvent,
)
from reviews.services import review_approve, review_resolve_comment, review_start
from tests.factories import bring_to, edit, make_memo, make_user, publish

pytestmark = pytest.mark.django_db

RECORD_MODELS = [ReviewEvent, PublishedVersion, ReviewComment, ReviewCommentResolution]


@pytest.fixture
def record(editor, reviewer):
    """One row in each table of the record: a memo sent back with a comment,
    the comment resolved, then approved."""
    memo = make_memo(by=editor)
    bring_to("changes_requested", memo, editor=editor, reviewer=reviewer)
    review_resolve_comment(comment=ReviewComment.objects.get(), by=reviewer)
    publish(memo, editor=editor, reviewer=reviewer)
    memo.refresh_from_db()
    return memo


def refusal(model, action):
    return MSG_APPEND_ONLY.format(table=model._meta.db_table, action=action)


@pytest.mark.parametrize("model", RECORD_MODELS, ids=lambda m: m.__name__)
def test_orm_bulk_update_is_refused_naming_the_table(record, model):
    before = list(model.objects.values())

    with pytest.raises(AppendOnlyError) as refused:
        model.objects.all().update(id=F("id"))

    assert str(refused.value) == refusal(model, "updated")
    assert "append-only" in str(refused.value)
    assert list(model.objects.values()) == before


@pytest.mark.parametrize("model", RECORD_MODELS, ids=lambda m: m.__name__)
def test_orm_bulk_delete_is_refused_naming_the_table(record, model):
    count = model.objects.count()

    with pytest.raises(AppendOnlyError) as refused:
        model.objects.all().delete()

    assert str(refused.value) == refusal(model, "deleted")
    assert model.objects.count() == count


@pytest.mark.parametrize("model", RECORD_MODELS, ids=lambda m: m.__name__)
def test_orm_bulk_update_of_instances_is_refused(record, model):
    rows = list(model.objects.all())

    with pytest.raises(AppendOnlyError, match="append-only"):
        model.objects.bulk_update(rows, ["pk"])


@pytest.mark.parametrize("model", RECORD_MODELS, ids=lambda m: m.__name__)
def test_saving_or_deleting_one_row_is_refused(record, model):
    row = model.objects.first()
    before = model.objects.values().get(pk=row.pk)

    with pytest.raises(AppendOnlyError, match="append-only"):
        row.save()
    with pytest.raises(AppendOnlyError, match="append-only"):
        row.delete()

    assert model.objects.values().get(pk=row.pk) == before


def test_an_html_change_on_a_published_version_is_refused(record):
    version = record.live_version

    with pytest.raises(AppendOnlyError):
        PublishedVersion.objects.filter(pk=version.pk).update(html="<p>forged</p>")
    version.html = "<p>forged</p>"
    with pytest.raises(AppendOnlyError):
        version.save(update_fields=["html"])

    assert PublishedVersion.objects.get(pk=version.pk).html != "<p>forged</p>"


def test_new_rows_are_still_written(record, editor, reviewer):
    """Positive control: the workflow adds events, versions, comments and
    resolutions, and retires the version it replaces."""
    first = record.live_version
    events = ReviewEvent.objects.count()
    edit(record, by=editor, body="Second words.")
    bring_to("changes_requested", record, editor=editor, reviewer=reviewer)
    review_resolve_comment(comment=ReviewComment.objects.open().get(), by=reviewer)
    bring_to("under_review", record, editor=editor, reviewer=reviewer)
    review_approve(obj=record, by=reviewer)

    record.refresh_from_db()
    assert record.live_version.number == first.number + 1
    assert list(PublishedVersion.objects.live()) == [record.live_version]
    assert ReviewEvent.objects.count() > events
    assert ReviewCommentResolution.objects.count() == 2


def test_retire_changes_only_whether_a_version_is_live(record):
    version = record.live_version
    before = PublishedVersion.objects.values().get(pk=version.pk)

    assert PublishedVersion.objects.filter(pk=version.pk).retire() == 1

    after = PublishedVersion.objects.values().get(pk=version.pk)
    assert after == {**before, "is_live": False}


def test_review_start_still_writes_an_event(memo, editor, reviewer):
    bring_to("submitted", memo, editor=editor, reviewer=reviewer)
    review_start(obj=memo, by=reviewer)

    assert ReviewEvent.objects.for_item(memo).count() == 2


# -- the database itself: raw SQL, on SQLite and PostgreSQL alike ------------

RAW_UPDATES = {
    "reviews_reviewevent": "comment = 'rewritten history'",
    "reviews_reviewcomment": "body = 'never said that'",
    "reviews_reviewcommentresolution": "at = at",
    "reviews_publishedversion": "html = '<p>forged</p>'",
}


def raw(sql, params=()):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


def snapshot(table):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table} ORDER BY id")  # noqa: S608
        return cursor.fetchall()


@pytest.mark.parametrize("table", RAW_UPDATES)
def test_raw_sql_update_is_refused_by_the_database(record, table):
    before = snapshot(table)

    with pytest.raises(IntegrityError, match="append-only"):
        raw(f"UPDATE {table} SET {RAW_UPDATES[table]}")  # noqa: S608

    assert snapshot(table) == before


@pytest.mark.parametrize("table", RAW_UPDATES)
def test_raw_sql_delete_is_refused_by_the_database(record, table):
    before = snapshot(table)

    with pytest.raises(IntegrityError, match="append-only"):
        raw(f"DELETE FROM {table}")  # noqa: S608

    assert snapshot(table) == before


@pytest.mark.parametrize(
    "change",
    [
        "html = '<p>forged</p>'",
        "next_review_due = '2099-01-01'",
        "reviewer_name = 'Someone Else'",
        "reviewer_credentials = 'FRCP'",
        "content_hash = 'forged'",
    ],
)
def test_retiring_a_version_cannot_carry_another_change(record, change):
    """The one UPDATE a version allows (taking it off the air) cannot smuggle
    in a change to its body or its sign-off."""
    before = snapshot("reviews_publishedversion")

    with pytest.raises(IntegrityError, match="append-only"):
        raw(f"UPDATE reviews_publishedversion SET is_live = %s, {change}", [False])

    assert snapshot("reviews_publishedversion") == before


def test_a_retired_version_cannot_go_live_again_in_sql(record):
    version = record.live_version
    raw("UPDATE reviews_publishedversion SET is_live = %s", [False])

    with pytest.raises(IntegrityError, match="append-only"):
        raw("UPDATE reviews_publishedversion SET is_live = %s", [True])

    assert not PublishedVersion.objects.get(pk=version.pk).is_live


def test_raw_sql_can_retire_a_live_version(record):
    """Positive control: the one change the database allows."""
    assert raw("UPDATE reviews_publishedversion SET is_live = %s", [False]) == 1


def test_raw_sql_can_still_append_an_event(record, editor):
    before = ReviewEvent.objects.count()
    raw(
        "INSERT INTO reviews_reviewevent (content_type_id, object_id, actor_id, "
        "from_state, to_state, comment, content_hash, created_at) "
        "SELECT content_type_id, object_id, actor_id, to_state, to_state, "
        "'appended', content_hash, created_at FROM reviews_reviewevent "
        "WHERE id = %s",
        [ReviewEvent.objects.first().pk],
    )

    assert ReviewEvent.objects.count() == before + 1


@pytest.mark.django_db(transaction=True)
def test_the_test_flush_empties_the_record_and_keeps_its_triggers(editor, reviewer):
    """Transactional tests flush between tests (TRUNCATE on PostgreSQL, a
    trigger-keeping DELETE on SQLite's test backend); afterwards the database
    still refuses to change the record."""
    memo = make_memo(by=editor)
    publish(memo, editor=editor, reviewer=reviewer)

    call_command("flush", interactive=False, verbosity=0)

    assert not ReviewEvent.objects.exists()
    assert not PublishedVersion.objects.exists()
    editor, reviewer = make_user("editor", "Editors"), make_user("r", "Reviewers")
    publish(make_memo(by=editor), editor=editor, reviewer=reviewer)
    with pytest.raises(IntegrityError, match="append-only"):
        raw("DELETE FROM reviews_reviewevent")
    assert ReviewEvent.objects.exists()
