from __future__ import annotations

import importlib
import time

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from samverkan.core.generation import SCALES, GenerateContext
from samverkan.lib.tz import today
from samverkan.organisations.refdata import ReferenceDataError
from samverkan.organisations.services import load_and_announce


class Command(BaseCommand):
    help = (
        "Generate a synthetic data set for benchmarks and load tests: `--scale county` (26 municipalities, "
        "20,000 participants) or `--scale nation` (290 municipalities, 200,000 participants). "
        "Deterministic for a seed. Use an empty database."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", choices=sorted(SCALES), default="county")
        parser.add_argument("--seed", type=int, default=2013)
        parser.add_argument("--quiet", action="store_true", help="No progress bars")

    def handle(self, *args: object, **options: object) -> None:
        scale = str(options["scale"])
        county = None if scale == "nation" else settings.COUNTY_CODE
        try:
            load_and_announce(
                settings.BASE_DIR / "refdata", county or settings.COUNTY_CODE, all_counties=county is None
            )
        except ReferenceDataError as exc:
            raise CommandError("\n".join(exc.problems)) from exc
        ctx = GenerateContext(
            scale=scale, seed=int(str(options["seed"])), today=today(), county_code=county, quiet=bool(options["quiet"])
        )
        for config in apps.get_app_configs():
            if not config.name.startswith("samverkan."):
                continue
            try:
                module = importlib.import_module(f"{config.name}.generate")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.generate":
                    raise
                continue
            started = time.perf_counter()
            module.generate(ctx)
            self.stdout.write(f"{config.label}: {time.perf_counter() - started:.1f} s")
        self.stdout.write(self.style.SUCCESS(f"Genererat: skala {scale}, frö {ctx.seed}."))
