"""The connection to PostgreSQL is cut while a settlement run writes its lines.

A second connection holds a lock on the lines' table, so the run's one big
`INSERT … SELECT` waits inside the run's transaction; a watcher thread finds that
statement in pg_stat_activity and ends its backend with pg_terminate_backend, as a
failed network or a restarted database would. The run must raise and leave nothing
behind, and the next run must give what an undisturbed run gives.
"""

from __future__ import annotations

import datetime as dt
import threading
import time

import pytest
from django.db import DatabaseError, connection

from samverkan.accounts import demo as people
from samverkan.core.demo import DemoContext
from samverkan.exchange import demo as exchange_demo
from samverkan.exchange.models import first_of_month
from samverkan.lib.tz import today
from samverkan.settlement import demo as settlement_demo
from samverkan.settlement import services
from samverkan.settlement.models import SettlementLine, SettlementPair, SettlementRun

# The run's statement waiting for the lines' table (pg_stat_activity shows only the start of its text).
WAITING_RUN = """
    SELECT a.pid FROM pg_stat_activity a JOIN pg_locks l ON l.pid = a.pid AND NOT l.granted
    WHERE a.datname = current_database() AND l.relation = 'settlement_settlementline'::regclass
      AND a.query LIKE '%%WITH months%%'
"""


def _demo_period() -> services.Period:
    """The demo's last full month: locked, priced, not yet settled."""
    ctx = DemoContext(today=today())
    people.load(ctx)
    exchange_demo.load(ctx)
    settlement_demo.load(ctx)
    last_month = first_of_month(first_of_month(today()) - dt.timedelta(days=1))
    return services.parse_period(f"{last_month:%Y-%m}")


def _terminate_when_waiting(own_database, blocker, found: dict) -> None:
    try:
        with own_database.admin() as watcher:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                row = watcher.execute(WAITING_RUN).fetchone()
                if row:
                    found["pid"] = row[0]
                    found["terminated"] = watcher.execute("SELECT pg_terminate_backend(%s)", [row[0]]).fetchone()[0]
                    return
                time.sleep(0.05)
    finally:
        blocker.rollback()  # never seen (or cut): the lock goes, so the test never hangs


def test_a_run_whose_connection_is_cut_leaves_nothing_and_the_next_run_is_whole(own_database):
    period = _demo_period()
    assert not SettlementRun.objects.exists()
    found: dict = {}
    with own_database.admin(autocommit=False) as blocker:
        blocker.execute("LOCK TABLE settlement_settlementline IN SHARE MODE")  # INSERT waits for it
        watcher = threading.Thread(target=_terminate_when_waiting, args=(own_database, blocker, found))
        watcher.start()
        with pytest.raises(DatabaseError):
            services.run_settlement(actor=None, period=period)
        watcher.join()
    assert found.get("terminated") is True, "the run's INSERT was never seen waiting: nothing was cut"

    connection.close()  # the cut connection; the next query opens a new one
    assert SettlementRun.objects.count() == 0
    assert SettlementLine.objects.count() == 0
    assert SettlementPair.objects.count() == 0

    again = services.run_settlement(actor=None, period=period)
    assert again.line_count > 0 and again.pair_count > 0
    # What an undisturbed run gives: the bare aggregate of the period, pair by pair …
    sql, params = services.aggregate_sql(period)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        expected = sorted((payer, payee, int(amount), count) for payer, payee, amount, count in cursor.fetchall())
    assert sorted(again.pairs.values_list("payer_id", "payee_id", "amount_ore", "line_count")) == expected
    # … and a second undisturbed run, to the checksum.
    undisturbed = services.run_settlement(actor=None, period=period)
    assert (undisturbed.digest, undisturbed.total_ore, undisturbed.line_count) == (
        again.digest,
        again.total_ore,
        again.line_count,
    )
    assert SettlementRun.objects.count() == 1  # the preliminary run replaced the earlier one


def test_a_run_job_whose_connection_is_cut_says_so_on_its_page(own_database):
    # The page's way: a job, performed by the worker. The job must not stay "computing":
    # its failure is recorded over a new connection (core.jobs), and nothing else is left.
    from samverkan.settlement.models import RunJob

    period = _demo_period()
    job = services.start_job(actor=None, period=period, final=False)
    found: dict = {}
    with own_database.admin(autocommit=False) as blocker:
        blocker.execute("LOCK TABLE settlement_settlementline IN SHARE MODE")
        watcher = threading.Thread(target=_terminate_when_waiting, args=(own_database, blocker, found))
        watcher.start()
        with pytest.raises(DatabaseError):
            services.perform_job(job.pk)
        watcher.join()
    assert found.get("terminated") is True, "the run's INSERT was never seen waiting: nothing was cut"
    job.refresh_from_db()
    assert job.state == RunJob.State.REFUSED and "oväntat fel och ingenting sparades" in job.problems[0]
    assert (SettlementRun.objects.count(), SettlementLine.objects.count(), SettlementPair.objects.count()) == (0, 0, 0)
    again = services.perform_job(services.start_job(actor=None, period=period, final=False).pk)
    assert again.state == RunJob.State.DONE and again.run.line_count > 0
