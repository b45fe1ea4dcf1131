import datetime as dt

import pytest

from samverkan.audit.models import AuditEvent
from samverkan.exchange import protection
from samverkan.exchange.models import Participant
from samverkan.exchange.services import (
    ExchangeError,
    find_participant,
    move_participant,
    register_participant,
    reveal_identity,
)
from samverkan.lib.identity import make


def test_the_identity_number_is_stored_only_encrypted_and_found_again_by_its_hash(org):
    number = make(dt.date(1988, 3, 2), 123)
    person = register_participant(
        actor=None,
        identity_number=number.formatted,
        first_name="Yonas",
        last_name="Tesfay",
        home_municipality=org("0126"),
        reception_date=dt.date(2024, 2, 1),
        residence_status="refugee",
    )
    row = Participant.objects.filter(pk=person.pk).values().get()
    assert number.value not in str(row)
    assert number.value[2:] not in str(row)
    assert protection.decrypt(row["identity_encrypted"]).value == number.value
    assert find_participant(number.value).pk == person.pk
    assert find_participant(number.formatted[2:]).pk == person.pk  # ten digits find the same person
    assert person.birth_date == dt.date(1988, 3, 2)
    assert person.masked_identity == "19880302-****"
    assert person.residences.get().municipality == org("0126")


def test_the_audit_log_never_holds_the_number(org):
    number = make(dt.date(1977, 7, 7), 456)
    person = register_participant(
        actor=None,
        identity_number=number.formatted,
        first_name="Sara",
        last_name="Ali",
        home_municipality=org("0126"),
        reception_date=dt.date(2024, 2, 1),
        residence_status="relative",
    )
    event = AuditEvent.objects.get(action="exchange.participant.register", object_id=str(person.pk))
    assert event.personal_data
    assert number.value not in str(event.after) and number.value[2:] not in str(event.after)
    assert "identity_encrypted" not in event.after and "identity_hash" not in event.after


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("19900517-1235", "Kontrollsiffran stämmer inte"),
        ("19901332-1234", "inget giltigt datum"),
        ("abc", "ÅÅÅÅMMDD-NNNN"),
    ],
)
def test_an_invalid_identity_number_is_refused_in_swedish(org, number, message):
    with pytest.raises(ExchangeError) as exc:
        register_participant(
            actor=None,
            identity_number=number,
            first_name="X",
            last_name="Y",
            home_municipality=org("0126"),
            reception_date=dt.date(2024, 2, 1),
            residence_status="refugee",
        )
    assert message in exc.value.message
    assert exc.value.field == "identity_number"
    assert not Participant.objects.filter(first_name="X").exists()


def test_the_same_person_can_not_be_registered_twice(org, amina):
    number = reveal_identity(actor=None, participant=amina)
    with pytest.raises(ExchangeError, match="finns redan"):
        register_participant(
            actor=None,
            identity_number=number,
            first_name="A",
            last_name="H",
            home_municipality=org("0182"),
            reception_date=dt.date(2024, 2, 1),
            residence_status="refugee",
        )


def test_a_samordningsnummer_is_accepted(org):
    number = make(dt.date(1995, 4, 9), 222, coordination=True)
    person = register_participant(
        actor=None,
        identity_number=number.formatted,
        first_name="Omar",
        last_name="Farah",
        home_municipality=org("0126"),
        reception_date=dt.date(2024, 2, 1),
        residence_status="relative",
    )
    assert person.is_coordination_number
    assert person.birth_date == dt.date(1995, 4, 9)
    assert person.masked_identity == "19950469-****"


def test_showing_the_full_number_is_audited(person, amina):
    anna = person("anna")
    shown = reveal_identity(actor=anna, participant=amina)
    assert len(shown) == 13 and shown[8] == "-"
    event = AuditEvent.objects.filter(action="read.identity_number", object_id=str(amina.pk)).get()
    assert event.actor == anna and event.personal_data
    assert shown not in str(event.after) and shown not in event.object_repr


def test_a_case_officer_registers_only_her_own_residents(person, org):
    with pytest.raises(ExchangeError, match="din egen kommun"):
        register_participant(
            actor=person("eve"),
            identity_number=make(dt.date(1990, 1, 1), 301).formatted,
            first_name="A",
            last_name="B",
            home_municipality=org("0126"),
            reception_date=dt.date(2024, 2, 1),
            residence_status="refugee",
        )


def test_only_an_authorised_officer_registers_a_protected_person(person, org):
    with pytest.raises(ExchangeError) as exc:
        register_participant(
            actor=person("bo"),
            identity_number=make(dt.date(1990, 1, 1), 302).formatted,
            first_name="A",
            last_name="B",
            home_municipality=org("0127"),
            reception_date=dt.date(2024, 2, 1),
            residence_status="refugee",
            protected=True,
        )
    assert exc.value.field == "protected"


def test_a_move_closes_the_old_residence_and_opens_a_new_one(amina, org):
    move_participant(actor=None, participant=amina, municipality=org("0182"), moved_on=dt.date(2025, 3, 10))
    amina.refresh_from_db()
    assert amina.home_municipality == org("0182")
    history = list(amina.residences.values_list("municipality__code", "valid_from", "valid_to"))
    assert history == [
        ("0126", dt.date(2024, 1, 10), dt.date(2025, 3, 9)),
        ("0182", dt.date(2025, 3, 10), None),
    ]
    assert amina.municipality_on(dt.date(2025, 3, 9)) == org("0126").pk
    assert amina.municipality_on(dt.date(2025, 3, 10)) == org("0182").pk


def test_a_move_before_the_last_one_is_refused(amina, org):
    with pytest.raises(ExchangeError) as exc:
        move_participant(actor=None, participant=amina, municipality=org("0182"), moved_on=dt.date(2023, 1, 1))
    assert exc.value.field == "moved_on"
