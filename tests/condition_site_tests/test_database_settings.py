"""How the site talks to its database."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


@pytest.mark.postgres
def test_postgresql_queries_start_no_parallel_workers_by_default():
    """Readers' pages read a page of rows through indexes: starting parallel
    workers for them cost more than it saved (bench/README.md)."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW max_parallel_workers_per_gather")
        (workers,) = cursor.fetchone()

    assert workers == "0"
