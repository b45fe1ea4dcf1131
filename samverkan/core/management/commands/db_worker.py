"""`manage.py db_worker`: django-tasks' database worker, holding a lease (see `samverkan.core.workers`).

It replaces django_tasks_db's command of the same name (samverkan.core comes first among the
apps that have one); the options are the same.
"""

from __future__ import annotations

from typing import Any

from django_tasks_db.management.commands import db_worker

from samverkan.core.workers import Lease


class Command(db_worker.Command):
    help = (
        "Run the background tasks (django-tasks' database worker). The worker holds a lease; at start "
        "and every few seconds it puts back in the queue the tasks of workers that have died."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        lease = Lease(options["worker_id"])
        lease.start()
        try:
            super().handle(*args, **options)
        finally:
            lease.stop()
