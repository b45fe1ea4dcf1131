"""Operations on action plans, measures, follow-up rounds and reports. Each one is atomic and audited."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mass_mail
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.accounts.roles import Role
from samverkan.actionplans.models import (
    ActionPlan,
    Area,
    FollowUpRound,
    Measure,
    MeasureDecision,
    Report,
    SubGoal,
)
from samverkan.audit.services import record, snapshot
from samverkan.governance.models import Decision
from samverkan.organisations.models import County, Organisation


class ActionPlanError(Exception):
    """A refused operation; `field` names the form field the message belongs to (None: the whole form)."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def _association(plan: ActionPlan) -> Organisation | None:
    return Organisation.objects.filter(kind=Organisation.Kind.ASSOCIATION, county=plan.county_id).first()


# --- plans, areas, measures -------------------------------------------------------------------------------


def create_plan(
    *,
    actor: Any,
    county: County,
    title: str,
    period_start: dt.date,
    period_end: dt.date,
    adopted_by: Decision | None = None,
    description: str = "",
    is_demo: bool = False,
) -> ActionPlan:
    if period_end < period_start:
        raise ActionPlanError(_("Planperioden kan inte sluta innan den börjar."), "period_end")
    with transaction.atomic():
        plan = ActionPlan.objects.create(
            county=county,
            title=title,
            period_start=period_start,
            period_end=period_end,
            adopted_by=adopted_by,
            description=description,
            is_demo=is_demo,
        )
        record(
            actor=actor,
            action="actionplans.plan.create",
            obj=plan,
            organisation=_association(plan),
            after=snapshot(plan),
        )
    return plan


def add_area(*, actor: Any, plan: ActionPlan, title: str, description: str = "") -> Area:
    with transaction.atomic():
        ActionPlan.objects.select_for_update().get(pk=plan.pk)
        rank = (plan.areas.aggregate(m=Max("rank"))["m"] or 0) + 1
        area = Area.objects.create(plan=plan, rank=rank, title=title, description=description)
        record(
            actor=actor, action="actionplans.area.add", obj=area, organisation=_association(plan), after=snapshot(area)
        )
    return area


MEASURE_FIELDS = ("title", "description", "lead_id", "lead_person", "starts_on", "ends_on", "weight")


def save_measure(
    *,
    actor: Any,
    area: Area,
    title: str,
    description: str = "",
    parent: Measure | None = None,
    lead: Organisation | None = None,
    lead_person: str = "",
    responsible: Iterable[Organisation] | None = None,
    starts_on: dt.date | None = None,
    ends_on: dt.date | None = None,
    weight: int = 1,
    measure: Measure | None = None,
    decision: Decision | None = None,
    is_demo: bool = False,
) -> Measure:
    """Create a measure (last in its area, or under `parent`) or change one.

    With `decision`, the decision is recorded as having created or changed the measure,
    and the measure shows it.
    """
    if starts_on and ends_on and ends_on < starts_on:
        raise ActionPlanError(_("Insatsen kan inte sluta innan den börjar."), "ends_on")
    if weight < 1:
        raise ActionPlanError(_("Vikten är minst 1."), "weight")
    if parent is not None and parent.area_id != area.pk:
        raise ActionPlanError(_("En delinsats hör till samma område som sin överordnade insats."), "parent")
    if parent is not None and parent.parent_id is not None:
        raise ActionPlanError(_("En delinsats kan inte ha egna delinsatser."), "parent")
    with transaction.atomic():
        # The area's row lock serialises everything that changes the order of its measures.
        area = Area.objects.select_for_update().get(pk=area.pk)
        if measure is None:
            siblings = Measure.objects.filter(area=area, parent=parent)
            rank = (siblings.aggregate(m=Max("rank"))["m"] or 0) + 1
            measure = Measure(plan_id=area.plan_id, area=area, parent=parent, rank=rank, is_demo=is_demo)
            before = None
            area.order_version += 1
            area.save(update_fields=["order_version"])
        else:
            measure = Measure.objects.select_for_update().get(pk=measure.pk)
            before = {
                **snapshot(measure, MEASURE_FIELDS),
                "responsible": sorted(measure.responsible.values_list("code", flat=True)),
            }
        measure.title = title
        measure.description = description
        measure.lead = lead
        measure.lead_person = lead_person
        measure.starts_on = starts_on
        measure.ends_on = ends_on
        measure.weight = weight
        measure.save()
        if responsible is not None:
            measure.responsible.set(list(responsible))
        after = {
            **snapshot(measure, MEASURE_FIELDS),
            "responsible": sorted(measure.responsible.values_list("code", flat=True)),
        }
        if decision is not None:
            changes = after if before is None else {k: v for k, v in after.items() if before.get(k) != v}
            MeasureDecision.objects.create(
                measure=measure,
                decision=decision,
                kind=MeasureDecision.Kind.CREATED if before is None else MeasureDecision.Kind.CHANGED,
                changes=changes,
            )
        record(
            actor=actor,
            action="actionplans.measure.create" if before is None else "actionplans.measure.change",
            obj=measure,
            organisation=_association(area.plan),
            before=before,
            after={**after, "decision": decision.pk if decision else None},
        )
    return measure


def set_subgoal(
    *,
    actor: Any,
    measure: Measure,
    indicator: str,
    unit: str,
    baseline: Decimal,
    target: Decimal,
    direction: str,
    aggregation: str = SubGoal.Aggregation.SUM,
    minimum: Decimal = Decimal(0),
    maximum: Decimal | None = None,
) -> SubGoal:
    if direction == SubGoal.Direction.INCREASE and target <= baseline:
        raise ActionPlanError(_("Mer är bättre: målvärdet måste vara större än utgångsvärdet."), "target")
    if direction == SubGoal.Direction.DECREASE and target >= baseline:
        raise ActionPlanError(_("Mindre är bättre: målvärdet måste vara mindre än utgångsvärdet."), "target")
    if unit == SubGoal.Unit.PERCENT and maximum is None:
        maximum = Decimal(100)
    if maximum is not None and maximum <= minimum:
        raise ActionPlanError(_("Det högsta rimliga värdet måste vara större än det lägsta."), "maximum")
    for name, value in (("baseline", baseline), ("target", target)):
        if value < minimum or (maximum is not None and value > maximum):
            raise ActionPlanError(_("Värdet ligger utanför det rimliga intervallet."), name)
    with transaction.atomic():
        existing = SubGoal.objects.filter(measure=measure).first()
        before = snapshot(existing) if existing else None
        subgoal, _created = SubGoal.objects.update_or_create(
            measure=measure,
            defaults={
                "indicator": indicator,
                "unit": unit,
                "baseline": baseline,
                "target": target,
                "direction": direction,
                "aggregation": aggregation,
                "minimum": minimum,
                "maximum": maximum,
            },
        )
        record(
            actor=actor,
            action="actionplans.subgoal.save",
            obj=subgoal,
            organisation=_association(measure.plan),
            before=before,
            after=snapshot(subgoal),
        )
    return subgoal


# --- priority order ----------------------------------------------------------------------------------------

# Ranks are moved out of the way through this offset so the unique constraint on (area, rank)
# holds after every single UPDATE, on SQLite and PostgreSQL alike.
_RANK_OFFSET = 1_000_000


def _stale_order() -> ActionPlanError:
    return ActionPlanError(
        _(
            "Någon annan har ändrat prioritetsordningen i området medan du arbetade. "
            "Din ändring sparades inte; sidan visar nu den aktuella ordningen – "
            "gör om flytten om den fortfarande behövs."
        ),
        "order_version",
    )


def _write_order(area: Area, ordered: Sequence[Measure]) -> None:
    ids = [m.pk for m in ordered]
    Measure.objects.filter(pk__in=ids).update(rank=F("rank") + _RANK_OFFSET)
    for rank, measure_id in enumerate(ids, start=1):
        Measure.objects.filter(pk=measure_id).update(rank=rank)
    area.order_version += 1
    area.save(update_fields=["order_version"])


def move_measure(*, actor: Any, measure: Measure, direction: str, expected_order_version: int) -> Measure:
    """Move a measure one step up or down among its siblings (the keyboard's and no-JavaScript way)."""
    if direction not in ("up", "down"):
        raise ActionPlanError(_("Okänd riktning: välj upp eller ned."))
    with transaction.atomic():
        area = Area.objects.select_for_update().get(pk=measure.area_id)
        if area.order_version != expected_order_version:
            raise _stale_order()
        siblings = list(Measure.objects.filter(area=area, parent_id=measure.parent_id).order_by("rank"))
        index = next(i for i, m in enumerate(siblings) if m.pk == measure.pk)
        other = index - 1 if direction == "up" else index + 1
        if other < 0 or other >= len(siblings):
            raise ActionPlanError(
                _("Insatsen står redan först.") if direction == "up" else _("Insatsen står redan sist.")
            )
        before = [m.pk for m in siblings]
        siblings[index], siblings[other] = siblings[other], siblings[index]
        _write_order(area, siblings)
        record(
            actor=actor,
            action="actionplans.measure.reorder",
            obj=measure,
            organisation=_association(area.plan),
            before={"order": before},
            after={"order": [m.pk for m in siblings]},
        )
    measure.refresh_from_db()
    return measure


def reorder_measures(
    *, actor: Any, area: Area, parent: Measure | None, ordered_ids: Sequence[int], expected_order_version: int
) -> None:
    """Set the whole order of a group of siblings at once (drag and drop sends it)."""
    with transaction.atomic():
        area = Area.objects.select_for_update().get(pk=area.pk)
        if area.order_version != expected_order_version:
            raise _stale_order()
        siblings = {m.pk: m for m in Measure.objects.filter(area=area, parent=parent)}
        if sorted(ordered_ids) != sorted(siblings) or len(set(ordered_ids)) != len(ordered_ids):
            raise ActionPlanError(_("Ordningen ska innehålla områdets insatser, var och en en gång."))
        before = [m.pk for m in sorted(siblings.values(), key=lambda m: m.rank)]
        _write_order(area, [siblings[i] for i in ordered_ids])
        record(
            actor=actor,
            action="actionplans.area.reorder",
            obj=area,
            organisation=_association(area.plan),
            before={"order": before},
            after={"order": list(ordered_ids)},
        )


# --- follow-up rounds ------------------------------------------------------------------------------------


def open_round(
    *, actor: Any, plan: ActionPlan, title: str, opened_on: dt.date, deadline: dt.date, is_demo: bool = False
) -> FollowUpRound:
    if deadline < opened_on:
        raise ActionPlanError(_("Sista dag för rapport kan inte ligga före dagen då omgången öppnas."), "deadline")
    with transaction.atomic():
        ActionPlan.objects.select_for_update().get(pk=plan.pk)
        if plan.rounds.filter(closed_on__isnull=True).exists():
            raise ActionPlanError(_("Planen har redan en öppen uppföljningsomgång. Stäng den först."))
        last = plan.rounds.order_by("-opened_on").first()
        if last is not None and opened_on < last.opened_on:
            raise ActionPlanError(_("En ny omgång kan inte öppnas före den förra."), "opened_on")
        round_ = FollowUpRound.objects.create(
            plan=plan, title=title, opened_on=opened_on, deadline=deadline, opened_by=_user(actor), is_demo=is_demo
        )
        record(
            actor=actor,
            action="actionplans.round.open",
            obj=round_,
            organisation=_association(plan),
            after=snapshot(round_),
        )
    return round_


def close_round(*, actor: Any, round: FollowUpRound, closed_on: dt.date) -> FollowUpRound:
    with transaction.atomic():
        round_ = FollowUpRound.objects.select_for_update().get(pk=round.pk)
        if round_.is_closed:
            raise ActionPlanError(
                _("Uppföljningsomgången stängdes redan %(day)s.") % {"day": round_.closed_on.isoformat()}  # type: ignore[union-attr]
            )
        if closed_on < round_.opened_on:
            raise ActionPlanError(_("Omgången kan inte stängas före dagen då den öppnades."), "closed_on")
        round_.closed_on = closed_on
        round_.save(update_fields=["closed_on"])
        record(
            actor=actor,
            action="actionplans.round.close",
            obj=round_,
            organisation=_association(round_.plan),
            after={"closed_on": closed_on, "reports": round_.reports.count()},
        )
    return round_


_UNIT_WORDS = {
    SubGoal.Unit.PERCENT: ("%", "procent", "proc"),
    SubGoal.Unit.COUNT: ("st", "antal", "personer", "pers"),
    SubGoal.Unit.DAYS: ("dagar", "dag", "d"),
    SubGoal.Unit.KRONOR: ("kr", "kronor", "sek"),
}
_NUMBER_WITH_UNIT = re.compile(r"^\s*([-+]?[\d\s\u00a0]*[.,]?\d+)\s*([^\d\s].*)?$")


def unit_of(word: str) -> str | None:
    word = word.strip().lower().rstrip(".")
    for unit, words in _UNIT_WORDS.items():
        if word in words or word == unit:
            return unit
    return None


def parse_value(raw: Any, subgoal: SubGoal, unit: str | None = None) -> Decimal:
    """The indicator value in the sub-goal's unit, or a Swedish message of what is wrong.

    Accepts numbers and text such as `45`, `45,5`, `1 234`, `45 %`; a unit that is not the
    sub-goal's is refused, as is a value outside the plausible range.
    """
    stated_unit = unit
    if isinstance(raw, int | float | Decimal) and not isinstance(raw, bool):
        number = Decimal(str(raw))
    else:
        text = str(raw or "").strip()
        match = _NUMBER_WITH_UNIT.match(text)
        if not match:
            raise ActionPlanError(_("”%(value)s” är inte ett tal.") % {"value": text}, "value")
        try:
            number = Decimal(re.sub(r"[\s\u00a0]", "", match.group(1)).replace(",", "."))
        except InvalidOperation as exc:
            raise ActionPlanError(_("”%(value)s” är inte ett tal.") % {"value": text}, "value") from exc
        if match.group(2):
            stated_unit = stated_unit or match.group(2)
    expected = SubGoal.Unit(subgoal.unit)
    if stated_unit:
        found = unit_of(stated_unit)
        if found != expected:
            raise ActionPlanError(
                _("Indikatorn ”%(indicator)s” mäts i %(unit)s, inte i ”%(given)s”. Ange värdet i %(unit)s.")
                % {"indicator": subgoal.indicator, "unit": expected.label, "given": stated_unit},
                "value",
            )
    if number < subgoal.minimum or (subgoal.maximum is not None and number > subgoal.maximum):
        if subgoal.maximum is not None:
            message = _(
                "%(value)s %(unit)s är inte rimligt för ”%(indicator)s”: värdet ska ligga mellan %(min)s och %(max)s."
            )
        else:
            message = _("%(value)s %(unit)s är inte rimligt för ”%(indicator)s”: värdet ska vara minst %(min)s.")
        raise ActionPlanError(
            message
            % {
                "value": _fmt(number),
                "unit": expected.label,
                "indicator": subgoal.indicator,
                "min": _fmt(subgoal.minimum),
                "max": _fmt(subgoal.maximum) if subgoal.maximum is not None else "",
            },
            "value",
        )
    return number.quantize(Decimal("0.01"))


def _fmt(value: Decimal | None) -> str:
    if value is None:
        return ""
    text = f"{value.normalize():f}"
    return text.replace(".", ",")


def may_report_for(user: Any, organisation: Organisation) -> bool:
    """The association's coordinators report for anyone; a municipal coordinator for the own organisation
    (a municipality's also for its districts). Auditors and everyone else only read."""
    role = getattr(user, "role", None)
    if not getattr(user, "is_authenticated", False) or role == Role.AUDITOR:
        return False
    if role == Role.REGIONAL_COORDINATOR:
        return True
    return role == Role.MUNICIPAL_COORDINATOR and organisation.pk in user.scope_organisation_ids


def submit_report(
    *,
    actor: Any,
    round: FollowUpRound,
    measure: Measure,
    organisation: Organisation,
    status: str,
    progress: int,
    value: Any = None,
    unit: str | None = None,
    comment: str = "",
    is_demo: bool = False,
) -> Report:
    """One responsible organisation's report on a measure in an open round (a new one or a correction)."""
    if actor is not None and not may_report_for(actor, organisation):
        raise PermissionDenied(_("Du får inte rapportera för %(name)s.") % {"name": organisation.name})
    if measure.plan_id != round.plan_id:
        raise ActionPlanError(_("Insatsen hör inte till omgångens handlingsplan."), "measure")
    if status not in Report.Status.values:
        raise ActionPlanError(
            _("Okänd status: välj enligt plan, risk för avvikelse, avviker eller genomförd."), "status"
        )
    if not 0 <= int(progress) <= 100:
        raise ActionPlanError(_("Framsteget anges i procent, 0–100."), "progress")
    if status == Report.Status.DONE and int(progress) != 100:
        raise ActionPlanError(_("En genomförd insats har framsteget 100 procent."), "progress")
    subgoal = SubGoal.objects.filter(measure=measure).first()
    number: Decimal | None = None
    if value not in (None, ""):
        if subgoal is None:
            raise ActionPlanError(_("Insatsen har inget mätbart delmål; lämna värdet tomt."), "value")
        number = parse_value(value, subgoal, unit)
    with transaction.atomic():
        # The round's row lock: a report racing the closing of the round sees it closed.
        round_ = FollowUpRound.objects.select_for_update().get(pk=round.pk)
        if round_.is_closed:
            raise ActionPlanError(
                _(
                    "Uppföljningsomgången ”%(title)s” är stängd sedan %(day)s; "
                    "rapporter kan inte längre lämnas eller ändras."
                )
                % {"title": round_.title, "day": round_.closed_on.isoformat()}  # type: ignore[union-attr]
            )
        if measure.children.exists():
            raise ActionPlanError(
                _("”%(measure)s” följs upp genom sina delinsatser; rapportera dem.") % {"measure": measure.title},
                "measure",
            )
        if not measure.responsible.filter(pk=organisation.pk).exists():
            raise ActionPlanError(
                _("%(organisation)s är inte ansvarig för insatsen ”%(measure)s” och kan inte rapportera den.")
                % {"organisation": organisation.name, "measure": measure.title},
                "organisation",
            )
        existing = Report.objects.filter(round=round_, measure=measure, organisation=organisation).first()
        before = snapshot(existing) if existing else None
        report = existing or Report(round=round_, measure=measure, organisation=organisation, is_demo=is_demo)
        report.value = number
        report.status = status
        report.progress = int(progress)
        report.comment = comment
        report.reported_by = _user(actor)
        report.reported_at = timezone.now()
        report.save()
        record(
            actor=actor,
            action="actionplans.report.submit" if existing is None else "actionplans.report.correct",
            obj=report,
            before=before,
            after=snapshot(report),
        )
    return report


def reportable(plan_id: int) -> Any:
    """Measure × responsible organisation pairs that are reported. A measure with child measures is
    followed up through its children (its progress rolls up from theirs), so it is not reported itself."""
    return Measure.responsible.through.objects.filter(measure__plan_id=plan_id, measure__children__isnull=True)


def missing_reports(round: FollowUpRound) -> list[tuple[Organisation, list[Measure]]]:
    """Who has not reported, with the measures each still owes, in two queries."""
    owed = (
        reportable(round.plan_id)
        .select_related("organisation", "measure")
        .order_by("measure__area__rank", "measure__parent_id", "measure__rank")
    )
    done = set(Report.objects.filter(round=round).values_list("measure_id", "organisation_id"))
    by_org: dict[int, tuple[Organisation, list[Measure]]] = {}
    for link in owed:
        if (link.measure_id, link.organisation_id) in done:
            continue
        entry = by_org.setdefault(link.organisation_id, (link.organisation, []))
        entry[1].append(link.measure)
    return sorted(by_org.values(), key=lambda e: e[0].name)


def send_reminders(*, actor: Any, round: FollowUpRound) -> int:
    """E-mail the municipal coordinators of every organisation that has not reported; the count sent."""
    from samverkan.accounts.models import User

    if round.is_closed:
        raise ActionPlanError(_("Omgången är stängd; påminnelser skickas bara i en öppen omgång."))
    missing = missing_reports(round)
    recipients = User.objects.filter(
        organisation__in=[org for org, _m in missing], role=Role.MUNICIPAL_COORDINATOR, is_active=True
    ).exclude(email="")
    by_org: dict[int, list[str]] = {}
    for user in recipients:
        by_org.setdefault(user.organisation_id or 0, []).append(user.email)
    messages = []
    for org, measures in missing:
        if org.pk not in by_org:
            continue
        body = _(
            "Hej!\n\n%(organisation)s har ännu inte rapporterat följande insatser i %(round)s "
            "(sista dag %(deadline)s):\n\n%(measures)s\n\nVänliga hälsningar\nSamverkan"
        ) % {
            "organisation": org.name,
            "round": round.title,
            "deadline": round.deadline.isoformat(),
            "measures": "\n".join(f"– {m.title}" for m in measures),
        }
        messages.append(
            (_("Påminnelse: uppföljning av handlingsplanen"), body, settings.DEFAULT_FROM_EMAIL, by_org[org.pk])
        )
    with transaction.atomic():
        record(
            actor=actor,
            action="actionplans.round.remind",
            obj=round,
            organisation=_association(round.plan),
            after={"organisations": [org.code for org, _m in missing], "emails": len(messages)},
        )
    if messages:
        send_mass_mail(messages, fail_silently=False)
    return len(messages)


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None
