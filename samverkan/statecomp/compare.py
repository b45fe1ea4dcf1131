"""Expected versus received state compensation, per municipality, year and kind.

Two GROUP BY queries (receptions, payments) and one of rates, whatever the number of
people: the receptions are summed per municipality, month, age and housing in SQL,
and only those groups are matched against the rates here.

Expected is computed only where a rate is known: a year without a sourced rate is
shown as missing, never assumed.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Case, Count, DateField, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce, ExtractDay, ExtractMonth, ExtractYear, TruncMonth
from django.utils.translation import gettext as _

from samverkan.exchange.models import Participant, Residence
from samverkan.lib.suppression import is_small
from samverkan.statecomp.models import CompensationKind, Payment, Rate, Reception, age_group_label


@dataclass
class MonthRow:
    """One month of one kind: what the receptions of that month should bring, and what came."""

    month: dt.date | None  # None: payments that name no month
    expected_count: int = 0
    expected_ore: int = 0
    received_count: int | None = None
    received_ore: int = 0
    groups: dict[str, list[int]] = field(default_factory=dict)  # age group -> [expected n, expected öre, got n, öre]
    paid_by_group: bool = False  # whether any payment of the month names its age group

    @property
    def difference_ore(self) -> int:
        return self.received_ore - self.expected_ore

    @property
    def flagged(self) -> bool:
        return self.difference_ore != 0

    @property
    def small(self) -> bool:
        return is_small(self.expected_count) or is_small(self.received_count)


@dataclass
class KindYear:
    kind: CompensationKind
    year: int
    months: dict[dt.date | None, MonthRow] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)  # why some receptions have no expected amount
    unpriced_count: int = 0

    def month(self, month: dt.date | None) -> MonthRow:
        if month not in self.months:
            self.months[month] = MonthRow(month)
        return self.months[month]

    @property
    def rows(self) -> list[MonthRow]:
        return sorted(self.months.values(), key=lambda m: (m.month is None, m.month or dt.date.min))

    @property
    def expected_ore(self) -> int:
        return sum(m.expected_ore for m in self.months.values())

    @property
    def expected_count(self) -> int:
        return sum(m.expected_count for m in self.months.values())

    @property
    def received_ore(self) -> int:
        return sum(m.received_ore for m in self.months.values())

    @property
    def difference_ore(self) -> int:
        return self.received_ore - self.expected_ore

    @property
    def flagged(self) -> bool:
        return self.difference_ore != 0 or bool(self.missing)

    @property
    def flagged_months(self) -> list[MonthRow]:
        return [m for m in self.rows if m.flagged]


@dataclass
class YearSummary:
    municipality_id: int
    year: int
    persons: int = 0
    kinds: dict[int, KindYear] = field(default_factory=dict)
    participants: int = 0  # of `persons`, those counted from the exchange's participants
    before_birth: int = 0  # participants whose reception date lies before their birth: not counted

    def kind(self, kind: CompensationKind) -> KindYear:
        if kind.pk not in self.kinds:
            self.kinds[kind.pk] = KindYear(kind, self.year)
        return self.kinds[kind.pk]

    @property
    def rows(self) -> list[KindYear]:
        return sorted(self.kinds.values(), key=lambda k: (k.kind.order, k.kind.name))

    @property
    def expected_ore(self) -> int:
        return sum(k.expected_ore for k in self.kinds.values())

    @property
    def received_ore(self) -> int:
        return sum(k.received_ore for k in self.kinds.values())

    @property
    def difference_ore(self) -> int:
        return self.received_ore - self.expected_ore

    @property
    def flagged(self) -> bool:
        return any(k.flagged for k in self.kinds.values())

    @property
    def small(self) -> bool:
        return is_small(self.persons)


class RateTable:
    """The rates of the per-person kinds paid without application, found by kind, month, age and housing."""

    def __init__(self, rates: Iterable[Rate]) -> None:
        self.by_kind_year: dict[tuple[int, int], list[Rate]] = defaultdict(list)
        self.kinds: dict[int, CompensationKind] = {}
        # A county's groups repeat the same month, age and housing for every municipality
        # (13,500 groups, about 1,000 distinct, at national scale): each is looked up once.
        self._found: dict[tuple[int, dt.date, int, int | None, str], tuple[Rate | None, str]] = {}
        self._kinds_of_month: dict[dt.date, list[CompensationKind]] = {}
        for rate in rates:
            self.by_kind_year[(rate.kind_id, rate.year)].append(rate)
            self.kinds[rate.kind_id] = rate.kind

    @classmethod
    def load(cls) -> RateTable:
        table = cls(Rate.objects.filter(kind__needs_application=False, kind__per_person=True).select_related("kind"))
        for kind in CompensationKind.objects.filter(needs_application=False, per_person=True):
            table.kinds.setdefault(kind.pk, kind)
        return table

    def applicable_kinds(self, month: dt.date) -> list[CompensationKind]:
        if month not in self._kinds_of_month:
            end = month_end(month)
            self._kinds_of_month[month] = [k for k in self.kinds.values() if k.starts_on is None or k.starts_on <= end]
        return self._kinds_of_month[month]

    def find(
        self, kind: CompensationKind, month: dt.date, age_from: int, age_to: int | None, housing: str
    ) -> tuple[Rate | None, str]:
        """The rate, or None and the reason in Swedish."""
        key = (kind.pk, month, age_from, age_to, housing)
        if key not in self._found:
            self._found[key] = self._find(kind, month, age_from, age_to, housing)
        return self._found[key]

    def _find(
        self, kind: CompensationKind, month: dt.date, age_from: int, age_to: int | None, housing: str
    ) -> tuple[Rate | None, str]:
        rates = [r for r in self.by_kind_year.get((kind.pk, month.year), []) if r.valid_from <= month]
        if kind.starts_on and month < kind.starts_on.replace(day=1):
            return None, ""
        if not rates:
            return None, _("Belopp för %(kind)s %(year)s saknas; en regional samordnare anger det med källa.") % {
                "kind": kind.name.lower(),
                "year": month.year,
            }
        latest = max(r.valid_from for r in rates)
        rates = [r for r in rates if r.valid_from == latest]
        if any(r.housing for r in rates):
            if not housing:
                return None, _("%(kind)s beror på boendet (anvisad eller eget boende), som saknas för några.") % {
                    "kind": kind.name
                }
            rates = [r for r in rates if r.housing in ("", housing)]
        for rate in rates:
            if rate.covers(age_from, age_to):
                return rate, ""
        return None, _("Åldersgruppen %(group)s passar inte beloppens åldersgrupper för %(kind)s %(year)s.") % {
            "group": age_group_label(age_from, age_to),
            "kind": kind.name.lower(),
            "year": month.year,
        }


def month_end(month: dt.date) -> dt.date:
    following = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


def compare(
    municipality_ids: Iterable[int], years: Iterable[int] | None = None, rates: RateTable | None = None
) -> dict[tuple[int, int], YearSummary]:
    """(municipality id, year) -> what should have come and what came, per kind and month."""
    ids = list(municipality_ids)
    wanted = set(years) if years is not None else None
    table = rates or RateTable.load()
    out: dict[tuple[int, int], YearSummary] = {}

    def summary(mid: int, year: int) -> YearSummary:
        if (mid, year) not in out:
            out[(mid, year)] = YearSummary(mid, year)
        return out[(mid, year)]

    receptions = Reception.objects.filter(municipality_id__in=ids)
    payments = Payment.objects.filter(municipality_id__in=ids, kind__needs_application=False)
    if wanted is not None:
        receptions = receptions.filter(month__year__in=wanted)
        payments = payments.filter(year__in=wanted)
    groups = list(
        receptions.values("municipality_id", "month", "age_from", "age_to", "housing")
        .annotate(n=Sum("count"))
        .order_by()
    )
    for p in participant_groups(ids, wanted):
        if p["age"] is None or p["age"] < 0:
            summary(p["received_by"], p["month"].year).before_birth += p["n"]
            continue
        summary(p["received_by"], p["month"].year).participants += p["n"]
        groups.append(
            {"municipality_id": p["received_by"], "month": p["month"], "age_from": p["age"], "age_to": p["age"],
             "housing": "", "n": p["n"]}
        )  # fmt: skip
    for g in groups:
        month, n = g["month"], g["n"]
        s = summary(g["municipality_id"], month.year)
        s.persons += n
        for kind in table.applicable_kinds(month):
            rate, why = table.find(kind, month, g["age_from"], g["age_to"], g["housing"])
            if rate is None and not why:
                continue
            ky = s.kind(kind)
            row = ky.month(month)
            if rate is None:
                if why not in ky.missing:
                    ky.missing.append(why)
                ky.unpriced_count += n
                continue
            row.expected_count += n
            row.expected_ore += n * rate.amount_ore
            cell = row.groups.setdefault(rate.age_group, [0, 0, 0, 0])
            cell[0] += n
            cell[1] += n * rate.amount_ore
    paid = (
        payments.values("municipality_id", "kind_id", "year", "month", "age_from", "age_to")
        .annotate(total=Sum("amount_ore"), n=Sum("count"), lines=Count("id"))
        .order_by()
    )
    kinds = {k.pk: k for k in CompensationKind.objects.filter(needs_application=False)}
    for p in paid:
        s = summary(p["municipality_id"], p["year"])
        row = s.kind(kinds[p["kind_id"]]).month(p["month"])
        row.received_ore += p["total"] or 0
        if p["n"] is not None:
            row.received_count = (row.received_count or 0) + p["n"]
        if p["age_from"] is not None:
            row.paid_by_group = True
            cell = row.groups.setdefault(age_group_label(p["age_from"], p["age_to"]), [0, 0, 0, 0])
            cell[2] += p["n"] or 0
            cell[3] += p["total"] or 0
    return out


def participants_received(municipality_ids: Iterable[int], years: Iterable[int] | None = None) -> QuerySet:
    """The exchange's participants with `received_by` (the municipality of residence on the reception
    day, from the residence history, else the current home), `month` (of reception) and `age` (whole
    years on the reception day; after retention only the birth year is left, and the age is the
    difference of the years). Filtered to the municipalities and years given."""
    on_reception_day = (
        Residence.objects.filter(participant=OuterRef("pk"), valid_from__lte=OuterRef("reception_date"))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=OuterRef("reception_date")))
        .order_by("-valid_from")
        .values("municipality_id")[:1]
    )
    ids = list(municipality_ids)
    # Only a participant living in one of the municipalities, or with a residence in one,
    # can have been received by it: narrowing to those first (two indexes) spares the
    # residence lookup for every other participant of the country.
    queryset = (
        Participant.objects.filter(
            Q(home_municipality_id__in=ids)
            | Q(pk__in=Residence.objects.filter(municipality_id__in=ids).values("participant_id"))
        )
        .annotate(
            received_by=Coalesce(Subquery(on_reception_day), F("home_municipality_id"), output_field=IntegerField()),
            month=TruncMonth("reception_date", output_field=DateField()),
            r_year=ExtractYear("reception_date"),
            r_month=ExtractMonth("reception_date"),
            r_day=ExtractDay("reception_date"),
            b_month=ExtractMonth("birth_date"),
            b_day=ExtractDay("birth_date"),
        )
        .annotate(
            age=Case(
                When(birth_date__isnull=True, then=F("r_year") - F("birth_year")),
                default=F("r_year")
                - ExtractYear("birth_date")
                - Case(
                    When(Q(r_month__lt=F("b_month")) | Q(r_month=F("b_month"), r_day__lt=F("b_day")), then=Value(1)),
                    default=Value(0),
                ),
                output_field=IntegerField(),
            )
        )
        .filter(received_by__in=ids)
    )
    if years is not None:
        queryset = queryset.filter(reception_date__year__in=list(years))
    return queryset


def participant_groups(municipality_ids: Iterable[int], years: Iterable[int] | None = None) -> QuerySet:
    """Participants counted per receiving municipality, month of reception and age at reception, in SQL."""
    return (
        participants_received(municipality_ids, years)
        .values("received_by", "month", "age")
        .annotate(n=Count("id"))
        .order_by()
    )


def years_of(summaries: dict[tuple[int, int], YearSummary]) -> list[int]:
    return sorted({year for _, year in summaries})
