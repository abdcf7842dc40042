"""Pagination for every list: bounded depth and forgiving page numbers."""

import hashlib
from math import ceil

from django.core.exceptions import EmptyResultSet
from django.core.paginator import Page, Paginator
from django.http import HttpRequest
from django.utils.functional import cached_property

from .caching import CacheNamespace

# Deep pages are capped: past this a visitor is asked to refine the search instead.
MAX_PAGES = 50


class BoundedPaginator(Paginator):
    """A paginator that never offers more than MAX_PAGES pages (deep OFFSETs are slow)."""

    max_pages = MAX_PAGES

    @cached_property
    def total_pages(self):
        if self.count == 0:
            return 1
        return ceil(max(1, self.count - self.orphans) / self.per_page)

    @cached_property
    def num_pages(self):
        return min(self.total_pages, self.max_pages)

    @property
    def is_capped(self):
        return self.total_pages > self.max_pages

    @property
    def listed_count(self):
        return min(self.count, self.num_pages * self.per_page)


def paginate(request: HttpRequest, items, per_page: int, *, bounded: bool = True) -> Page:
    """The requested page of `items` ("page" in the query string), never an error page.

    Bounded lists offer BoundedPaginator.max_pages pages at most (the directory asks the
    visitor to refine the search past them); short archives pass bounded=False."""
    # get_page turns "abc", "" or NUL into page 1 and 99999 into the last (capped) page;
    # 0 and negative numbers mean the first page, not the last.
    number = request.GET.get("page")
    try:
        if int(number) < 1:
            number = 1
    except (TypeError, ValueError):
        pass
    paginator = BoundedPaginator(items, per_page) if bounded else Paginator(items, per_page)
    return paginator.get_page(number)


class CachedCountPaginator(Paginator):
    """A paginator whose count is kept in `count_cache` per query until the namespace is
    retired: paging through one search, or coming back to it, counts it once.

    The key is the query's own SQL and parameters, so a different search, filter, order or
    user's visibility is a different count. Subclasses name the namespace, retired by the
    models the query reads (the admin's company list at 100k companies: a 20 ms COUNT).
    """

    count_cache: CacheNamespace | None = None

    @cached_property
    def count(self):
        query = getattr(self.object_list, "query", None)
        if self.count_cache is None or query is None:
            return Paginator.count.func(self)
        try:
            sql, params = query.sql_with_params()
        except EmptyResultSet:
            return Paginator.count.func(self)
        digest = hashlib.sha256(repr((query.model._meta.label, sql, params)).encode()).hexdigest()
        return self.count_cache.get_or_set(
            "count", digest, compute=lambda: Paginator.count.func(self)
        )
