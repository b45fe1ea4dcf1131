"""Turns locust's CSV into bench/results/loadtest.json and loadtest.md.

    .venv/bin/python loadtest/report.py var/loadtest/locust [--users 50 --duration 2m --scale nation]

Per page: requests, errors, p50/p95/p99 (locust's percentiles, rounded to its
buckets), throughput, and the median as a ratio to the trivial page's median.
The goals (BENCHMARKS.md): every page's p95 ≤ 300 ms with no error, and no page
more than 10 × the trivial page's median.

The run itself is broken, and the report exits non-zero (after writing its files,
except at smoke scale, which records nothing), when a user class raised an exception,
when a journey made no request at all (its people never logged in, or it has none), or
when any request failed: counted by the locustfile over the whole run
(`<prefix>_journeys.json`) and by locust (`<prefix>_exceptions.csv`, `_failures.csv`).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FLOOR = "trivial: /halsa/"
P95_GOAL_MS = 300
RATIO_GOAL = 10


def _number(value: str) -> float:
    # A page requested only during the ramp has no requests after the reset: "N/A".
    return 0.0 if value in ("", "N/A") else float(value)


def read_stats(prefix: str) -> list[dict]:
    rows = []
    with open(f"{prefix}_stats.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            rows.append(
                {
                    "page": row["Name"] if row["Name"] != "Aggregated" else "all requests",
                    "method": row["Type"],
                    "requests": int(row["Request Count"]),
                    "errors": int(row["Failure Count"]),
                    "p50_ms": _number(row["50%"]),
                    "p95_ms": _number(row["95%"]),
                    "p99_ms": _number(row["99%"]),
                    "mean_ms": round(_number(row["Average Response Time"]), 1),
                    "max_ms": _number(row["Max Response Time"]),
                    "requests_per_s": round(_number(row["Requests/s"]), 2),
                }
            )
    return rows


def read_csv(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def broken_journeys(prefix: str, rows: list[dict], exceptions: list[dict]) -> list[str]:
    """What went wrong with the run itself, as opposed to its speed: empty when nothing."""
    problems = [f"exception ({e['count']}×): {e['message']}" for e in exceptions]
    journeys_json = Path(f"{prefix}_journeys.json")
    if not journeys_json.exists():
        return [*problems, f"no journey counts ({journeys_json.name}): did locust run the locustfile?"]
    for journey, counts in sorted(json.loads(journeys_json.read_text(encoding="utf-8")).items()):
        if not counts["requests"]:
            problems.append(f"{journey}: no requests ({counts['users']} users started)")
        if counts["exceptions"]:
            problems.append(f"{journey}: {counts['exceptions']} exceptions")
        if counts["failures"]:
            problems.append(f"{journey}: {counts['failures']} of {counts['requests']} requests failed")
    problems += [f"{r['page']}: {r['errors']} errors" for r in rows if r["errors"] and r["page"] != "all requests"]
    return problems


def judge(rows: list[dict]) -> None:
    floor = next((r for r in rows if r["page"] == FLOOR), None)
    for row in rows:
        if floor and floor["p50_ms"]:
            row["ratio_to_floor"] = round(row["p50_ms"] / floor["p50_ms"], 1)
        if row["page"] in ("all requests", "login form", "login"):
            continue
        missed = []
        if row["p95_ms"] > P95_GOAL_MS:
            missed.append(f"p95 > {P95_GOAL_MS} ms")
        if row["errors"]:
            missed.append("errors")
        if row.get("ratio_to_floor", 0) > RATIO_GOAL:
            missed.append(f"> {RATIO_GOAL} × floor")
        row["goals"] = "met" if not missed else "missed: " + ", ".join(missed)


def markdown(result: dict) -> str:
    lines = [
        f"Load test, {result['when']}: {result['users']} users for {result['duration']}, "
        f"{result['scale']} data set, {result['workers']} gunicorn workers, {result['machine']['cores']} cores, "
        f"{result['machine']['database']} {result['machine']['database_version']}.",
        "",
        "| page | requests | errors | p50 ms | p95 ms | p99 ms | req/s | × floor (p50) | goals |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in result["pages"]:
        lines.append(
            f"| {r['page']} | {r['requests']} | {r['errors']} | {r['p50_ms']:.0f} | {r['p95_ms']:.0f} | "
            f"{r['p99_ms']:.0f} | {r['requests_per_s']} | {r.get('ratio_to_floor', '')} | {r.get('goals', '')} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("prefix")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", default="2m")
    parser.add_argument("--scale", default="nation")
    parser.add_argument("--workers", type=int, default=0)
    args = parser.parse_args()
    smoke = args.scale == "smoke"

    from bench.common import machine, setup_django

    setup_django()
    rows = read_stats(args.prefix)
    judge(rows)
    failures = [
        {"page": r["Name"], "error": r["Error"], "occurrences": int(r["Occurrences"])}
        for r in read_csv(Path(f"{args.prefix}_failures.csv"))
    ]
    exceptions = [
        {"count": int(r["Count"]), "message": r["Message"], "traceback": r["Traceback"]}
        for r in read_csv(Path(f"{args.prefix}_exceptions.csv"))
    ]
    broken = broken_journeys(args.prefix, rows, exceptions)
    result = {
        "benchmark": "loadtest",
        "scale": args.scale,
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "users": args.users,
        "duration": args.duration,
        "workers": args.workers,
        "machine": machine(),
        "pages": rows,
        "failures": failures,
        "exceptions": exceptions,
        "broken": broken,
    }
    table = markdown(result)
    print(table)
    if not smoke:  # CI's smoke run records nothing
        out = ROOT / "bench" / "results"
        out.mkdir(parents=True, exist_ok=True)
        (out / "loadtest.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
        (out / "loadtest.md").write_text(table)
    if broken:
        for failure in failures:
            print(f"{failure['page']}: {failure['error']} ({failure['occurrences']}×)", file=sys.stderr)
        for exception in exceptions:
            print(exception["traceback"], file=sys.stderr)
        sys.exit("load test: the run is broken:\n  " + "\n  ".join(broken))


if __name__ == "__main__":
    main()
