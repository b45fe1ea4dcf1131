"""Operations on bodies, memberships, meetings and decisions. Each one is atomic and audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from samverkan.audit.services import record, snapshot
from samverkan.governance.models import AgendaItem, Attendance, Body, Decision, Meeting, Membership
from samverkan.organisations.models import Organisation


class GovernanceError(Exception):
    """A refused operation; `field` names the form field the message belongs to (None: the whole form)."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def _association(body: Body) -> Organisation | None:
    return Organisation.objects.filter(kind=Organisation.Kind.ASSOCIATION, county=body.county_id).first()


def add_membership(
    *,
    actor: Any,
    body: Body,
    person_name: str,
    organisation: Organisation,
    position: str,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
    title: str = "",
    user: Any = None,
    network: Any = None,
    is_demo: bool = False,
) -> Membership:
    if valid_to is not None and valid_to < valid_from:
        raise GovernanceError(_("Mandatperioden kan inte sluta innan den börjar."), "valid_to")
    with transaction.atomic():
        # Two coordinators appointing a chair at once: the lock on the body makes the second see the first.
        Body.objects.select_for_update().get(pk=body.pk)
        if position in (Membership.Position.CHAIR, Membership.Position.SECRETARY):
            overlapping = body.memberships.filter(position=position, valid_from__lte=valid_to or dt.date.max).exclude(
                valid_to__lt=valid_from
            )
            clash = overlapping.first()
            if clash is not None:
                raise GovernanceError(
                    _("%(body)s har redan %(position)s under perioden: %(name)s. Avsluta det uppdraget först.")
                    % {
                        "body": body.name,
                        "position": Membership.Position(position).label.lower(),
                        "name": clash.person_name,
                    },
                    "position",
                )
        membership = Membership.objects.create(
            body=body,
            person_name=person_name,
            organisation=organisation,
            position=position,
            valid_from=valid_from,
            valid_to=valid_to,
            title=title,
            user=user,
            network=network,
            is_demo=is_demo,
        )
        record(
            actor=actor,
            action="governance.membership.add",
            obj=membership,
            organisation=_association(body),
            after=snapshot(membership),
        )
    return membership


def end_membership(*, actor: Any, membership: Membership, valid_to: dt.date) -> Membership:
    with transaction.atomic():
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        if valid_to < membership.valid_from:
            raise GovernanceError(_("Mandatperioden kan inte sluta innan den börjar."), "valid_to")
        before = snapshot(membership)
        membership.valid_to = valid_to
        membership.save(update_fields=["valid_to"])
        record(
            actor=actor, action="governance.membership.end", obj=membership, before=before, after=snapshot(membership)
        )
    return membership


def save_meeting(
    *,
    actor: Any,
    body: Body,
    title: str,
    kind: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    location: str = "",
    meeting: Meeting | None = None,
    cancelled: bool = False,
    is_demo: bool = False,
) -> Meeting:
    """Schedule a meeting or change one; a change raises the iCalendar SEQUENCE so calendars take it."""
    if ends_at < starts_at:
        raise GovernanceError(_("Mötet kan inte sluta innan det börjar."), "ends_at")
    with transaction.atomic():
        if meeting is None:
            meeting = Meeting(body=body, is_demo=is_demo)
            before = None
        else:
            meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
            before = snapshot(meeting)
            meeting.sequence += 1
        meeting.title = title
        meeting.kind = kind
        meeting.starts_at = starts_at
        meeting.ends_at = ends_at
        meeting.location = location
        meeting.cancelled = cancelled
        meeting.save()
        record(
            actor=actor,
            action="governance.meeting.save",
            obj=meeting,
            organisation=_association(body),
            before=before,
            after=snapshot(meeting),
        )
    return meeting


def add_agenda_item(*, actor: Any, meeting: Meeting, title: str, description: str = "") -> AgendaItem:
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        last = meeting.agenda_items.order_by("-number").first()
        item = AgendaItem.objects.create(
            meeting=meeting, number=(last.number + 1) if last else 1, title=title, description=description
        )
        record(actor=actor, action="governance.agenda.add", obj=item, after=snapshot(item))
    return item


def record_attendance(*, actor: Any, meeting: Meeting, statuses: Iterable[tuple[Membership, str]]) -> list[Attendance]:
    """Who attended: only those who were members of the body on the meeting's day."""
    day = meeting.date
    rows = []
    with transaction.atomic():
        for membership, status in statuses:
            if membership.body_id != meeting.body_id or not membership.is_active_on(day):
                raise GovernanceError(
                    _("%(name)s var inte ledamot i %(body)s den %(day)s.")
                    % {"name": membership.person_name, "body": meeting.body.name, "day": day.isoformat()}
                )
            attendance, _created = Attendance.objects.update_or_create(
                meeting=meeting, membership=membership, defaults={"status": status}
            )
            rows.append(attendance)
        record(
            actor=actor,
            action="governance.meeting.attendance",
            obj=meeting,
            organisation=_association(meeting.body),
            after={"attendance": {a.membership_id: a.status for a in rows}},
        )
    return rows


def record_minutes(*, actor: Any, meeting: Meeting, minutes: str, approved_on: dt.date | None) -> Meeting:
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if approved_on is not None and approved_on < meeting.date:
            raise GovernanceError(_("Protokollet kan inte justeras före mötet."), "approved_on")
        before = snapshot(meeting, ["minutes", "minutes_approved_on"])
        meeting.minutes = minutes
        meeting.minutes_approved_on = approved_on
        meeting.save(update_fields=["minutes", "minutes_approved_on", "updated_at"])
        record(
            actor=actor,
            action="governance.meeting.minutes",
            obj=meeting,
            organisation=_association(meeting.body),
            before=before,
            after=snapshot(meeting, ["minutes", "minutes_approved_on"]),
        )
    return meeting


def record_decision(
    *,
    actor: Any,
    meeting: Meeting,
    text: str,
    agenda_item: AgendaItem | None = None,
    is_demo: bool = False,
) -> Decision:
    """A decision of the meeting, numbered § 1, § 2 … in the order they are recorded."""
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise GovernanceError(_("Punkten hör till ett annat möte."), "agenda_item")
    if not text.strip():
        raise GovernanceError(_("Skriv vad som beslutades."), "text")
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().select_related("body").get(pk=meeting.pk)
        last = meeting.decisions.order_by("-number").first()
        decision = Decision.objects.create(
            meeting=meeting,
            agenda_item=agenda_item,
            number=(last.number + 1) if last else 1,
            text=text.strip(),
            decided_on=meeting.date,
            is_demo=is_demo,
        )
        record(
            actor=actor,
            action="governance.decision.record",
            obj=decision,
            organisation=_association(meeting.body),
            after=snapshot(decision),
        )
    return decision
