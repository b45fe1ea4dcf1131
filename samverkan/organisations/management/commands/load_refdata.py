from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from samverkan.organisations.refdata import ReferenceDataError
from samverkan.organisations.services import load_and_announce


class Command(BaseCommand):
    help = "Load the reference data of a county (municipalities, districts, networks, bodies). Safe to run twice."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--county", default=settings.COUNTY_CODE, help="County code (länskod), e.g. 01")
        parser.add_argument("--all-counties", action="store_true", help="Every municipality of the country")
        parser.add_argument("--dir", default=str(settings.BASE_DIR / "refdata"), help="Reference-data directory")

    def handle(self, *args: object, **options: object) -> None:
        root = Path(str(options["dir"]))
        try:
            report = load_and_announce(root, str(options["county"]), all_counties=bool(options["all_counties"]))
        except ReferenceDataError as exc:
            lines = "\n".join(f"  – {p}" for p in exc.problems)
            raise CommandError(f"Referensdata laddades inte; inget har sparats. Rätta följande:\n{lines}") from exc
        created = ", ".join(f"{k} {v}" for k, v in sorted(report.created.items())) or "inga"
        updated = ", ".join(f"{k} {v}" for k, v in sorted(report.updated.items())) or "inga"
        self.stdout.write(
            self.style.SUCCESS(f"Referensdata för län {report.county}: nya: {created}; uppdaterade: {updated}.")
        )
