"""The task worker is killed (SIGKILL) in the middle of a bulk import, and restarted.

Until workers held leases (`samverkan.core.workers`), the import was left "running" and
its task claimed for ever. Here a real `manage.py db_worker` process imports a file of
placements; a lock held by the test makes its INSERT of the placements wait, inside the
import's transaction, after it has written the new participants; the worker is killed
there. A new worker notices the dead one, runs the task again from the start, and every
row of the file is saved exactly once.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from samverkan.accounts.models import User
from samverkan.core.models import WorkerLease
from samverkan.exchange import imports
from samverkan.exchange.models import ImportJob, Participant, Placement, Service, ServicePrice
from samverkan.lib.identity import make
from samverkan.organisations.models import Organisation

ROOT = Path(__file__).resolve().parents[2]
ROWS = 300
HEADER = "personnummer;förnamn;efternamn;mottagen;uppehållsstatus;insats;startdatum;slutdatum"
# The import's INSERT of placements, waiting for the test's lock.
WAITING_IMPORT = """
    SELECT a.pid FROM pg_stat_activity a JOIN pg_locks l ON l.pid = a.pid AND NOT l.granted
    WHERE a.datname = current_database() AND l.relation = 'exchange_placement'::regclass
      AND a.query LIKE 'INSERT INTO "exchange_placement"%%'
"""


def _until(condition, what: str, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"{what} did not happen within {timeout} s")


class Worker:
    """`manage.py db_worker` in a process of its own, on the test's database."""

    def __init__(self, database_url: str, media_root: Path, log: Path) -> None:
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO_"))},
            "DATABASE_URL": database_url,
            "MEDIA_ROOT": str(media_root),
            "TESTING": "true",
            "DEBUG": "false",
            "TASKS_HEARTBEAT_SECONDS": "1",
        }
        with log.open("ab") as out:
            self.process = subprocess.Popen(
                [sys.executable, "manage.py", "db_worker", "--interval", "0.2", "--no-reload", "--no-startup-delay"],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def kill(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)


def _file(service: Service) -> bytes:
    rows = [
        f"{make(dt.date(1980, 1, 1) + dt.timedelta(days=i), 100 + i % 800).formatted};Dödad{i};Arbetare{i};"
        f"2024-01-01;flykting;{service.code};2025-02-01;"
        for i in range(ROWS)
    ]
    return "\n".join([HEADER, *rows]).encode()


@pytest.fixture
def workers(own_database, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    started: list[Worker] = []

    def start() -> Worker:
        worker = Worker(own_database.url, tmp_path / "media", tmp_path / "db_worker.log")
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.kill()


def test_a_worker_killed_mid_import_is_noticed_and_the_file_is_saved_once(own_database, workers):
    service = Service.objects.create(
        provider=Organisation.objects.get(code="0127"),
        name="Sfi för yrkesförare",
        category=Service.Category.SFI,
        price_model=Service.PriceModel.MONTH,
        capacity=ROWS,
        languages=",sv,",
        published=True,
    )
    ServicePrice.objects.create(service=service, valid_from=dt.date(2020, 1, 1), amount_ore=450_000)
    anna = User.objects.get(username="anna")
    upload = SimpleUploadedFile("fil.csv", _file(service))
    job = imports.start(actor=anna, organisation=anna.organisation, kind="placements", upload=upload)
    task = DBTaskResult.objects.get()
    assert task.status == TaskResultStatus.READY

    with own_database.admin(autocommit=False) as blocker, own_database.admin() as watcher:
        blocker.execute("LOCK TABLE exchange_placement IN SHARE MODE")  # the INSERT of placements waits
        first = workers()
        _until(lambda: watcher.execute(WAITING_IMPORT).fetchone(), "the import's INSERT of placements waiting")
        # Killed where it hurts: the participants are written (uncommitted), the placements not yet.
        first.kill()
        blocker.rollback()
        # The dead worker's backend finds its client gone and rolls the import back.
        _until(lambda: not watcher.execute(WAITING_IMPORT).fetchone(), "the dead worker's backend to end")

    job.refresh_from_db()
    task.refresh_from_db()
    assert job.status == ImportJob.Status.RUNNING  # what a killed worker used to leave for ever
    assert task.status == TaskResultStatus.RUNNING
    assert not Participant.objects.filter(first_name__startswith="Dödad").exists()
    assert not Placement.objects.filter(service=service).exists()

    second = workers()
    _until(lambda: ImportJob.objects.get(pk=job.pk).is_finished, "the import to finish after the restart")
    job.refresh_from_db()
    task.refresh_from_db()
    assert job.status == ImportJob.Status.DONE, job.errors
    assert (job.total_rows, job.saved_rows) == (ROWS, ROWS)
    assert Placement.objects.filter(service=service).count() == ROWS
    assert Participant.objects.filter(first_name__startswith="Dödad").count() == ROWS
    _until(lambda: DBTaskResult.objects.get(pk=task.pk).status == TaskResultStatus.SUCCESSFUL, "the task recorded")
    task.refresh_from_db()
    assert len(task.worker_ids) == 2  # claimed by the killed worker, then by the new one
    assert not WorkerLease.objects.filter(worker_id=task.worker_ids[0]).exists()
    assert second.process.poll() is None
