"""Background imports of spreadsheets (django-tasks, the database backend in production)."""

from __future__ import annotations

from django_tasks import task


@task()
def run_import(job_id: int) -> str:
    from samverkan.actionplans import spreadsheets
    from samverkan.actionplans.models import ImportJob

    job = ImportJob.objects.get(pk=job_id)
    # A task run again after its worker died (core.workers) may find its job already finished.
    return job.status if job.is_finished else spreadsheets.run(job).status
