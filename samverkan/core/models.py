from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class WorkerLease(models.Model):
    """A running task worker, renewed every few seconds while it lives (see `core.workers`).

    The task backend marks a task running when a worker claims it and never looks again; the
    lease is how another worker tells that the claimant has died and the task must run again.
    """

    worker_id = models.CharField(_("arbetar-id"), max_length=64, primary_key=True)
    hostname = models.CharField(_("värd"), max_length=255)
    pid = models.PositiveIntegerField(_("process-id"))
    started_at = models.DateTimeField(_("startad"), default=timezone.now)
    renewed_at = models.DateTimeField(_("förnyad"), default=timezone.now)

    class Meta:
        verbose_name = _("arbetsprocess")
        verbose_name_plural = _("arbetsprocesser")

    def __str__(self) -> str:
        return f"{self.worker_id} ({self.hostname}:{self.pid})"
