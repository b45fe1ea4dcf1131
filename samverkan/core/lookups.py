"""Lookups the ORM lacks, used as expressions: `queryset.filter(InArray(F("pk"), subquery))`."""

from __future__ import annotations

from typing import Any

from django.db.models.lookups import In


class InArray(In):
    """`IN (subquery)`, which PostgreSQL runs as `= ANY(ARRAY(subquery))`.

    For `pk IN (a few thousand ids of a union)` PostgreSQL estimates a hash join
    against every row of the outer table (a sequential scan of 400,000 placements for
    one municipality's 1,351); evaluated once as an array, the ids are fetched through
    the primary key instead. Other databases get the plain `IN`.
    """

    def as_postgresql(self, compiler: Any, connection: Any) -> tuple[str, tuple[Any, ...]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY(ARRAY{rhs})", (*lhs_params, *rhs_params)
