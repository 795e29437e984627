"""Django's SQLite backend, for tests only: its flush keeps the triggers.

Transactional tests end with a flush, which on SQLite is ``DELETE FROM`` each
table; the append-only triggers (reviews' migration 0011) rightly refuse that.
This flush drops the refusing triggers (``RAISE(ABORT, ...)``) of the tables
it empties, deletes, and creates them again from the SQL SQLite kept, all in
the flush's one transaction. Triggers that keep other tables in step (say,
a full-text index) still run. The
production backend has no such door: there, the record cannot be flushed.
"""

import json

from django.db.backends.sqlite3 import base, operations


class DatabaseOperations(operations.DatabaseOperations):
    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        statements = super().sql_flush(
            style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
        )
        if not statements:
            return statements
        with self.connection.cursor() as cursor:
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                "AND tbl_name IN (SELECT value FROM json_each(%s)) "
                "AND sql LIKE '%%RAISE(ABORT%%'",
                [json.dumps(list(tables))],
            )
            triggers = cursor.fetchall()
        return [
            *(f"DROP TRIGGER {self.quote_name(name)}" for name, _ in triggers),
            *statements,
            *(sql for _, sql in triggers),
        ]


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
