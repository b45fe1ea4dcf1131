from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from samverkan.statecomp.refdata import RateDataError
from samverkan.statecomp.services import load_rates


class Command(BaseCommand):
    help = (
        "Load the kinds and rates of state compensation from refdata/statecomp/ (each figure with its source and "
        "its mark: stated, derived, inferred). Checks everything first; safe to run twice."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dir", default=str(settings.BASE_DIR / "refdata"), help="Reference-data directory")

    def handle(self, *args: object, **options: object) -> None:
        try:
            report = load_rates(Path(str(options["dir"])))
        except RateDataError as exc:
            lines = "\n".join(f"  – {p}" for p in exc.problems)
            raise CommandError(f"Beloppen laddades inte; inget har sparats. Rätta följande:\n{lines}") from exc
        if int(str(options.get("verbosity", 1))) < 1:
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Statlig ersättning: {report.kinds_created} nya ersättningsslag, {report.rates_created} nya belopp, "
                f"{report.rates_updated} ändrade, {report.unchanged} oförändrade."
            )
        )
