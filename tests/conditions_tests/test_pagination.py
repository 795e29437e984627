"""Pagination that never counts rows (``conditions.pagination``)."""

import pytest
from django.contrib.auth.models import User

from conditions.pagination import CountedPaginator

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("orphans", [0, 1])
def test_pages_read_from_the_end_hold_what_reading_forwards_gives(orphans):
    for n in range(7):
        User.objects.create(username=f"reader{n}")
    rows = User.objects.order_by("username")
    names = list(rows.values_list("username", flat=True))
    paginator = CountedPaginator(rows, 2, count=len(names))
    paginator.orphans = orphans

    pages = [
        [user.username for user in paginator.page(number)]
        for number in paginator.page_range
    ]

    assert [name for page in pages for name in page] == names
    assert pages[-1] == names[(paginator.num_pages - 1) * 2 :]
