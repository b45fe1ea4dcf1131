"""Money is integer öre. These helpers only parse and format it."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

NBSP = "\u00a0"


def format_ore(ore: int | None, *, unit: bool = True, decimals: bool = True) -> str:
    """`123450` -> `1 234,50 kr` (no-break spaces, as Swedish typesetting wants)."""
    if ore is None:
        return ""
    if not isinstance(ore, int):
        raise TypeError(f"money must be integer öre, not {type(ore).__name__}")
    sign = "−" if ore < 0 else ""
    kronor, rest = divmod(abs(ore), 100)
    grouped = f"{kronor:,}".replace(",", NBSP)
    text = f"{sign}{grouped},{rest:02d}" if decimals else f"{sign}{grouped}"
    return f"{text}{NBSP}kr" if unit else text


def format_kronor(kronor: int | None) -> str:
    """Whole kronor, as rates are stated: `165000` -> `165 000 kr`."""
    if kronor is None:
        return ""
    return format_ore(kronor * 100, decimals=False)


_CLEAN = re.compile(r"[\s\u00a0\u202f]|kr$|sek$", re.IGNORECASE)


def parse_kronor(text: str) -> int:
    """Parse `1 234,50`, `1234.50`, `1 234 kr` into öre; raise ValueError in Swedish."""
    cleaned = _CLEAN.sub("", text.strip()).replace("−", "-")
    if cleaned.count(",") == 1 and "." in cleaned:
        cleaned = cleaned.replace(".", "")  # 1.234,50
    cleaned = cleaned.replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation as exc:
        raise ValueError(f"”{text}” är inte ett belopp i kronor.") from exc
    ore = value * 100
    if ore != ore.to_integral_value():
        raise ValueError(f"”{text}” har fler än två decimaler.")
    return int(ore)


def round_ore(value: Decimal) -> int:
    """The one rounding rule for money computed from rates: half to even, to whole öre."""
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_EVEN))
