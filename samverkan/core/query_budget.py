"""Query budgets: a page or API list must cost the same number of SQL queries at
10 rows as at 1,000 (DESIGN.md §5, STYLE.md "Pin the number of SQL queries").

    def test_the_event_list_has_a_query_budget(client_for, person):
        def grow(count):
            AuditEvent.objects.bulk_create(AuditEvent(...) for i in range(count))

        assert_queries_do_not_grow(client_for("cecilia"), reverse("audit:event_list"), grow, budget=12)

`grow(n)` adds n rows that the page shows. The page is fetched once to warm
caches (content types, translations), then measured with 10 rows, then again
after growing to 1,000; the two counts must be equal, and at most `budget` when
one is given. An N+1 shows as a difference (tests/test_query_budget.py proves it
fails on one).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

SMALL = 10
LARGE = 1000


class QueryBudgetExceeded(AssertionError):
    pass


def count_queries(fetch: Callable[[], Any], *, expect_status: int = 200) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as captured:
        response = fetch()
    status = getattr(response, "status_code", expect_status)
    if status != expect_status:
        raise AssertionError(f"status {status}, expected {expect_status}")
    return len(captured.captured_queries), [q["sql"] for q in captured.captured_queries]


def assert_queries_do_not_grow(
    client: Any,
    url: str,
    grow: Callable[[int], Any],
    *,
    budget: int | None = None,
    sizes: tuple[int, int] = (SMALL, LARGE),
    method: str = "get",
    expect_status: int = 200,
    **request: Any,
) -> int:
    """Assert that fetching `url` costs as many queries with `sizes[1]` rows as with `sizes[0]`.

    Returns the count, so a test may also pin it exactly.
    """

    def fetch() -> Any:
        return getattr(client, method)(url, **request)

    small, large = sizes
    grow(small)
    count_queries(fetch, expect_status=expect_status)  # warm-up
    at_small, sql_small = count_queries(fetch, expect_status=expect_status)
    grow(large - small)
    at_large, sql_large = count_queries(fetch, expect_status=expect_status)
    if at_small != at_large:
        extra = [q for q in sql_large if q not in sql_small][:5]
        raise QueryBudgetExceeded(
            f"{url}: {at_small} queries with {small} rows, {at_large} with {large}. "
            f"Queries at {large} rows not seen at {small}:\n" + "\n".join(extra)
        )
    if budget is not None and at_large > budget:
        raise QueryBudgetExceeded(f"{url}: {at_large} queries, budget {budget}:\n" + "\n".join(sql_large))
    return at_large
