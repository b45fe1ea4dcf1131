"""The shared context of the data generator (`manage.py generate_data`).

Each app that has rows to generate keeps a module `<app>/generate.py` with a
function `generate(ctx: GenerateContext) -> None`; `generate_data` calls them in
the order of INSTALLED_APPS. Generators insert set-based (`bulk_create` in
batches), draw every random choice from `ctx.rng` so a seed gives the same data,
and report progress through `ctx.progress`.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

T = TypeVar("T")

SCALES: dict[str, dict[str, int]] = {
    # The size the issues name: a county (26 municipalities) and the nation (290).
    "county": {
        "participants": 20_000,
        "placements": 60_000,
        "months": 24,
        "services_per_municipality": 12,
        "staff_per_municipality": 4,
    },
    "nation": {
        "participants": 200_000,
        "placements": 400_000,
        "months": 18,
        "services_per_municipality": 8,
        "staff_per_municipality": 3,
    },
    # For CI: a smoke test that the generators still run.
    "smoke": {
        "participants": 300,
        "placements": 600,
        "months": 3,
        "services_per_municipality": 2,
        "staff_per_municipality": 1,
    },
}


@dataclass
class GenerateContext:
    scale: str
    seed: int
    today: dt.date
    county_code: str | None  # None: every county of the country
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

        yield from tqdm(iterable, total=total, desc=desc, unit=" rader", leave=True, mininterval=0.5)


def batched(items: Iterable[T], size: int = 5000) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
