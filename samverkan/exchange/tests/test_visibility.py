"""DESIGN.md §2 in the querysets: who sees whom."""

import datetime as dt

import pytest

from samverkan.exchange.models import Attendance, Participant, Placement
from samverkan.exchange.services import accept_placement, report_attendance, request_placement


@pytest.fixture
def hidden(new_participant, botkyrka_course):
    """A Huddinge resident with protected personal data, placed in Botkyrka's course."""
    person = new_participant(protected=True, first_name="Skyddad")
    p = request_placement(actor=None, participant=person, service=botkyrka_course, start=dt.date(2025, 1, 15))
    accept_placement(actor=None, placement=p)
    return person


def _sees(user, model, obj) -> bool:
    return model.objects.visible_to(user).filter(pk=obj.pk).exists()


@pytest.mark.parametrize(
    ("username", "sees"),
    [
        ("anna", True),  # case officer of the home municipality
        ("hanna", True),  # its coordinator
        ("maja", True),  # its auditor
        ("bengt", True),  # staff of the provider, for the placement in its own service
        ("britt", True),  # the provider's coordinator
        ("petra", False),  # provider staff of Huddinge: not placed in Huddinge's services
        ("bo", False),  # case officer of the provider: not his resident
        ("eve", False),  # Nacka sees none of it
        ("nils", False),
        ("cecilia", False),  # the association sees aggregates, no personal data
        ("rut", False),
        ("stefan", False),
    ],
)
def test_who_sees_a_placed_person(person, placement, username, sees):
    user = person(username)
    assert _sees(user, Participant, placement.participant) is sees
    assert _sees(user, Placement, placement) is sees


def test_the_provider_does_not_see_a_person_once_the_placement_is_declined(person, amina, botkyrka_course):
    from samverkan.exchange.services import decline_placement

    p = request_placement(actor=None, participant=amina, service=botkyrka_course, start=dt.date(2025, 1, 15))
    assert _sees(person("bengt"), Participant, amina)
    decline_placement(actor=None, placement=p, reason="Full")
    assert not _sees(person("bengt"), Participant, amina)
    assert not _sees(person("bengt"), Placement, p)


def test_a_protected_person_is_seen_only_by_authorised_officers_of_the_home_municipality(person, hidden):
    assert _sees(person("anna"), Participant, hidden)  # may_see_protected
    for username in ("hanna", "maja", "bengt", "britt", "eve", "cecilia"):
        assert not _sees(person(username), Participant, hidden), username


def test_the_provider_sees_the_placement_of_a_protected_person_but_not_the_person(person, hidden):
    placement = hidden.placements.get()
    assert _sees(person("bengt"), Placement, placement)
    assert not _sees(person("bengt"), Participant, hidden)
    assert not _sees(person("hanna"), Placement, placement)


def test_attendance_follows_the_placement(person, placement):
    import time_machine

    with time_machine.travel(dt.datetime(2025, 3, 2, 12, 0), tick=False):
        row = report_attendance(actor=person("bengt"), placement=placement, month=dt.date(2025, 2, 1), days_present=3)
    assert _sees(person("anna"), Attendance, row)
    assert _sees(person("bengt"), Attendance, row)
    assert not _sees(person("eve"), Attendance, row)
    assert not _sees(person("cecilia"), Attendance, row)
    assert Attendance.objects.writable_by(person("bengt")).filter(pk=row.pk).exists()
    assert not Attendance.objects.writable_by(person("anna")).filter(pk=row.pk).exists()
    assert not Attendance.objects.writable_by(person("maja")).exists()


def test_a_new_home_municipality_sees_the_person_after_a_move(person, placement, org):
    from samverkan.exchange.services import move_participant

    move_participant(
        actor=None, participant=placement.participant, municipality=org("0182"), moved_on=dt.date(2025, 3, 1)
    )
    assert _sees(person("eve"), Participant, placement.participant)
    assert _sees(person("eve"), Placement, placement)
    assert not _sees(person("anna"), Participant, placement.participant)
    assert _sees(person("anna"), Placement, placement)  # Huddinge asked and paid for it
