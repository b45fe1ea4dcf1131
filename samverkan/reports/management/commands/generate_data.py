from __future__ import annotations

import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from samverkan.core.generation import NATIONAL_SCALES, SCALES, GenerateContext, generators
from samverkan.lib.tz import today
from samverkan.organisations.refdata import ReferenceDataError
from samverkan.organisations.services import load_and_announce


class Command(BaseCommand):
    help = (
        "Generate a synthetic data set for benchmarks and load tests: `--scale county` (26 municipalities, "
        "20,000 participants) or `--scale nation` (290 municipalities, 200,000 participants). "
        "Deterministic for a seed. Use an empty, migrated database."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", choices=sorted(SCALES), default="county")
        parser.add_argument("--seed", type=int, default=2013)
        parser.add_argument("--quiet", action="store_true", help="No progress bars")

    def handle(self, *args: object, **options: object) -> None:
        scale = str(options["scale"])
        county = None if scale in NATIONAL_SCALES else settings.COUNTY_CODE
        quiet = bool(options["quiet"])
        started = time.perf_counter()
        try:
            load_and_announce(
                settings.BASE_DIR / "refdata", county or settings.COUNTY_CODE, all_counties=county is None
            )
        except ReferenceDataError as exc:
            raise CommandError("\n".join(exc.problems)) from exc
        ctx = GenerateContext(
            scale=scale, seed=int(str(options["seed"])), today=today(), county_code=county, quiet=quiet
        )
        timings = {}
        for label, generate in generators():
            if not quiet:
                print(f"== {label}", file=sys.stderr, flush=True)
            step = time.perf_counter()
            generate(ctx)
            timings[label] = time.perf_counter() - step
            self.stdout.write(f"{label}: {timings[label]:.1f} s")
        step = time.perf_counter()
        with connection.cursor() as cursor:
            # The planner's statistics of the freshly loaded tables, as autovacuum would gather them
            # in a while: measured at once, a query would otherwise be planned for empty tables.
            cursor.execute("ANALYZE")
        self.stdout.write(f"ANALYZE: {time.perf_counter() - step:.1f} s")
        self.stdout.write(
            self.style.SUCCESS(f"Genererat: skala {scale}, frö {ctx.seed}, {time.perf_counter() - started:.0f} s.")
        )
