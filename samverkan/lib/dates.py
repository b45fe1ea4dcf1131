"""Swedish public holidays and deadlines in working days."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache


def easter_sunday(year: int) -> dt.date:
    # Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def _first_saturday_from(day: dt.date) -> dt.date:
    while day.weekday() != 5:
        day += dt.timedelta(days=1)
    return day


@lru_cache(maxsize=64)
def public_holidays(year: int) -> dict[dt.date, str]:
    """Public holidays (allmänna helgdagar, lag 1989:253) and the eves that are not working days."""
    easter = easter_sunday(year)
    # Midsummer Day is the Saturday 20-26 June; All Saints' Day the Saturday 31 October-6 November.
    midsummer_day = _first_saturday_from(dt.date(year, 6, 20))
    all_saints = _first_saturday_from(dt.date(year, 10, 31))
    holidays = {
        dt.date(year, 1, 1): "Nyårsdagen",
        dt.date(year, 1, 6): "Trettondedag jul",
        easter - dt.timedelta(days=2): "Långfredagen",
        easter: "Påskdagen",
        easter + dt.timedelta(days=1): "Annandag påsk",
        dt.date(year, 5, 1): "Första maj",
        easter + dt.timedelta(days=39): "Kristi himmelsfärdsdag",
        easter + dt.timedelta(days=49): "Pingstdagen",
        midsummer_day - dt.timedelta(days=1): "Midsommarafton",
        midsummer_day: "Midsommardagen",
        all_saints: "Alla helgons dag",
        dt.date(year, 12, 24): "Julafton",
        dt.date(year, 12, 25): "Juldagen",
        dt.date(year, 12, 26): "Annandag jul",
        dt.date(year, 12, 31): "Nyårsafton",
    }
    if year >= 2005:
        holidays[dt.date(year, 6, 6)] = "Sveriges nationaldag"
    else:
        holidays[easter + dt.timedelta(days=50)] = "Annandag pingst"
    return holidays


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in public_holidays(day.year)


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The date `days` working days after `start` (before it, for a negative count)."""
    step = 1 if days >= 0 else -1
    remaining = abs(days)
    current = start
    while remaining:
        current += dt.timedelta(days=step)
        if is_working_day(current):
            remaining -= 1
    return current


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after `start` up to and including `end` (negative if end is earlier)."""
    if end < start:
        return -working_days_between(end, start)
    count = 0
    current = start
    while current < end:
        current += dt.timedelta(days=1)
        if is_working_day(current):
            count += 1
    return count


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    first = dt.date(year, month, 1)
    following = dt.date(year + (month == 12), month % 12 + 1, 1)
    return first, following - dt.timedelta(days=1)
