"""Tasks whose worker died run again, from the start: one mechanism for every kind of job.

django-tasks' database backend marks a task running when a worker claims it and never looks
at it again, so a worker killed in the middle (SIGKILL, out of memory, a lost machine) left
its task running for ever, and the job the task drives (a bulk import, a settlement run)
"computing" on its page for ever.

Every worker (`manage.py db_worker`, our command) holds a lease, `WorkerLease`, renewed by a
thread every `TASKS_HEARTBEAT_SECONDS`. At start and at every renewal a worker puts back in
the queue each running task whose worker is gone:

- on this machine, when the worker's process no longer exists (found at once: a restarted
  worker picks the task up immediately; on SQLite, whose writers can hold the lease's renewal
  back, this is the only test used, as an SQLite database has one machine);
- on another machine, when its lease has not been renewed for `TASKS_LEASE_SECONDS`;
- without a lease (a worker from before leases), when it started that long ago.

Running a task again is safe because every task writes its result all or nothing in one
transaction, which the database rolled back when the dead worker's connection went, and
because the task functions return at once for a job that is already finished (the worker
may die between finishing the job and recording the task as done).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import threading

from django.conf import settings
from django.db import DatabaseError, close_old_connections, connection
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from samverkan.core.models import WorkerLease
from samverkan.lib.processes import process_exists

logger = logging.getLogger(__name__)


def renew(worker_id: str) -> None:
    WorkerLease.objects.update_or_create(
        worker_id=worker_id,
        defaults={"hostname": socket.gethostname(), "pid": os.getpid(), "renewed_at": timezone.now()},
    )


def release(worker_id: str) -> None:
    WorkerLease.objects.filter(worker_id=worker_id).delete()


def _gone(lease: WorkerLease | None, started_at: dt.datetime | None, now: dt.datetime) -> bool:
    expired = now - dt.timedelta(seconds=settings.TASKS_LEASE_SECONDS)
    if lease is None:
        return started_at is None or started_at < expired
    if lease.hostname == socket.gethostname():
        return not process_exists(lease.pid)
    if connection.vendor == "sqlite":
        return False  # one machine only; a lease from elsewhere is a copied database's
    return lease.renewed_at < expired


def recover_abandoned() -> list[str]:
    """Put the running tasks of dead workers back in the queue; the ids of the tasks put back."""
    now = timezone.now()
    running = list(DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).only("id", "worker_ids", "started_at"))
    if not running:
        return []
    claimants = {task.worker_ids[-1] for task in running if task.worker_ids}
    leases = {lease.worker_id: lease for lease in WorkerLease.objects.filter(worker_id__in=claimants)}
    requeued, dead = [], set()
    for task in running:
        worker = task.worker_ids[-1] if task.worker_ids else ""
        if not _gone(leases.get(worker), task.started_at, now):
            continue
        # Only if no one else has put it back (or claimed it again) in the meantime.
        if DBTaskResult.objects.filter(pk=task.pk, status=TaskResultStatus.RUNNING, started_at=task.started_at).update(
            status=TaskResultStatus.READY, started_at=None
        ):
            logger.warning("task %s of the dead worker %s runs again", task.pk, worker)
            requeued.append(str(task.pk))
        dead.add(worker)
    WorkerLease.objects.filter(worker_id__in=dead).delete()
    return requeued


def forget_dead_workers() -> int:
    """Remove the leases of workers that died idle (nothing to run again, but their rows would pile up)."""
    now = timezone.now()
    here = socket.gethostname()
    dead = [
        lease.worker_id
        for lease in WorkerLease.objects.only("worker_id", "hostname", "pid", "renewed_at")
        if (lease.hostname == here and not process_exists(lease.pid))
        or (lease.hostname != here and connection.vendor != "sqlite" and _gone(lease, None, now))
    ]
    return WorkerLease.objects.filter(worker_id__in=dead).delete()[0] if dead else 0


class Lease:
    """A worker's lease, renewed by a daemon thread (which dies with the process, as it should)."""

    def __init__(self, worker_id: str, interval: float | None = None) -> None:
        self.worker_id = worker_id
        self.interval = interval if interval is not None else settings.TASKS_HEARTBEAT_SECONDS
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="worker-lease", daemon=True)

    def start(self) -> None:
        renew(self.worker_id)
        recover_abandoned()
        forget_dead_workers()
        close_old_connections()
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=self.interval + 5)
        release(self.worker_id)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                renew(self.worker_id)
                recover_abandoned()
            except DatabaseError:
                # A busy or briefly unreachable database: renew at the next beat.
                logger.warning("worker %s could not renew its lease", self.worker_id, exc_info=True)
            finally:
                close_old_connections()
        connection.close()
