"""Who may read: the PUBLIC_READ gate, and pagination shared by the pages."""

from __future__ import annotations

import hashlib
from functools import cached_property, wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import HttpRequest

PAGE_SIZE = 50
# Lists count this many rows at most unless asked for the exact total.
COUNT_CAP = 10_000


def readable(view):
    """Anonymous visitors may read when PUBLIC_READ is on; others must log in."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        if not settings.PUBLIC_READ and not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapper


class CappedPaginator(Paginator):
    """Pages whose total is counted up to ``COUNT_CAP`` ("more than 10,000").

    Counting every match of a filter over a million claims takes seconds; a
    bounded count takes milliseconds and is exact below the cap. With
    ``exact`` (``?count=exact`` on the page) the full count is made once and
    cached for ``FACET_CACHE_SECONDS``.
    """

    def __init__(self, object_list, per_page, *, exact: bool = False) -> None:
        super().__init__(object_list, per_page)
        self.exact = exact
        self.capped = False

    @cached_property
    def count(self) -> int:
        rows = self.object_list.order_by().values("pk")
        if self.exact:
            sql, params = rows.query.sql_with_params()
            key = "count:" + hashlib.sha256(f"{sql}{params}".encode()).hexdigest()
            total = cache.get(key)
            if total is None:
                total = rows.count()
                cache.set(key, total, settings.FACET_CACHE_SECONDS)
            return total
        total = rows[: COUNT_CAP + 1].count()
        self.capped = total > COUNT_CAP
        return min(total, COUNT_CAP)

    @property
    def count_label(self) -> str:
        total = self.count
        return f"more than {total:,}" if self.capped else f"{total:,}"


def paginate(request: HttpRequest, queryset, size: int = PAGE_SIZE):
    exact = request.GET.get("count") == "exact"
    paginator = CappedPaginator(queryset, size, exact=exact)
    return paginator.get_page(request.GET.get("page"))
