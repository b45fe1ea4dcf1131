import datetime as dt

import pytest

from samverkan.governance import services
from samverkan.governance.services import GovernanceError
from samverkan.organisations.models import Organisation


def test_decisions_are_numbered_per_meeting_and_dated_by_it(meeting, person):
    item = services.add_agenda_item(actor=person("cecilia"), meeting=meeting, title="Handlingsplan 2013–2014")
    first = services.record_decision(actor=person("cecilia"), meeting=meeting, text="Planen antas.", agenda_item=item)
    second = services.record_decision(actor=person("cecilia"), meeting=meeting, text="Nästa möte 2013-12-05.")
    assert (first.number, second.number) == (1, 2)
    assert first.decided_on == dt.date(2013, 9, 12) and item.number == 1


def test_only_members_on_the_day_are_registered_as_attending(meeting, person):
    huddinge = Organisation.objects.get(code="0126")
    member = services.add_membership(
        actor=person("cecilia"),
        body=meeting.body,
        person_name="A",
        organisation=huddinge,
        position="member",
        valid_from=dt.date(2013, 1, 1),
    )
    former = services.add_membership(
        actor=person("cecilia"),
        body=meeting.body,
        person_name="B",
        organisation=huddinge,
        position="member",
        valid_from=dt.date(2012, 1, 1),
        valid_to=dt.date(2012, 12, 31),
    )
    services.record_attendance(actor=person("cecilia"), meeting=meeting, statuses=[(member, "present")])
    with pytest.raises(GovernanceError, match="var inte ledamot"):
        services.record_attendance(actor=person("cecilia"), meeting=meeting, statuses=[(former, "present")])
    assert list(meeting.attendances.values_list("membership__person_name", "status")) == [("A", "present")]


def test_changing_a_meeting_raises_its_calendar_sequence(meeting, person):
    changed = services.save_meeting(
        actor=person("cecilia"),
        body=meeting.body,
        meeting=meeting,
        title="Styrgruppsmöte (flyttat)",
        kind="meeting",
        starts_at=meeting.starts_at + dt.timedelta(days=1),
        ends_at=meeting.ends_at + dt.timedelta(days=1),
    )
    assert changed.sequence == 1 and changed.uid == meeting.uid


def test_minutes_cannot_be_approved_before_the_meeting(meeting, person):
    with pytest.raises(GovernanceError, match="före mötet"):
        services.record_minutes(actor=person("cecilia"), meeting=meeting, minutes="…", approved_on=dt.date(2013, 9, 1))
