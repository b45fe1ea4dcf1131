"""The shared context of the data generator (`manage.py generate_data`).

Each app that has rows to generate keeps a module `<app>/generate.py` with a
function `generate(ctx: GenerateContext) -> None`; `generate_data` calls them in
the order of INSTALLED_APPS (`generators()`), so an app finds the rows of the
apps it depends on already there. Generators insert set-based (`ctx.insert`:
`bulk_create` in batches), draw every random choice from `ctx.rng` so a seed
gives the same data, and report progress through `ctx.progress` (to stderr).

Identity numbers of generated people come from `ctx.identity_numbers()`:
valid samordningsnummer (see its docstring for why those).
"""

from __future__ import annotations

import datetime as dt
import importlib
import random
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

from samverkan.lib import identity

T = TypeVar("T")

SCALES: dict[str, dict[str, int]] = {
    # The size the issues name: a county (26 municipalities) and the nation (290).
    "county": {
        "participants": 20_000,
        "placements": 60_000,
        "months": 24,
        "services_per_municipality": 12,
        "staff_per_municipality": 4,
        "districts_per_city": 0,
    },
    "nation": {
        "participants": 200_000,
        "placements": 400_000,
        "months": 18,
        "services_per_municipality": 8,
        "staff_per_municipality": 3,
        "districts_per_city": 8,
    },
    # The national catalogue alone (290 municipalities' services, no participants): the
    # catalogue search benchmark on SQLite, where the whole national set takes long to load.
    "catalogue": {
        "participants": 0,
        "placements": 0,
        "months": 1,
        "services_per_municipality": 8,
        "staff_per_municipality": 1,
        "districts_per_city": 0,
    },
    # For CI: a smoke test that the generators still run.
    "smoke": {
        "participants": 300,
        "placements": 600,
        "months": 3,
        "services_per_municipality": 2,
        "staff_per_municipality": 1,
        "districts_per_city": 0,
    },
}


NATIONAL_SCALES = {"nation", "catalogue"}


@dataclass
class GenerateContext:
    scale: str
    seed: int
    today: dt.date
    county_code: str | None  # None: every county of the country (NATIONAL_SCALES)
    rng: random.Random = field(init=False)
    size: dict[str, int] = field(init=False)
    objects: dict[str, Any] = field(default_factory=dict)
    quiet: bool = False

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)  # noqa: S311 - synthetic test data, not secrets
        self.size = SCALES[self.scale]

    def progress(self, iterable: Iterable[T], total: int | None = None, desc: str = "") -> Iterator[T]:
        if self.quiet:
            yield from iterable
            return
        from tqdm import tqdm

        yield from tqdm(iterable, total=total, desc=desc, unit=" rader", leave=True, mininterval=0.5, file=sys.stderr)

    def municipalities(self) -> list[Any]:
        """The municipalities in scope (the county's 26, or the nation's 290), by code."""
        if "municipalities" not in self.objects:
            from samverkan.organisations.models import Organisation

            queryset = Organisation.objects.municipalities().select_related("county")
            if self.county_code:
                queryset = queryset.in_county(self.county_code)
            self.objects["municipalities"] = list(queryset.order_by("scb_code"))
        return self.objects["municipalities"]

    def insert(
        self,
        model: Any,
        rows: Iterable[Any],
        *,
        total: int | None = None,
        desc: str = "",
        size: int = 5000,
        returning: bool = True,
    ) -> list[Any]:
        """Insert model instances set-based, in batches, with a progress bar.

        With `returning` (the default) the instances come back with their primary
        keys (`bulk_create`), for later generators to refer to. Without it, on
        PostgreSQL, the rows go in through COPY, several times faster for the largest
        tables (attendance, invoice lines), and nothing is returned.
        """
        from django.db import connection

        created: list[Any] = []
        copy = not returning and connection.vendor == "postgresql"
        for batch in batched(self.progress(rows, total=total, desc=desc or str(model._meta.verbose_name_plural)), size):
            if copy:
                copy_rows(model, batch)
            else:
                done = model.objects.bulk_create(batch)
                if returning:
                    created.extend(done)
        return created

    def identity_numbers(self, count: int, *, born_from: int = 1950, born_to: int = 2012) -> list[str]:
        """`count` distinct, valid identity numbers (twelve digits), drawn from `ctx.rng`.

        Generated people get samordningsnummer (the day of birth plus 60, which
        `lib.identity` accepts with the right Luhn digit), never ordinary
        personnummer: Skatteverket's reserved test personnummer are a published
        list rather than a range, and that list is not part of the repository, so
        the generator keeps to the number series that a reader can tell apart at a
        glance (day 61–91). Such a number may still coincide with a real person's:
        generated databases are for benchmarks and load tests on our own machines
        and are never sent anywhere.
        """
        seen: set[str] = set()
        numbers: list[str] = []
        rng = self.rng
        span = (dt.date(born_to, 12, 31) - dt.date(born_from, 1, 1)).days
        while len(numbers) < count:
            birth = dt.date(born_from, 1, 1) + dt.timedelta(days=rng.randrange(span))
            serial = rng.randint(1, 999)
            number = identity.make(birth, serial, coordination=True).value
            if number not in seen:
                seen.add(number)
                numbers.append(number)
        return numbers


def copy_rows(model: Any, objs: list[Any]) -> None:
    """COPY model instances into their table (PostgreSQL). Database defaults and
    `save()` are skipped, as with `bulk_create`; the primary key comes from its sequence."""
    from django.db import connection

    fields = [
        f for f in model._meta.concrete_fields if not (f.primary_key and f.get_internal_type().endswith("AutoField"))
    ]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    sql = f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for obj in objs:
            copy.write_row([f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields])


def generators() -> list[tuple[str, Callable[[GenerateContext], None]]]:
    """Every app's `generate`, in the order of INSTALLED_APPS (dependencies first)."""
    from django.apps import apps

    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("samverkan."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.generate")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.generate":
                raise
            continue
        found.append((config.label, module.generate))
    return found


def batched(items: Iterable[T], size: int = 5000) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
