"""On PostgreSQL, trigram indexes for the search's name look-up
(``conditions.search.alternative_names``: ``icontains`` on a condition's
approved name and other names), which otherwise reads every condition.
Nothing on SQLite."""

from django.db import migrations

COLUMNS = ("public_name", "public_synonyms")


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column in COLUMNS:
        # The expression Django's icontains compares: UPPER(column::text).
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS conditions_condition_{column}_trgm "
            f"ON conditions_condition USING gin (UPPER({column}::text) gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS conditions_condition_{column}_trgm")


class Migration(migrations.Migration):
    dependencies = [("conditions", "0015_published_code_indexes")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
