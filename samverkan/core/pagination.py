"""Pagination bounded where an unbounded figure costs or breaks.

The API's limit/offset (django-ninja's), with the offset bounded: an unbounded offset
(`?offset=10**30`) overflows the database's integer and turned into a server error;
beyond MAX_OFFSET the client gets a 422 instead.

The pages' `BoundedPaginator`, whose count stops at a bound: for lists that grow
without end (the audit log: every read of personal data is a row), so that a page
view does not count millions of rows.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import QuerySet
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination as NinjaLimitOffsetPagination

MAX_OFFSET = 2**31 - 1


class LimitOffsetPagination(NinjaLimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(settings.NINJA_PAGINATION_PER_PAGE, ge=1, le=settings.NINJA_PAGINATION_MAX_LIMIT)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)


class BoundedPaginator(Paginator):
    """A paginator that counts at most `bound` rows (`SELECT COUNT(*)` over a `LIMIT`).

    `count` is the number of rows up to the bound and `bounded` says whether there are
    more; the pages beyond the bound are reached by narrowing the search, not by paging.
    """

    bound = 10_000

    def __init__(self, object_list: QuerySet[Any], per_page: int, **kwargs: Any) -> None:
        super().__init__(object_list, per_page, **kwargs)
        self.queryset = object_list

    @cached_property
    def _counted(self) -> int:
        # One row beyond the bound tells whether there are more.
        return self.queryset[: self.bound + 1].count()

    @cached_property
    def count(self) -> int:
        return min(self._counted, self.bound)

    @property
    def bounded(self) -> bool:
        return self._counted > self.bound
