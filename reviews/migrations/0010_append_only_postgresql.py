"""PostgreSQL refuses to change or delete the approval record.

Review events, review comments and their resolutions refuse every UPDATE and
DELETE. Published versions (which carry the sign-off) refuse DELETE, and allow
exactly one UPDATE: retiring a live version (``is_live`` true to false, every
other column unchanged), which is how the next approval or an archival takes
it off the air (``PublishedVersionQuerySet.retire()``).

Nothing else legitimately writes these rows: every foreign key on them is
``on_delete=PROTECT`` (users, content types, comments), so no SET NULL or
cascade from another table ever touches them, and no content model declares a
``GenericRelation`` to them. The refusal is raised with SQLSTATE 23001
(restrict_violation), which Django reports as ``IntegrityError``, as SQLite's
``RAISE(ABORT)`` is.

The test suite's transactional tests flush with ``TRUNCATE``, which does not
fire row-level triggers, so no test-only exemption exists here. (A role that
may TRUNCATE or DROP TRIGGER is beyond any trigger: run the site as a role
that owns neither.)

Does nothing on other databases; 0011 is SQLite's counterpart.
"""

from django.db import migrations

RECORD_TABLES = [
    "reviews_reviewevent",
    "reviews_reviewcomment",
    "reviews_reviewcommentresolution",
]

FORWARD = [
    """
    CREATE FUNCTION reviews_refuse_change() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
            USING ERRCODE = 'restrict_violation';
    END
    $$
    """,
    """
    CREATE FUNCTION reviews_publishedversion_only_retire() RETURNS trigger
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
    """,
    *(
        f"""
        CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table}
        FOR EACH ROW EXECUTE FUNCTION reviews_refuse_change()
        """
        for table in RECORD_TABLES
    ),
    """
    CREATE TRIGGER reviews_publishedversion_append_only
    BEFORE DELETE ON reviews_publishedversion
    FOR EACH ROW EXECUTE FUNCTION reviews_refuse_change()
    """,
    """
    CREATE TRIGGER reviews_publishedversion_only_retire
    BEFORE UPDATE ON reviews_publishedversion
    FOR EACH ROW EXECUTE FUNCTION reviews_publishedversion_only_retire()
    """,
]

BACKWARD = [
    *(
        f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}"
        for table in [*RECORD_TABLES, "reviews_publishedversion"]
    ),
    "DROP TRIGGER IF EXISTS reviews_publishedversion_only_retire "
    "ON reviews_publishedversion",
    "DROP FUNCTION IF EXISTS reviews_publishedversion_only_retire()",
    "DROP FUNCTION IF EXISTS reviews_refuse_change()",
]


def run_on_postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("reviews", "0009_remove_reviewcomment_resolved_in_place")]

    operations = [
        migrations.RunPython(run_on_postgresql(FORWARD), run_on_postgresql(BACKWARD))
    ]
