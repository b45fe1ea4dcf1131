"""Retention (gallring): remove the personal data that is no longer needed.

Run daily by the scheduler (cron or a systemd timer), for example

    15 2 * * *  .venv/bin/python manage.py gallra

It prints what it removed (participant codes, never names or numbers) and writes
one audit event. `--dry-run` reports without changing anything.
"""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from samverkan.exchange import retention


class Command(BaseCommand):
    help = "Gallra personuppgifter: personnummer, namn och födelsedatum tas bort när lagringstiden gått ut."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--months",
            type=int,
            default=None,
            help=f"Månader efter sista avräknade placering (standard RETENTION_MONTHS = {settings.RETENTION_MONTHS})",
        )
        parser.add_argument("--dry-run", action="store_true", help="Visa vad som skulle gallras utan att ändra något")

    def handle(self, *args: object, **options: object) -> None:
        months = options["months"]
        report = retention.erase_expired(
            months=int(str(months)) if months is not None else None, dry_run=bool(options["dry_run"])
        )
        verb = "Skulle gallra" if report.dry_run else "Gallrade"
        self.stdout.write(
            f"{verb} {len(report.erased)} deltagare (placeringar avslutade senast {report.cutoff.isoformat()})."
        )
        for code in report.erased:
            self.stdout.write(f"  {code}")
        if report.waiting_for_settlement:
            self.stdout.write(f"{report.waiting_for_settlement} deltagare väntar: alla månader är ännu inte avräknade.")
