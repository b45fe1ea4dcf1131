"""A small county for settlement tests, built as real rows.

September 2026, locked: six Huddinge residents in Botkyrka's SFI (month price, pro
rata), one Nacka resident in Botkyrka's work practice (day price, Botkyrka's own
list), one Botkyrka resident in Huddinge's civic orientation (hour price), one
Huddinge resident in Huddinge's own service (not inter-municipal: left out).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

SEPTEMBER = dt.date(2026, 9, 1)
OCTOBER = dt.date(2026, 10, 1)


@dataclass
class County:
    orgs: dict[str, Any]
    services: dict[str, Any]
    regional: Any
    botkyrka_list: Any
    placements: dict[str, Any] = field(default_factory=dict)
    participants: dict[str, Any] = field(default_factory=dict)
    birth_offset: int = 0

    def attend(self, key: str, month: dt.date, locked: bool = True, **quantities: Any) -> Any:
        from samverkan.exchange.models import Attendance

        placement = self.placements[key]
        return Attendance.objects.create(
            placement=placement,
            month=month,
            provider=placement.provider,
            payer=placement.home_municipality,
            locked=locked,
            **quantities,
        )

    def place(self, key: str, home: str, service: str, *, protected: bool = False, first_name: str = "") -> Any:
        from samverkan.exchange import protection
        from samverkan.exchange.models import Participant, Placement
        from samverkan.lib.identity import make

        n = len(self.participants) + self.birth_offset
        number = make(dt.date(1950, 1, 1) + dt.timedelta(days=n), 101 + n % 800)
        participant = Participant.objects.create(
            identity_encrypted=protection.encrypt(number),
            identity_hash=protection.identity_hash(number),
            first_name=first_name or f"Person {key}",
            last_name="Testsson",
            birth_year=1990,
            home_municipality=self.orgs[home],
            reception_date=dt.date(2020, 1, 15),
            residence_status="refugee",
            protected=protected,
        )
        placement = Placement.objects.create(
            participant=participant,
            service=self.services[service],
            home_municipality=self.orgs[home],
            provider=self.services[service].provider,
            start=dt.date(2020, 1, 1),
            status=Placement.Status.ACCEPTED,
        )
        self.participants[key] = participant
        self.placements[key] = placement
        return placement


def lock(month: dt.date) -> None:
    from samverkan.exchange.models import MonthLock

    MonthLock.objects.get_or_create(month=month)


def build_county(month: dt.date = SEPTEMBER, *, birth_offset: int = 0) -> County:
    """The small county of the module docstring, with attendance in `month` (locked)."""
    from samverkan.exchange.models import Service
    from samverkan.organisations.models import Organisation
    from samverkan.settlement import pricing
    from samverkan.settlement.models import PriceList

    orgs = {o.code: o for o in Organisation.objects.filter(code__in=["0126", "0127", "0182", "ksl"])}
    orgs["huddinge"], orgs["botkyrka"], orgs["nacka"] = orgs["0126"], orgs["0127"], orgs["0182"]

    def service(key: str, provider: str, name: str, category: str, price_model: str) -> Any:
        return Service.objects.create(
            provider=orgs[provider], name=name, category=category, price_model=price_model, capacity=50, published=True
        )

    services = {
        "sfi": service("sfi", "0127", "SFI Tumba", "sfi", "month"),
        "practice": service("practice", "0127", "Praktik Botkyrka", "labour_market", "day"),
        "civic": service("civic", "0126", "Samhällsorientering Huddinge", "civic_orientation", "hour"),
        "own": service("own", "0126", "Huddinges egen SFI", "sfi", "month"),
        "course": service("course", "0182", "Validering Nacka", "validation", "course"),
    }
    Item = pricing.ItemInput
    regional = pricing.create_price_list(
        actor=None,
        kind=PriceList.Kind.REGIONAL,
        owner=orgs["ksl"],
        name=f"Regional prislista {month.year}",
        valid_from=dt.date(month.year, 1, 1),
        items=[
            Item("month", 850000, category="sfi"),
            Item("day", 45000, category="labour_market"),
            Item("hour", 52000, category="civic_orientation"),
            Item("course", 1200000, category="validation"),
        ],
    )
    for code in ("0126", "0127", "0182"):
        pricing.adopt(actor=None, municipality=orgs[code], price_list=regional, decision="KF 2025-12-15 § 7")
    botkyrka_list = pricing.create_price_list(
        actor=None,
        kind=PriceList.Kind.PROVIDER,
        owner=orgs["0127"],
        name=f"Botkyrkas prislista {month.year}",
        valid_from=dt.date(month.year, 1, 1),
        items=[Item("day", 50000, service=services["practice"])],
    )
    c = County(orgs=orgs, services=services, regional=regional, botkyrka_list=botkyrka_list, birth_offset=birth_offset)
    for i in range(6):
        c.place(f"h{i}", "0126", "sfi")
        # 10, 11, … 15 of September's 30 days enrolled.
        c.attend(f"h{i}", month, days_enrolled=10 + i, days_present=8)
    c.place("n0", "0182", "practice")
    c.attend("n0", month, days_enrolled=30, days_present=12)
    c.place("b0", "0127", "civic")
    c.attend("b0", month, days_enrolled=30, hours=Decimal("7.50"))
    c.place("own", "0126", "own")
    c.attend("own", month, days_enrolled=30, days_present=20)
    lock(month)
    return c


def expected_sfi() -> int:
    """Huddinge → Botkyrka: 8 500 kr × d / 30 for d = 10 … 15, each rounded half to even."""
    from samverkan.lib.money import round_ore

    return sum(round_ore(Decimal(850000 * d) / 30) for d in range(10, 16))
