"""Pagination that does not count rows it already knows the number of."""

from django.core.paginator import Paginator
from django.utils.functional import cached_property


class CountedPaginator(Paginator):
    """A paginator told its count, kept with the publication generation (the
    sitemap's sections, a letter of the A–Z), not a count of the rows."""

    def __init__(self, object_list, per_page, *, count: int):
        super().__init__(object_list, per_page)
        self.known_count = count

    @cached_property
    def count(self):
        return self.known_count
