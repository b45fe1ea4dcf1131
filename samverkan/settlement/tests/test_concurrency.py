"""Two final runs, or two approvals, at the same moment: real threads, real connections, one final run.

Each thread has its own database connection and transaction (Django's connections are per
thread). A barrier inside the run holds both threads until each has computed and written its
run, so the two transactions truly overlap and the database alone decides which one becomes
final: the partial unique index on a period's final run (and, for approvals, the row lock).
PostgreSQL only: SQLite serialises writers on one file lock, so nothing would overlap there.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any
from unittest import mock

import pytest
from django.db import connection, connections

from samverkan.settlement import services
from samverkan.settlement.models import SettlementLine, SettlementPair, SettlementRun
from samverkan.settlement.services import SettlementError

from .builders import build_county

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent writers (PostgreSQL)"),
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("committed_db"),
]


def _race(work: Callable[[], Any], *, hold: str) -> list[Any]:
    """Run `work` in two threads at once; both wait after `services.<hold>` until the other is there too."""
    barrier = threading.Barrier(2, timeout=30)
    original = getattr(services, hold)

    def held(*args: Any, **kwargs: Any) -> Any:
        result = original(*args, **kwargs)
        barrier.wait()
        return result

    results: list[Any] = []

    def thread() -> None:
        try:
            results.append(work())
        except SettlementError as exc:
            results.append(exc)
        finally:
            connections.close_all()

    with mock.patch.object(services, hold, held):
        threads = [threading.Thread(target=thread) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
    assert len(results) == 2, "both threads finished"
    return results


def _one_final_and_one_refusal(results: list[Any]) -> SettlementRun:
    runs = [r for r in results if isinstance(r, SettlementRun)]
    refusals = [r for r in results if isinstance(r, SettlementError)]
    assert len(runs) == 1 and len(refusals) == 1, results
    assert "redan en slutlig avräkning" in refusals[0].problems[0]
    final = SettlementRun.objects.get(status=SettlementRun.Status.FINAL)
    assert final.pk == runs[0].pk
    return final


def test_two_final_runs_started_at_the_same_moment_produce_one():
    build_county()
    results = _race(lambda: services.run_settlement(actor=None, period="2026-09", final=True), hold="_written_problems")
    final = _one_final_and_one_refusal(results)
    # The loser's run, lines and pairs were rolled back: only the winner's rows are left.
    assert SettlementRun.objects.count() == 1
    assert SettlementLine.objects.count() == final.line_count == SettlementLine.objects.filter(run=final).count()
    assert SettlementPair.objects.count() == final.pair_count == 3
    # And the period can not be run as final again afterwards either.
    with pytest.raises(SettlementError, match="redan en slutlig"):
        services.run_settlement(actor=None, period="2026-09", final=True)


def test_two_approvals_of_one_run_at_the_same_moment_approve_it_once():
    build_county()
    preliminary = services.run_settlement(actor=None, period="2026-09")
    results = _race(
        lambda: services.approve_run(actor=None, run=SettlementRun.objects.get(pk=preliminary.pk)),
        hold="parse_period",  # the first step of an approval, before the run's row is locked
    )
    final = _one_final_and_one_refusal(results)
    assert final.pk == preliminary.pk and final.digest == preliminary.digest
