"""Database triggers that keep each reviewable item's live version its own.

``Reviewable.live_version`` is a plain foreign key to ``PublishedVersion``; a
foreign key cannot say "a version of this same item", because the version
names its item generically (content type, object id). So every concrete
reviewable table gets a trigger that refuses an INSERT or UPDATE setting
``live_version_id`` to a version of another item, on PostgreSQL and SQLite.

The triggers are (re)installed after every ``migrate`` (and every test flush)
by ``install_live_version_guards``, a post_migrate receiver, for every
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


def reviewable_models(app_configs=None):
    """The installed concrete reviewable models, or those of ``app_configs``."""
    for model in global_apps.get_models():
        if issubclass(model, Reviewable) and (
            app_configs is None or model._meta.app_config in app_configs
        ):
            yield model


def trigger_name(model) -> str:
    return f"{model._meta.db_table}_live_version_is_own"


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def guard_sql(model, vendor: str) -> list[str]:
    """The statements that (re)create ``model``'s guard, idempotently."""
    table = model._meta.db_table
    name = trigger_name(model)
    app_label, model_name = model._meta.app_label, model._meta.model_name
    pk = model._meta.pk.column
    if vendor == "postgresql":
        return [
            POSTGRESQL_FUNCTION,
            f'CREATE OR REPLACE TRIGGER "{name}" '
            f'BEFORE INSERT OR UPDATE OF live_version_id ON "{table}" '
            "FOR EACH ROW EXECUTE FUNCTION reviews_live_version_is_own("
            f"{_literal(app_label)}, {_literal(model_name)}, {_literal(pk)})",
        ]
    if vendor == "sqlite":
        # Names and literals come from model metadata, never from input.
        when = (
            "WHEN NEW.live_version_id IS NOT NULL AND NOT EXISTS ("  # noqa: S608
            "SELECT 1 FROM reviews_publishedversion v "
            "JOIN django_content_type ct ON ct.id = v.content_type_id "
            f'WHERE v.id = NEW.live_version_id AND v.object_id = NEW."{pk}" '
            f"AND ct.app_label = {_literal(app_label)} "
            f"AND ct.model = {_literal(model_name)})"
        )
        message = _literal(MSG_NOT_OWN_VERSION.format(table=table))
        statements = []
        for event, suffix in [("INSERT", "insert"), ("UPDATE OF live_version_id", "")]:
            trigger = f"{name}_{suffix}" if suffix else name
            statements += [
                f'DROP TRIGGER IF EXISTS "{trigger}"',
                f'CREATE TRIGGER "{trigger}" BEFORE {event} ON "{table}" {when} '
                f"BEGIN SELECT RAISE(ABORT, {message}); END",
            ]
        return statements
    return []


def install_live_version_guards(app_config, using=DEFAULT_DB_ALIAS, **kwargs):
    """post_migrate receiver: give every reviewable table its guard."""
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
    """The names of the live-version guards present in ``connection``'s
    database."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname FROM pg_trigger "
                "WHERE tgname LIKE %s AND NOT tgisinternal",
                ["%_live_version_is_own"],
            )
        elif connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' "
                "AND name LIKE %s",
                ["%_live_version_is_own"],
            )
        else:
            return set()
        return {row[0] for row in cursor.fetchall()}
