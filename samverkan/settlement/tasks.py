"""Settlement runs started from a page compute in the background, with visible progress."""

from __future__ import annotations

from django_tasks import task


@task()
def perform_run(job_id: int) -> str:
    from samverkan.settlement.services import perform_job

    return perform_job(job_id).state
