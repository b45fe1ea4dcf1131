"""A task whose worker died is put back in the queue; a live worker's task is left alone."""

from __future__ import annotations

import datetime as dt
import os
import socket
import subprocess
import sys

import pytest
from django.db import connection
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from samverkan.core import workers
from samverkan.core.models import WorkerLease

LONG_AGO = dt.timedelta(hours=1)


def _running(worker_id: str, started: dt.timedelta = dt.timedelta(seconds=5)) -> DBTaskResult:
    return DBTaskResult.objects.create(
        status=TaskResultStatus.RUNNING,
        args_kwargs={"args": [1], "kwargs": {}},
        task_path="samverkan.settlement.tasks.perform_run",
        backend_name="default",
        run_after=get_date_max(),
        started_at=timezone.now() - started,
        worker_ids=[worker_id],
    )


def _lease(worker_id: str, pid: int, *, host: str | None = None, renewed: dt.timedelta = dt.timedelta()) -> None:
    WorkerLease.objects.create(
        worker_id=worker_id, hostname=host or socket.gethostname(), pid=pid, renewed_at=timezone.now() - renewed
    )


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def _status(task: DBTaskResult) -> str:
    task.refresh_from_db()
    return task.status


def test_the_task_of_a_worker_whose_process_is_gone_runs_again(db):
    _lease("dead", _dead_pid())
    task = _running("dead")
    assert workers.recover_abandoned() == [str(task.pk)]
    task.refresh_from_db()
    assert (task.status, task.started_at, task.worker_ids) == (TaskResultStatus.READY, None, ["dead"])
    assert not WorkerLease.objects.filter(worker_id="dead").exists()
    assert DBTaskResult.objects.ready().filter(pk=task.pk).exists()


def test_the_task_of_a_live_worker_is_left_alone_however_old_its_lease(db):
    _lease("alive", os.getpid(), renewed=LONG_AGO)  # on this machine the process decides, not the clock
    task = _running("alive", started=LONG_AGO)
    assert workers.recover_abandoned() == []
    assert _status(task) == TaskResultStatus.RUNNING


def test_a_task_without_a_lease_runs_again_only_once_the_lease_time_has_passed(db, settings):
    settings.TASKS_LEASE_SECONDS = 60
    recent, old = _running("before-leases"), _running("before-leases-too", started=LONG_AGO)
    assert workers.recover_abandoned() == [str(old.pk)]
    assert _status(recent) == TaskResultStatus.RUNNING


def test_on_postgresql_a_worker_on_another_machine_is_dead_when_its_lease_has_lapsed(db, settings):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has one machine: there the process decides")
    settings.TASKS_LEASE_SECONDS = 60
    _lease("quiet", 4242, host="elsewhere", renewed=LONG_AGO)
    _lease("beating", 4243, host="elsewhere", renewed=dt.timedelta(seconds=5))
    quiet, beating = _running("quiet"), _running("beating")
    assert workers.recover_abandoned() == [str(quiet.pk)]
    assert _status(beating) == TaskResultStatus.RUNNING


def test_on_sqlite_a_lease_from_another_machine_never_lapses(db, settings):
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL: see the test above")
    _lease("copied", 4242, host="elsewhere", renewed=LONG_AGO)
    task = _running("copied", started=LONG_AGO)
    assert workers.recover_abandoned() == []
    assert _status(task) == TaskResultStatus.RUNNING


def test_a_lease_is_renewed_and_released(db):
    workers.renew("w1")
    first = WorkerLease.objects.get(worker_id="w1").renewed_at
    workers.renew("w1")
    assert WorkerLease.objects.get(worker_id="w1").renewed_at >= first
    workers.release("w1")
    assert not WorkerLease.objects.exists()


def test_the_leases_of_workers_that_died_idle_are_forgotten(db):
    _lease("idle-and-dead", _dead_pid())
    _lease("alive", os.getpid())
    assert workers.forget_dead_workers() == 1
    assert list(WorkerLease.objects.values_list("worker_id", flat=True)) == ["alive"]
