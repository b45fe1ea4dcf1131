import datetime as dt

import pytest

from samverkan.exchange.models import Placement
from samverkan.exchange.services import (
    ExchangeError,
    accept_placement,
    decline_placement,
    free_places,
    request_placement,
    withdraw_placement,
)


def test_anna_places_a_huddinge_resident_in_a_botkyrka_course_and_bengt_accepts(person, amina, botkyrka_course):
    placement = request_placement(
        actor=person("anna"), participant=amina, service=botkyrka_course, start=dt.date(2025, 2, 3)
    )
    assert placement.status == Placement.Status.REQUESTED
    assert placement.home_municipality.code == "0126"
    assert placement.provider.code == "0127"
    assert placement.price_ore == 450_000  # the price in force, committed to
    accept_placement(actor=person("bengt"), placement=placement)
    placement.refresh_from_db()
    assert placement.status == Placement.Status.ACCEPTED
    assert placement.decided_by == person("bengt")
    assert free_places(botkyrka_course, dt.date(2025, 2, 3)) == botkyrka_course.capacity - 1


def test_eve_can_not_place_a_huddinge_resident(person, amina, botkyrka_course):
    with pytest.raises(ExchangeError):
        request_placement(actor=person("eve"), participant=amina, service=botkyrka_course, start=dt.date(2025, 2, 3))
    assert not Placement.objects.exists()


def test_only_the_provider_accepts(person, amina, botkyrka_course):
    placement = request_placement(actor=None, participant=amina, service=botkyrka_course, start=dt.date(2025, 2, 3))
    for other in ("anna", "eve", "petra", "cecilia", "rut"):
        with pytest.raises(ExchangeError):
            accept_placement(actor=person(other), placement=placement)


def test_a_full_service_is_refused(new_service, new_participant):
    service = new_service(capacity=2)
    first, second, third = (new_participant() for _ in range(3))
    for p in (first, second):
        accept_placement(
            actor=None,
            placement=request_placement(actor=None, participant=p, service=service, start=dt.date(2025, 1, 1)),
        )
    with pytest.raises(ExchangeError, match="fullbelagd") as exc:
        request_placement(actor=None, participant=third, service=service, start=dt.date(2025, 6, 1))
    assert exc.value.field == "service"


def test_a_place_freed_before_the_start_may_be_taken(new_service, new_participant):
    service = new_service(capacity=1)
    first, second = new_participant(), new_participant()
    accept_placement(
        actor=None,
        placement=request_placement(
            actor=None, participant=first, service=service, start=dt.date(2025, 1, 1), end=dt.date(2025, 3, 31)
        ),
    )
    later = request_placement(actor=None, participant=second, service=service, start=dt.date(2025, 4, 1))
    assert accept_placement(actor=None, placement=later).status == Placement.Status.ACCEPTED


def test_the_capacity_is_checked_again_on_acceptance(new_service, new_participant):
    service = new_service(capacity=1)
    a, b = new_participant(), new_participant()
    first = request_placement(actor=None, participant=a, service=service, start=dt.date(2025, 1, 1))
    second = request_placement(actor=None, participant=b, service=service, start=dt.date(2025, 1, 1))
    accept_placement(actor=None, placement=first)
    with pytest.raises(ExchangeError, match="fullbelagd"):
        accept_placement(actor=None, placement=second)
    second.refresh_from_db()
    assert second.status == Placement.Status.REQUESTED


def test_two_placements_of_one_person_in_one_service_can_not_overlap(amina, botkyrka_course):
    request_placement(
        actor=None, participant=amina, service=botkyrka_course, start=dt.date(2025, 1, 1), end=dt.date(2025, 6, 30)
    )
    with pytest.raises(ExchangeError, match="redan en placering"):
        request_placement(actor=None, participant=amina, service=botkyrka_course, start=dt.date(2025, 6, 30))
    # Right after it is fine.
    request_placement(actor=None, participant=amina, service=botkyrka_course, start=dt.date(2025, 7, 1))


def test_a_declined_placement_frees_the_person_to_ask_again(amina, botkyrka_course, person):
    placement = request_placement(actor=None, participant=amina, service=botkyrka_course, start=dt.date(2025, 1, 1))
    with pytest.raises(ExchangeError) as exc:
        decline_placement(actor=person("bengt"), placement=placement, reason=" ")
    assert exc.value.field == "reason"
    decline_placement(actor=person("bengt"), placement=placement, reason="Kursen kräver körkort")
    request_placement(actor=None, participant=amina, service=botkyrka_course, start=dt.date(2025, 1, 1))


def test_the_home_municipality_withdraws_an_unanswered_request(amina, botkyrka_course, person):
    placement = request_placement(actor=None, participant=amina, service=botkyrka_course, start=dt.date(2025, 1, 1))
    with pytest.raises(ExchangeError):
        withdraw_placement(actor=person("bengt"), placement=placement)
    assert withdraw_placement(actor=person("anna"), placement=placement).status == Placement.Status.WITHDRAWN


def test_the_target_group_is_checked(new_service, new_participant):
    service = new_service(min_age=20, max_age=64, residence_statuses=["refugee"])
    young = new_participant(birth=dt.date(2008, 1, 1))
    with pytest.raises(ExchangeError, match="från 20 år"):
        request_placement(actor=None, participant=young, service=service, start=dt.date(2025, 1, 1))
    relative = new_participant(residence_status="relative")
    with pytest.raises(ExchangeError, match="anhörig"):
        request_placement(actor=None, participant=relative, service=service, start=dt.date(2025, 1, 1))


def test_an_unpublished_service_takes_no_requests_from_other_municipalities(new_service, amina):
    draft = new_service(published=False)
    with pytest.raises(ExchangeError, match="inte publicerad"):
        request_placement(actor=None, participant=amina, service=draft, start=dt.date(2025, 1, 1))
