"""Shared by every benchmark script: Django set-up, timing, and the result file.

A benchmark is a script `bench/bench_<name>.py` with a `main(scale: str) -> dict`
that measures and returns its figures; `run(name, main)` sets Django up, prints the
figures and writes them, with a description of the machine, to
`bench/results/<name>.json`. `make bench` runs every script; CI runs them with
`--scale smoke` only to show they still work (figures from a smoke run are not
recorded in BENCHMARKS.md).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samverkan.settings")
    import django

    django.setup()


def machine() -> dict[str, Any]:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
        else:
            cursor.execute("SELECT sqlite_version()")
        db_version = cursor.fetchone()[0]
    mem_kb = 0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem_kb = int(line.split()[1])
    except OSError:
        pass
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import django

    return {
        "cores": os.cpu_count(),
        "cpu": cpu,
        "memory_gib": round(mem_kb / 1024 / 1024, 1),
        "python": platform.python_version(),
        "django": django.get_version(),
        "database": connection.vendor,
        "database_version": db_version,
        "platform": platform.platform(),
        # The machine is shared: a load above the core count means the figures include waiting for a core.
        "load_average_1_5_15": [round(x, 2) for x in os.getloadavg()],
    }


def throwaway_sqlite() -> None:
    """Unless DATABASE_URL names a database, benchmarks run on a fresh SQLite file.

    Call before `run()` (Django reads DATABASE_URL when it is set up).
    """
    import tempfile

    os.environ.setdefault("TESTING", "true")
    if "DATABASE_URL" not in os.environ:
        path = Path(tempfile.mkdtemp(prefix="samverkan-bench-")) / "bench.sqlite3"
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"


def generated_database(scale: str, seed: int = 2013) -> dict[str, Any]:
    """Migrate, and generate the data set of `scale` unless the database already has one.

    A database generated once (e.g. the national one on PostgreSQL, `make loadtest`)
    is measured as it is; what it holds is returned, for the result file.
    """
    from django.core.management import call_command

    from samverkan.accounts.models import User
    from samverkan.organisations.models import Organisation

    call_command("migrate", verbosity=0)
    generated_now = False
    if not User.objects.filter(username__startswith="gen-").exists():
        started = time.perf_counter()
        call_command("generate_data", "--scale", scale, "--seed", str(seed), "--quiet", verbosity=0)
        generated_now = round(time.perf_counter() - started, 1)
    staffed = Organisation.objects.municipalities().filter(users__username__startswith="gen-").distinct().count()
    people = User.objects.filter(username__startswith="gen-", organisation__kind="municipality").count()
    # The scales differ in municipalities (26 or 290) and in staff per municipality (1 at smoke).
    data_scale = "nation" if staffed > 26 else ("smoke" if people <= staffed else "county")
    return {"data_scale": data_scale, "municipalities": staffed, "generated_in_s": generated_now or None}


def timed(func: Callable[[], Any], repeat: int = 1) -> tuple[list[float], Any]:
    """Run `func` `repeat` times; the wall-clock seconds of each run and the last result."""
    times = []
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    return times, result


def summary(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "median_s": round(statistics.median(ordered), 6),
        "p95_s": round(p95, 6),
        "min_s": round(ordered[0], 6),
        "runs": len(ordered),
    }


def run(name: str, main: Callable[[str], dict[str, Any]], *, per_database: bool = False) -> dict[str, Any]:
    """Measure, print, write `bench/results/<name>.json` (`<name>_<database>.json` when
    the benchmark compares databases, e.g. catalogue search on SQLite and PostgreSQL)."""
    parser = argparse.ArgumentParser(description=f"benchmark: {name}")
    parser.add_argument("--scale", default="county", choices=["smoke", "county", "nation"])
    args = parser.parse_args()
    setup_django()
    figures = main(args.scale)
    result = {
        "benchmark": name,
        "scale": args.scale,
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": machine(),
        **figures,
    }
    print(json.dumps(result, indent=2, ensure_ascii=False))
    if args.scale != "smoke":
        RESULTS.mkdir(parents=True, exist_ok=True)
        if per_database:
            name = f"{name}_{result['machine']['database']}"
        (RESULTS / f"{name}.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    return result
