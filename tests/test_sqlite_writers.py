"""Many writers at once on the SQLite file `make run` uses (issue 8, §5).

Each writer is a thread with its own connection, as under runserver; they run
in a fresh process with the project's own settings and a file database, so
the connection options under test are the ones settings.py chooses.
"""

import json

from tests.factories import run_fresh

# 10 threads x 5 saves, each save a transaction that reads and then writes, as
# an admin save does (it reads the row under lock, then writes the content).
WRITERS = """
import json, threading, time
import django
django.setup()
from django.db import connection, connections, transaction

with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE note (id integer PRIMARY KEY, body text)")
connection.close()
barrier = threading.Barrier(10)
errors = []

def write(n):
    barrier.wait()
    for i in range(5):
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SELECT count(*) FROM note")
                cursor.fetchone()
                time.sleep(0.005)
                cursor.execute("INSERT INTO note (body) VALUES (%s)", [f"{n}.{i}"])
        except Exception as error:
            errors.append(f"{type(error).__name__}: {error}")
    connections.close_all()

threads = [threading.Thread(target=write, args=(n,)) for n in range(10)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
with connection.cursor() as cursor:
    cursor.execute("SELECT count(*) FROM note")
    print(json.dumps({"rows": cursor.fetchone()[0], "errors": errors}))
"""


def test_concurrent_writers_on_a_sqlite_file_wait_instead_of_failing(tmp_path):
    result = run_fresh(
        WRITERS, timeout=120, DATABASE_URL=f"sqlite:///{tmp_path / 'site.sqlite3'}"
    )
    assert result.returncode == 0, result.stderr

    outcome = json.loads(result.stdout)
    assert outcome["errors"] == []
    assert outcome["rows"] == 50
