"""On PostgreSQL, an index that serves prefix matches on approved codes
(``conditions.models.codes_under``: a subcategory and every code under it,
``code LIKE 'D89.4%'``), which a plain index serves only under the C
collation: without it, each ICD look-up read every approved code (50 ms at
100,000 conditions). Nothing on SQLite."""

from django.db import migrations

INDEX = "conditions_publishedconditioncode_code_prefix"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} "
            "ON conditions_publishedconditioncode (code varchar_pattern_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("conditions", "0019_index_entries_listed")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
