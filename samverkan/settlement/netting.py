"""Netting: from what each municipality is owed or owes, the payments that settle it.

A pure function of the balances (integer öre; positive = is owed, negative = owes;
they sum to zero over the county). No database, no Django.

Two ways, as the county chooses:

- `net_central`: through the association as central counterparty. Each municipality
  makes one payment to, or receives one from, the association.
- `net_direct`: directly between municipalities with the fewest transfers. The fewest
  is n − k, where k is the largest number of groups the non-zero balances can be split
  into so that every group sums to zero (each group of m members is settled in m − 1
  transfers). Finding k is NP-hard; for up to `EXACT_LIMIT` non-zero balances it is
  found exactly by a dynamic programme over the subsets, above that a greedy
  largest-debtor-pays-largest-creditor gives at most n − 1 transfers.

Every result is deterministic: ties are broken by the parties' keys.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

EXACT_LIMIT = 20


class NettingError(ValueError):
    pass


@dataclass(frozen=True, order=True)
class Transfer:
    payer: str
    payee: str
    amount: int  # öre, > 0


def _non_zero(balances: Mapping[str, int]) -> dict[str, int]:
    for key, value in balances.items():
        if not isinstance(value, int) or isinstance(value, bool):
            raise NettingError(f"Saldot för {key} är inte ett heltal i öre.")
    total = sum(balances.values())
    if total != 0:
        raise NettingError(f"Saldona summerar till {total} öre, inte till noll.")
    return {k: v for k, v in sorted(balances.items()) if v != 0}


def apply(balances: Mapping[str, int], transfers: list[Transfer]) -> dict[str, int]:
    """The balances left after the transfers (all zero when they settle everything)."""
    left = dict(balances)
    for t in transfers:
        left[t.payer] = left.get(t.payer, 0) + t.amount
        left[t.payee] = left.get(t.payee, 0) - t.amount
    return left


def net_central(balances: Mapping[str, int], hub: str) -> list[Transfer]:
    """One payment per municipality with a non-zero balance, to or from `hub`."""
    out = []
    for key, value in _non_zero(balances).items():
        if key == hub:
            raise NettingError(f"Clearingparten {hub} kan inte själv ha ett saldo.")
        out.append(Transfer(key, hub, -value) if value < 0 else Transfer(hub, key, value))
    return out


def _greedy(group: dict[str, int]) -> list[Transfer]:
    """Largest debtor pays largest creditor; each step clears at least one party: ≤ m − 1 transfers."""
    creditors = {k: v for k, v in group.items() if v > 0}
    debtors = {k: -v for k, v in group.items() if v < 0}
    out: list[Transfer] = []
    while creditors:
        c = max(creditors, key=lambda k: (creditors[k], _rev(k)))
        d = max(debtors, key=lambda k: (debtors[k], _rev(k)))
        amount = min(creditors[c], debtors[d])
        out.append(Transfer(d, c, amount))
        for side, key in ((creditors, c), (debtors, d)):
            side[key] -= amount
            if side[key] == 0:
                del side[key]
    return out


def _rev(key: str) -> tuple[int, ...]:
    # Among equal amounts the smallest key wins the max().
    return tuple(-ord(ch) for ch in key)


def _pairs_first(balances: dict[str, int]) -> tuple[list[Transfer], dict[str, int]]:
    """Settle exact opposites (a owes what b is owed) by one transfer each.

    Some optimal partition always has such a pair as a group of its own, so taking them
    out first loses nothing and shrinks the rest.
    """
    out = []
    rest = dict(balances)
    by_amount: dict[int, list[str]] = {}
    for key, value in rest.items():
        if value > 0:
            by_amount.setdefault(value, []).append(key)
    for key, value in list(rest.items()):
        if value < 0 and by_amount.get(-value):
            creditor = by_amount[-value].pop(0)
            out.append(Transfer(key, creditor, -value))
            del rest[key], rest[creditor]
    return out, rest


def net_greedy(balances: Mapping[str, int]) -> list[Transfer]:
    """At most n − 1 transfers for n non-zero balances (exact opposites paired first)."""
    pairs, rest = _pairs_first(_non_zero(balances))
    return sorted(pairs + _greedy(rest))


def _zero_sum_groups(keys: list[str], values: list[int]) -> list[list[int]]:
    """The largest number of zero-sum groups the values split into (indices), exactly.

    dp[mask] = the most zero-sum "cuts" along any order of adding the members of mask:
    dp[mask] = [sum(mask) == 0] + max over i in mask of dp[mask without i]. Computed
    layer by layer (by the number of members) with numpy over all 2^n subsets.
    """
    import numpy as np

    n = len(values)
    size = 1 << n
    sums = np.zeros(1, dtype=np.int64)
    for v in values:
        sums = np.concatenate([sums, sums + v])
    zero = (sums == 0).astype(np.int8)
    masks = np.arange(size, dtype=np.int64)
    popcount = np.zeros(size, dtype=np.int8)
    for i in range(n):
        popcount += ((masks >> i) & 1).astype(np.int8)
    order = np.argsort(popcount, kind="stable")
    bounds = np.searchsorted(popcount[order], np.arange(n + 2))
    dp = np.zeros(size, dtype=np.int8)
    for k in range(1, n + 1):
        layer = order[bounds[k] : bounds[k + 1]]
        best = np.zeros(len(layer), dtype=np.int8)
        for i in range(n):
            np.maximum(best, dp[layer & ~(1 << i)], out=best)
        dp[layer] = best + zero[layer]
    # Walk back from the full set, cutting a group at every zero-sum subset on the way.
    groups: list[list[int]] = []
    cur = size - 1
    cut = cur
    while cur:
        if zero[cur] and cur != cut:
            groups.append([i for i in range(n) if (cut ^ cur) >> i & 1])
            cut = cur
        want = dp[cur] - zero[cur]
        for i in range(n):
            if cur >> i & 1 and dp[cur & ~(1 << i)] == want:
                cur &= ~(1 << i)
                break
    groups.append([i for i in range(n) if cut >> i & 1])
    return groups


def net_direct(balances: Mapping[str, int], exact_limit: int = EXACT_LIMIT) -> list[Transfer]:
    """The fewest transfers directly between the parties (exact up to `exact_limit` non-zero balances)."""
    pairs, rest = _pairs_first(_non_zero(balances))
    if len(rest) > exact_limit:
        return sorted(pairs + _greedy(rest))
    keys = list(rest)
    values = [rest[k] for k in keys]
    out = list(pairs)
    if keys:
        for group in _zero_sum_groups(keys, values):
            out.extend(_greedy({keys[i]: values[i] for i in group}))
    return sorted(out)
