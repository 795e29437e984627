"""SQLite refuses to change or delete the approval record.

The same rules as 0010 for PostgreSQL: review events, review comments and
their resolutions refuse every UPDATE and DELETE; published versions refuse
DELETE, and every UPDATE except retiring a live version (``is_live`` 1 to 0,
every other column unchanged, so a new column must be added to the list
below). ``RAISE(ABORT)`` reaches Django as ``IntegrityError``.

Flushing: Django flushes SQLite with ``DELETE FROM``, which fires these
triggers, so a transactional test's flush would fail. SQLite gives a trigger
no per-connection state to consult (a trigger on a main-schema table may not
read the temp schema), and an exemption any connection can switch on would be
one production could switch on too. So the triggers have no exemption at all;
the test settings use a test-only backend (``tests/sqlite_backend``) whose
flush drops the triggers of the tables it empties and re-creates them from
``sqlite_master``, in the flush's own transaction.

A later migration that makes SQLite rebuild one of these tables (most
AlterField/RemoveField operations do) drops its triggers with the old table:
tests/reviews_tests/test_append_only.py then fails on SQLite; re-create them
in that migration.

Does nothing on other databases.
"""

from django.db import migrations

RECORD_TABLES = [
    "reviews_reviewevent",
    "reviews_reviewcomment",
    "reviews_reviewcommentresolution",
]

# Every column of reviews_publishedversion but is_live.
VERSION_COLUMNS = [
    "id",
    "content_type_id",
    "object_id",
    "number",
    "data",
    "html",
    "fragments",
    "content_hash",
    "approved_by_id",
    "approved_at",
    "next_review_due",
    "review_kind",
    "reviewer_name",
    "reviewer_credentials",
    "reviewer_conflicts",
    "last_reviewed_on",
    "evidence_current_through",
    "edited_at",
]


def refuse(table, event, when=""):
    return (
        f"CREATE TRIGGER {table}_no_{event.lower()} BEFORE {event} ON {table} "
        f"{when} BEGIN SELECT RAISE(ABORT, "
        f"'{table} is append-only: {event} refused'); END"
    )


FORWARD = [
    *(refuse(table, event) for table in RECORD_TABLES for event in ("UPDATE", "DELETE")),
    refuse("reviews_publishedversion", "DELETE"),
    refuse(
        "reviews_publishedversion",
        "UPDATE",
        when="WHEN NOT (OLD.is_live = 1 AND NEW.is_live = 0 AND "
        + " AND ".join(f"NEW.{column} IS OLD.{column}" for column in VERSION_COLUMNS)
        + ")",
    ),
]

BACKWARD = [
    f"DROP TRIGGER IF EXISTS {table}_no_{event}"
    for table in [*RECORD_TABLES, "reviews_publishedversion"]
    for event in ("update", "delete")
]


def run_on_sqlite(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for statement in statements:
                schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("reviews", "0010_append_only_postgresql")]

    operations = [migrations.RunPython(run_on_sqlite(FORWARD), run_on_sqlite(BACKWARD))]
