"""Swedish identity numbers: personnummer and samordningsnummer.

A number is validated for its checksum (Luhn over the last ten digits), its
date, and its century. It is normalised to twelve digits, `YYYYMMDDNNNC`.
A samordningsnummer has 60 added to the day of birth.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_PATTERN = re.compile(r"^(\d{2})?(\d{2})(\d{2})(\d{2})([-+]?)(\d{3})(\d)$")


class InvalidIdentityNumber(ValueError):
    """Raised with a message in Swedish that says what is wrong."""


def luhn_digit(nine_digits: str) -> int:
    total = 0
    for i, char in enumerate(nine_digits):
        product = int(char) * (2 if i % 2 == 0 else 1)
        total += product - 9 if product > 9 else product
    return (10 - total % 10) % 10


@dataclass(frozen=True)
class IdentityNumber:
    value: str  # twelve digits
    is_coordination_number: bool

    @property
    def birth_date(self) -> dt.date:
        day = int(self.value[6:8])
        if self.is_coordination_number:
            day -= 60
        return dt.date(int(self.value[0:4]), int(self.value[4:6]), day)

    @property
    def masked(self) -> str:
        """What lists show: the date of birth and four stars."""
        return f"{self.value[0:8]}-****"

    @property
    def formatted(self) -> str:
        return f"{self.value[0:8]}-{self.value[8:12]}"

    def __str__(self) -> str:
        return self.formatted


def parse(text: str, *, today: dt.date | None = None) -> IdentityNumber:
    """Validate and normalise an identity number, or raise InvalidIdentityNumber."""
    today = today or dt.date.today()
    cleaned = re.sub(r"\s", "", text or "")
    match = _PATTERN.match(cleaned)
    if not match:
        raise InvalidIdentityNumber(
            "Personnumret ska skrivas ÅÅÅÅMMDD-NNNN eller ÅÅMMDD-NNNN (tio eller tolv siffror)."
        )
    century, yy, mm, dd, sep, serial, check = match.groups()
    day = int(dd)
    coordination = day > 60
    real_day = day - 60 if coordination else day
    if century is None:
        # Ten digits: the century follows from the separator, "+" for 100 years or more.
        year = today.year - (today.year - int(yy)) % 100
        if year > today.year:
            year -= 100
        if sep == "+":
            year -= 100
    else:
        year = int(century + yy)
        if sep == "+" and today.year - year < 100:
            raise InvalidIdentityNumber("Tecknet + används bara för den som fyllt 100 år.")
    try:
        birth = dt.date(year, int(mm), real_day)
    except ValueError as exc:
        kind = "Samordningsnumret" if coordination else "Personnumret"
        raise InvalidIdentityNumber(f"{kind} innehåller inget giltigt datum.") from exc
    if birth > today:
        raise InvalidIdentityNumber("Födelsedatumet i personnumret ligger i framtiden.")
    ten = f"{yy}{mm}{dd}{serial}"
    if luhn_digit(ten[:9]) != int(check):
        raise InvalidIdentityNumber("Kontrollsiffran stämmer inte. Kontrollera personnumret.")
    return IdentityNumber(f"{year:04d}{mm}{dd}{serial}{check}", coordination)


def make(birth: dt.date, serial: int, *, coordination: bool = False) -> IdentityNumber:
    """Build a valid number for a birth date and a three-digit serial (test data)."""
    day = birth.day + (60 if coordination else 0)
    nine = f"{birth:%y%m}{day:02d}{serial:03d}"
    check = luhn_digit(nine)
    return IdentityNumber(f"{birth.year:04d}{birth:%m}{day:02d}{serial:03d}{check}", coordination)


def is_valid_organisation_number(text: str) -> bool:
    """Organisation numbers (NNNNNN-NNNN) carry the same Luhn digit."""
    digits = re.sub(r"\D", "", text or "")
    return len(digits) == 10 and luhn_digit(digits[:9]) == int(digits[9])
