"""Two-stage approval and go-live times.

Review events name the stage an approval gave; published versions keep each
stage's sign-off, the go-live time an approval named, when a scheduled
version went live, and the published projection it carries.

The approval record's guards change with it:
- a published version now allows two UPDATEs: retiring a live version (as
  before), and putting a scheduled version on the air once (``is_live``
  false to true with ``went_live_at`` set, for a version with a go-live time
  that never went live), every other column unchanged;
- SQLite rebuilds reviews_reviewevent to add its column, which drops its
  append-only triggers (0011): they are made again. (The published
  versions' new columns are nullable without a default, so that SQLite adds
  them in place: a rebuild of that table would break the reviewable tables'
  guards, which name it.) The published-version UPDATE trigger is made again
  from the table's own columns, so it now
  covers the columns added since 0011 too (editors, reviewer_verified_at).
"""

from importlib import import_module

from django.db import migrations, models

PG_ONLY_RETIRE_OR_GO_LIVE = """
CREATE OR REPLACE FUNCTION reviews_publishedversion_only_retire() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.is_live AND NOT NEW.is_live
       AND (to_jsonb(NEW) - 'is_live') = (to_jsonb(OLD) - 'is_live') THEN
        RETURN NEW;
    END IF;
    IF NOT OLD.is_live AND NEW.is_live
       AND OLD.goes_live_at IS NOT NULL AND OLD.went_live_at IS NULL
       AND NEW.went_live_at IS NOT NULL
       AND (to_jsonb(NEW) - 'is_live' - 'went_live_at')
           = (to_jsonb(OLD) - 'is_live' - 'went_live_at') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION '% is append-only: UPDATE refused (a published version '
        'can only be retired, or go live once at its go-live time)', TG_TABLE_NAME
        USING ERRCODE = 'restrict_violation';
END
$$
"""
PG_ONLY_RETIRE = """
CREATE OR REPLACE FUNCTION reviews_publishedversion_only_retire() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.is_live AND NOT NEW.is_live
       AND (to_jsonb(NEW) - 'is_live') = (to_jsonb(OLD) - 'is_live') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION '% is append-only: UPDATE refused (a published version '
        'can only be retired)', TG_TABLE_NAME
        USING ERRCODE = 'restrict_violation';
END
$$
"""
EVENTS = "reviews_reviewevent"
VERSIONS = "reviews_publishedversion"


def _same(columns) -> str:
    return " AND ".join(f'NEW."{c}" IS OLD."{c}"' for c in columns)


def _version_columns(connection) -> list[str]:
    with connection.cursor() as cursor:
        return [
            column.name
            for column in connection.introspection.get_table_description(
                cursor, VERSIONS
            )
        ]


def _version_update_trigger(schema_editor, allowed: str) -> None:
    schema_editor.execute(f"DROP TRIGGER IF EXISTS {VERSIONS}_no_update")
    schema_editor.execute(
        f"CREATE TRIGGER {VERSIONS}_no_update BEFORE UPDATE ON {VERSIONS} "
        f"WHEN NOT ({allowed}) BEGIN SELECT RAISE(ABORT, "
        f"'{VERSIONS} is append-only: UPDATE refused'); END"
    )


def guard_again(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        schema_editor.execute(PG_ONLY_RETIRE_OR_GO_LIVE, params=None)
        return
    if connection.vendor != "sqlite":
        return
    for table, event in ((EVENTS, "UPDATE"), (EVENTS, "DELETE"), (VERSIONS, "DELETE")):
        schema_editor.execute(
            f"CREATE TRIGGER IF NOT EXISTS {table}_no_{event.lower()} "
            f"BEFORE {event} ON {table} BEGIN SELECT RAISE(ABORT, "
            f"'{table} is append-only: {event} refused'); END"
        )
    kept = [
        c for c in _version_columns(connection) if c not in ("is_live", "went_live_at")
    ]
    retire = (
        "OLD.is_live = 1 AND NEW.is_live = 0 "
        f"AND NEW.went_live_at IS OLD.went_live_at AND {_same(kept)}"
    )
    go_live = (
        "OLD.is_live = 0 AND NEW.is_live = 1 AND OLD.goes_live_at IS NOT NULL "
        "AND OLD.went_live_at IS NULL AND NEW.went_live_at IS NOT NULL "
        f"AND {_same(kept)}"
    )
    _version_update_trigger(schema_editor, f"({retire}) OR ({go_live})")


def only_retire_again(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        schema_editor.execute(PG_ONLY_RETIRE, params=None)
    elif connection.vendor == "sqlite":
        # 0011's rule, as it was: earlier migrations undone after this one
        # drop columns a wider rule would name.
        kept = import_module("reviews.migrations.0011_append_only_sqlite").VERSION_COLUMNS
        _version_update_trigger(
            schema_editor, f"OLD.is_live = 1 AND NEW.is_live = 0 AND {_same(kept)}"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0016_comment_anchors_and_replies"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="reviewevent",
            options={
                "ordering": ["created_at", "id"],
                "permissions": [
                    ("submit_for_review", "Can submit content for review"),
                    (
                        "review_content",
                        "Can review, request changes to and approve content",
                    ),
                    ("review_medicines", "Can give the pharmacist's approval"),
                ],
            },
        ),
        migrations.AddField(
            model_name="publishedversion",
            name="goes_live_at",
            field=models.DateTimeField(
                blank=True,
                editable=False,
                help_text="The go-live time the approval named; empty: live at approval.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="publishedversion",
            name="projection",
            field=models.JSONField(
                blank=True,
                null=True,
                editable=False,
                help_text="The published projection's values approved with this version (``Reviewable.PUBLISHED_FIELDS``), written when it goes live.",
            ),
        ),
        migrations.AddField(
            model_name="publishedversion",
            name="sign_offs",
            field=models.JSONField(
                blank=True,
                null=True,
                editable=False,
                help_text="Content approved in stages (clinical, then pharmacist): each stage's sign-off, in order, as it stood at publication.",
            ),
        ),
        migrations.AddField(
            model_name="publishedversion",
            name="went_live_at",
            field=models.DateTimeField(
                blank=True,
                editable=False,
                help_text="When a scheduled version went live; empty until then.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="reviewevent",
            name="stage",
            field=models.CharField(
                blank=True,
                db_default="",
                help_text="The stage an approval signed off (``STAGES``); empty otherwise.",
                max_length=20,
            ),
        ),
        migrations.RunPython(guard_again, only_retire_again),
    ]
