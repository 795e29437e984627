"""Pagination that never counts rows: told the count it already knows, or
reading one row more than a page to know whether another follows."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Count, Window
from django.http import Http404
from django.utils.functional import cached_property

# No list is read past this page: a larger number is "not found", never an
# OFFSET the database cannot hold.
MAX_PAGE = 100_000


class CountedPaginator(Paginator):
    """A paginator told its count, kept with the publication generation (the
    sitemap's sections, a letter of the A–Z), not a count of the rows."""

    def __init__(self, object_list, per_page, *, count: int):
        super().__init__(object_list, per_page)
        self.known_count = count

    @cached_property
    def count(self):
        return self.known_count

    def page(self, number):
        """Pages past the middle of an ordered queryset are read from its
        end, in reverse: an OFFSET costs the rows it skips, so no page skips
        more than half (the last page of a 100,000-line letter skips none).
        The count is the one the rows were summarised with; while a
        publication's bump is still committing, a page read from the end may
        be off by the lines it added, and is retired with that bump."""
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        rows = self.object_list
        if bottom <= self.count // 2 or not getattr(rows, "ordered", False):
            return super().page(number)
        backwards = list(rows.reverse()[self.count - top : self.count - bottom])
        return self._get_page(backwards[::-1], number, self)


class WindowCountPaginator(Paginator):
    """Reads a page of a queryset and how many rows it has in one query:
    each row of the page carries the total (``COUNT(*) OVER ()``), so no
    second query counts the rows again (search results). A page past the
    end reads nothing and is not found."""

    def page(self, number):
        if "count" in self.__dict__:  # counted already: ?page=last
            return super().page(number)
        try:
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger(self.error_messages["invalid_page"]) from None
        if number < 1:
            raise EmptyPage(self.error_messages["min_page"])
        if number > MAX_PAGE:
            raise EmptyPage(self.error_messages["no_results"])
        bottom = (number - 1) * self.per_page
        rows = list(
            self.object_list.annotate(rows_in_all=Window(Count("pk")))[
                bottom : bottom + self.per_page
            ]
        )
        if not rows and number > 1:
            raise EmptyPage(self.error_messages["no_results"])
        self.count = rows[0].rows_in_all if rows else 0
        return self._get_page(rows, number, self)


def page_number(request) -> int:
    """``?page=``, a whole number from 1; anything else is a 404."""
    raw = request.GET.get("page", "1")
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_PAGE:
        raise Http404("No such page.")
    return int(raw)


def page_of(request, rows, size: int, *, read=list) -> tuple[list, dict]:
    """The ``?page=`` of ``rows`` (a queryset, read with ``read``), ``size``
    to a page, and what the page links need (``page``, ``next_page``,
    ``page_size``; see ``includes/_page_links.html``): one query, whatever
    the number of rows. A page past the end is a 404."""
    page = page_number(request)
    start = (page - 1) * size
    # One row more than a page says whether there is a next one.
    items = read(rows[start : start + size + 1])
    if page > 1 and not items:
        raise Http404("No such page.")
    more = len(items) > size
    links = {"page": page, "next_page": page + 1 if more else None, "page_size": size}
    return items[:size], links
