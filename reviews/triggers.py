"""Database triggers on every reviewable table, on PostgreSQL and SQLite.

Two rules no foreign key can state, because a published version names its
item generically (content type, object id):

- an item's live version is its own: ``Reviewable.live_version`` is a plain
  foreign key to ``PublishedVersion``, so a trigger refuses an INSERT or
  UPDATE setting ``live_version_id`` to a version of another item;
- what has been published is never deleted: a trigger refuses a DELETE of a
  row that has any published version, live or retired, whatever sends it
  (the ORM, a cascade, raw SQL). It can only be archived. Drafts that were
  never published can still be deleted.

The triggers are (re)installed after every ``migrate`` (and every test flush)
by ``install_reviewable_guards``, a post_migrate receiver, for every
installed reviewable model, so that content apps need do nothing, new
reviewable types are covered, and a trigger SQLite dropped while rebuilding a
table for a later migration comes back. This module knows no content app:
it walks the models that inherit ``Reviewable``.
"""

from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS, connections, router

from reviews.models import Reviewable

MSG_NOT_OWN_VERSION = (
    "{table}.live_version must be a published version of the same item: "
    "refused a version of another item"
)

POSTGRESQL_FUNCTION = """
CREATE OR REPLACE FUNCTION reviews_live_version_is_own() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    -- TG_ARGV: the item's app label, model name and primary key column.
    IF NEW.live_version_id IS NOT NULL AND NOT EXISTS (
        SELECT 1
        FROM reviews_publishedversion v
        JOIN django_content_type ct ON ct.id = v.content_type_id
        WHERE v.id = NEW.live_version_id
          AND v.object_id::text = to_jsonb(NEW) ->> TG_ARGV[2]
          AND ct.app_label = TG_ARGV[0]
          AND ct.model = TG_ARGV[1]
    ) THEN
        RAISE EXCEPTION '%.live_version must be a published version of the '
            'same item: refused a version of another item', TG_TABLE_NAME
            USING ERRCODE = 'restrict_violation';
    END IF;
    RETURN NEW;
END
$$
"""


MSG_PUBLISHED_NEVER_DELETED = (
    "{table}: this row has been published, and what readers have seen is never "
    "deleted, only archived"
)

POSTGRESQL_DELETE_FUNCTION = """
CREATE OR REPLACE FUNCTION reviews_published_never_deleted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    -- TG_ARGV: the item's app label, model name and primary key column.
    IF EXISTS (
        SELECT 1
        FROM reviews_publishedversion v
        JOIN django_content_type ct ON ct.id = v.content_type_id
        WHERE v.object_id = (to_jsonb(OLD) ->> TG_ARGV[2])::bigint
          AND ct.app_label = TG_ARGV[0]
          AND ct.model = TG_ARGV[1]
    ) THEN
        RAISE EXCEPTION '%: this row has been published, and what readers have '
            'seen is never deleted, only archived', TG_TABLE_NAME
            USING ERRCODE = 'restrict_violation';
    END IF;
    RETURN OLD;
END
$$
"""

GUARD_SUFFIXES = ("live_version_is_own", "published_never_deleted")


def reviewable_models(app_configs=None):
    """The installed concrete reviewable models, or those of ``app_configs``."""
    for model in global_apps.get_models():
        if issubclass(model, Reviewable) and (
            app_configs is None or model._meta.app_config in app_configs
        ):
            yield model


def trigger_names(model) -> list[str]:
    """The names of ``model``'s guards, one per rule."""
    return [f"{model._meta.db_table}_{suffix}" for suffix in GUARD_SUFFIXES]


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def guard_sql(model, vendor: str) -> list[str]:
    """The statements that (re)create ``model``'s guards, idempotently."""
    table = model._meta.db_table
    name, delete_name = trigger_names(model)
    app_label, model_name = model._meta.app_label, model._meta.model_name
    pk = model._meta.pk.column
    if vendor == "postgresql":
        arguments = f"{_literal(app_label)}, {_literal(model_name)}, {_literal(pk)}"
        return [
            POSTGRESQL_FUNCTION,
            f'CREATE OR REPLACE TRIGGER "{name}" '
            f'BEFORE INSERT OR UPDATE OF live_version_id ON "{table}" '
            f"FOR EACH ROW EXECUTE FUNCTION reviews_live_version_is_own({arguments})",
            POSTGRESQL_DELETE_FUNCTION,
            f'CREATE OR REPLACE TRIGGER "{delete_name}" BEFORE DELETE ON "{table}" '
            "FOR EACH ROW EXECUTE FUNCTION "
            f"reviews_published_never_deleted({arguments})",
        ]
    if vendor == "sqlite":
        # Names and literals come from model metadata, never from input.
        versions = (
            "SELECT 1 FROM reviews_publishedversion v "  # noqa: S608
            "JOIN django_content_type ct ON ct.id = v.content_type_id "
            f"WHERE ct.app_label = {_literal(app_label)} "
            f"AND ct.model = {_literal(model_name)}"
        )
        not_own = (
            f"WHEN NEW.live_version_id IS NOT NULL AND NOT EXISTS ({versions} "
            f'AND v.id = NEW.live_version_id AND v.object_id = NEW."{pk}")'
        )
        not_own_message = MSG_NOT_OWN_VERSION.format(table=table)
        triggers = [
            (f"{name}_insert", "INSERT", not_own, not_own_message),
            (name, "UPDATE OF live_version_id", not_own, not_own_message),
            (
                delete_name,
                "DELETE",
                f'WHEN EXISTS ({versions} AND v.object_id = OLD."{pk}")',
                MSG_PUBLISHED_NEVER_DELETED.format(table=table),
            ),
        ]
        return [
            statement
            for trigger, event, when, message in triggers
            for statement in (
                f'DROP TRIGGER IF EXISTS "{trigger}"',
                f'CREATE TRIGGER "{trigger}" BEFORE {event} ON "{table}" {when} '
                f"BEGIN SELECT RAISE(ABORT, {_literal(message)}); END",
            )
        ]
    return []


def install_reviewable_guards(app_config, using=DEFAULT_DB_ALIAS, **kwargs):
    """post_migrate receiver: give every reviewable table its guards."""
    connection = connections[using]
    with connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor))
        if not {"reviews_publishedversion", "django_content_type"} <= tables:
            return
        for model in reviewable_models():
            if model._meta.db_table not in tables or not router.allow_migrate_model(
                using, model
            ):
                continue
            for statement in guard_sql(model, connection.vendor):
                cursor.execute(statement)


def installed_guards(connection) -> set[str]:
    """The names of the reviewable tables' guards present in ``connection``'s
    database."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        elif connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        else:
            return set()
        return {row[0] for row in cursor.fetchall() if row[0].endswith(GUARD_SUFFIXES)}
