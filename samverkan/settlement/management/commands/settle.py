from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from samverkan.lib.money import format_ore
from samverkan.settlement import exports, services
from samverkan.settlement.services import SettlementError


class Command(BaseCommand):
    help = (
        "Settle a period (YYYY-MM or YYYY-K1): a preliminary run, or with --final the final one; a period that "
        "already has a final run is shown. With --export DIR every invoice and credit note (UBL XML), the PDF "
        "specifications and the SIE files are written into DIR."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--period", required=True, help="YYYY-MM (a month) or YYYY-K1 … YYYY-K4 (a quarter)")
        parser.add_argument("--final", action="store_true", help="the final run (approved, never changes)")
        parser.add_argument("--export", metavar="DIR", help="write the invoices, PDFs and SIE files into DIR")
        parser.add_argument("--central", action="store_true", help="show netting through the association")

    def handle(self, *args: object, **options: object) -> None:
        try:
            period = services.parse_period(str(options["period"]))
            run = services.final_run(period)
            preliminary = services.preliminary_run(period)
            if run is not None:
                self.stdout.write(f"Perioden {period.label} har redan en slutlig avräkning; den visas.")
            elif options["final"] and preliminary is not None:
                # The preliminary run that was inspected becomes final, if the data is unchanged.
                run = services.approve_run(actor=None, run=preliminary)
            else:
                run = services.run_settlement(actor=None, period=period, final=bool(options["final"]))
        except SettlementError as exc:
            raise CommandError(
                "Avräkningen kan inte göras. Åtgärda:\n" + "\n".join(f"  – {p}" for p in exc.problems)
            ) from exc
        self.stdout.write(
            f"Avräkning {run.label} ({run.get_status_display().lower()}): {run.pair_count} par, "
            f"{run.line_count} rader, {format_ore(run.total_ore)}"
        )
        for pair in run.pairs.select_related("payer", "payee").order_by("number"):
            self.stdout.write(
                f"  {pair.invoice_number:<32} {pair.payer.name:<24} → {pair.payee.name:<24} "
                f"{format_ore(pair.amount_ore):>16}"
            )
        transfers = services.netting(run, central=bool(options["central"]))
        self.stdout.write(f"Nettning: {len(transfers)} betalningar")
        for t in transfers:
            self.stdout.write(f"  {t.payer} → {t.payee}: {format_ore(t.amount)}")
        if options["export"]:
            written = exports.export_run(run, Path(str(options["export"])))
            self.stdout.write(self.style.SUCCESS(f"{len(written)} filer skrivna till {options['export']}"))
