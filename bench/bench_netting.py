"""Netting: the fewest transfers for 290 balances (goal < 1 s) and exact netting of 20 (goal < 1 s).

    .venv/bin/python bench/bench_netting.py [--scale smoke|county|nation]

Pure functions (samverkan/settlement/netting.py) over random balances in öre drawn from
a fixed seed: 290 non-zero balances (above the exact limit: greedy, ≤ n − 1 transfers)
and 20 non-zero balances with no two exact opposites (the exact subset dynamic programme
over all 2^20 subsets, its worst case).
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("TESTING", "true")
if "DATABASE_URL" not in os.environ:
    os.environ["DATABASE_URL"] = f"sqlite:///{Path(tempfile.mkdtemp(prefix='samverkan-bench-')) / 'bench.sqlite3'}"

from bench.common import run, summary, timed


def _balances(n: int, seed: int) -> dict[str, int]:
    rng = random.Random(seed)  # noqa: S311 - synthetic data
    values = [rng.randrange(-50_000_000, 50_000_000) or 1 for _ in range(n - 1)]
    values.append(-sum(values))
    return {f"{i:04d}": v for i, v in enumerate(values)}


def main(scale: str) -> dict:
    from samverkan.settlement.netting import net_central, net_direct, net_greedy

    repeat = 2 if scale == "smoke" else 5
    nation = _balances(290, 290)
    twenty = _balances(20, 20)
    nation_times, nation_transfers = timed(lambda: net_direct(nation), repeat=repeat)
    exact_times, exact_transfers = timed(lambda: net_direct(twenty), repeat=repeat)
    central_times, _ = timed(lambda: net_central(nation, hub="ksl"), repeat=repeat)
    return {
        "netting_290": {**summary(nation_times), "transfers": len(nation_transfers), "goal_s": 1.0},
        "exact_netting_20": {
            **summary(exact_times),
            "transfers": len(exact_transfers),
            "greedy_transfers": len(net_greedy(twenty)),
            "goal_s": 1.0,
        },
        "central_290": summary(central_times),
    }


if __name__ == "__main__":
    run("netting", main)
