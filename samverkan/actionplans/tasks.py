"""Background imports of spreadsheets (django-tasks, the database backend in production)."""

from __future__ import annotations

from django_tasks import task


@task()
def run_import(job_id: int) -> str:
    from samverkan.actionplans import spreadsheets
    from samverkan.actionplans.models import ImportJob

    return spreadsheets.run(ImportJob.objects.get(pk=job_id)).status
