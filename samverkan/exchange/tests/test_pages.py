"""The officers' pages: who sees names, who sees codes, and that every read is logged."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from samverkan.audit.models import AuditEvent
from samverkan.core.query_budget import assert_queries_do_not_grow
from samverkan.exchange.models import Attendance, AttendanceAdjustment, Participant, Placement
from samverkan.exchange.services import accept_placement, lock_month, request_placement


@pytest.fixture
def hidden(new_participant, botkyrka_course):
    person = new_participant(protected=True, first_name="Skyddad", last_name="Person")
    p = request_placement(actor=None, participant=person, service=botkyrka_course, start=dt.date(2025, 1, 15))
    return accept_placement(actor=None, placement=p)


def test_anna_sees_her_resident_and_the_read_is_logged(client_for, placement, person):
    response = client_for("anna").get(reverse("exchange:participant_detail", args=[placement.participant.code]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Amina Hassan" in page and "19900517-****" in page
    assert AuditEvent.objects.filter(
        action="read.participant", actor=person("anna"), object_id=str(placement.participant.pk)
    ).exists()


def test_the_full_number_is_shown_only_on_request_and_logged(client_for, placement, person):
    from samverkan.exchange.services import reveal_identity

    number = reveal_identity(actor=None, participant=placement.participant)
    page = client_for("anna").get(reverse("exchange:participant_detail", args=[placement.participant.code]))
    assert number not in page.content.decode()
    shown = client_for("anna").post(reverse("exchange:participant_reveal", args=[placement.participant.code]))
    assert number in shown.content.decode()
    assert shown["Cache-Control"] == "no-store"
    assert AuditEvent.objects.filter(action="read.identity_number", actor=person("anna")).count() == 1


def test_the_provider_never_gets_the_full_number(client_for, placement):
    assert (
        client_for("bengt").post(reverse("exchange:participant_reveal", args=[placement.participant.code])).status_code
        == 403
    )
    assert (
        client_for("britt").post(reverse("exchange:participant_reveal", args=[placement.participant.code])).status_code
        == 403
    )


def test_eve_of_nacka_sees_none_of_it(client_for, placement):
    eve = client_for("eve")
    assert eve.get(reverse("exchange:participant_detail", args=[placement.participant.code])).status_code == 404
    assert eve.get(reverse("exchange:placement_detail", args=[placement.code])).status_code == 404
    for name in ("exchange:placement_list", "exchange:participant_list", "exchange:attendance_month"):
        page = eve.get(reverse(name)).content.decode()
        assert "Amina" not in page and placement.code not in page


def test_the_provider_sees_a_protected_person_as_a_placement_code(client_for, hidden):
    page = client_for("bengt").get(reverse("exchange:placement_list")).content.decode()
    assert hidden.code in page
    assert "Skyddad" not in page
    detail = client_for("bengt").get(reverse("exchange:placement_detail", args=[hidden.code])).content.decode()
    assert "Skyddad" not in detail and hidden.code in detail
    # Anna is authorised for protected personal data in Huddinge; Hanna is not.
    assert "Skyddad" in client_for("anna").get(reverse("exchange:placement_list")).content.decode()
    assert hidden.code not in client_for("hanna").get(reverse("exchange:placement_list")).content.decode()


def test_a_list_page_logs_one_read_of_the_people_it_shows(client_for, placement, person):
    client_for("bengt").get(reverse("exchange:placement_list"))
    event = AuditEvent.objects.get(action="read.placement_list", actor=person("bengt"))
    assert event.after["codes"] == [placement.participant.code]
    assert event.personal_data


def test_huddinge_places_bengt_accepts_and_reports(client_for, amina, botkyrka_course):
    with time_machine.travel(dt.datetime(2025, 3, 10, 12, 0), tick=False):
        response = client_for("anna").post(
            reverse("exchange:placement_create", args=[amina.code]),
            {"service": botkyrka_course.code, "start": "2025-02-03"},
        )
        assert response.status_code == 302
        placement = Placement.objects.get(participant=amina)
        assert client_for("bengt").post(reverse("exchange:placement_accept", args=[placement.code])).status_code == 302
        report = client_for("bengt").post(
            reverse("exchange:attendance_report", args=[placement.code]),
            {"month": "2025-02", "days_present": "18", "hours": "54"},
        )
        assert report.status_code == 302
        row = Attendance.objects.get(placement=placement)
        assert (row.days_present, row.days_enrolled, row.payer.code) == (18, 26, "0126")
        lock_month(dt.date(2025, 2, 1), by=None)
        correction = client_for("bengt").post(
            reverse("exchange:attendance_report", args=[placement.code]),
            {"month": "2025-02", "days_present": "19", "hours": "57", "reason": ""},
        )
        assert correction.status_code == 400
        assert "Skriv skälet till rättelsen." in correction.content.decode()
        correction = client_for("bengt").post(
            reverse("exchange:attendance_report", args=[placement.code]),
            {"month": "2025-02", "days_present": "19", "hours": "57", "reason": "Missad närvarolista"},
        )
        assert correction.status_code == 302
        assert AttendanceAdjustment.objects.get(placement=placement).carried_to == dt.date(2025, 3, 1)


def test_a_full_service_is_a_form_error_in_swedish(client_for, new_service, new_participant):
    service = new_service(capacity=1)
    first, second = new_participant(), new_participant()
    accept_placement(
        actor=None,
        placement=request_placement(actor=None, participant=first, service=service, start=dt.date(2025, 1, 1)),
    )
    response = client_for("anna").post(
        reverse("exchange:placement_create", args=[second.code]), {"service": service.code, "start": "2025-02-01"}
    )
    assert response.status_code == 400
    assert "fullbelagd" in response.content.decode()
    assert not Placement.objects.filter(participant=second).exists()


def test_registering_with_an_invalid_number_says_what_is_wrong(client_for):
    response = client_for("anna").post(
        reverse("exchange:participant_create"),
        {
            "identity_number": "19900517-1235",
            "first_name": "A",
            "last_name": "B",
            "reception_date": "2024-01-01",
            "residence_status": "refugee",
        },
    )
    assert response.status_code == 400
    assert "Kontrollsiffran stämmer inte" in response.content.decode()
    assert not Participant.objects.filter(first_name="A").exists()


def test_the_county_figures_suppress_small_counts(client_for, placement):
    page = client_for("cecilia").get(reverse("exchange:statistics")).content.decode()
    assert "Amina" not in page
    assert "&lt;5" in page  # one Huddinge resident in a Botkyrka course: suppressed


def test_the_gdpr_export_is_json_for_the_home_municipality(client_for, placement):
    response = client_for("anna").get(reverse("exchange:participant_export", args=[placement.participant.code]))
    assert response.status_code == 200
    assert response.json()["first_name"] == "Amina"
    assert (
        client_for("bengt").get(reverse("exchange:participant_export", args=[placement.participant.code])).status_code
        == 403
    )


@pytest.fixture
def many_placements(org, botkyrka_course):
    """grow(n): n more Huddinge residents accepted in a big Botkyrka course, with a month of attendance."""
    from samverkan.lib.identity import make

    botkyrka_course.capacity = 100_000
    botkyrka_course.save()
    huddinge = org("0126")
    counter = iter(range(1, 10_000_000))

    def grow(count):
        people = []
        for _ in range(count):
            n = next(counter)
            number = make(dt.date(1980, 1, 1) + dt.timedelta(days=n % 9000), n % 1000)
            people.append(
                Participant(
                    code=f"D-T{n:07d}",
                    identity_encrypted="x",
                    identity_hash=f"{n:064d}",
                    first_name="Test",
                    last_name=f"Person {n}",
                    birth_date=number.birth_date,
                    home_municipality=huddinge,
                    reception_date=dt.date(2024, 1, 1),
                    residence_status="refugee",
                )
            )
        Participant.objects.bulk_create(people)
        placements = Placement.objects.bulk_create(
            Placement(
                code=f"P-T{p.code[3:]}",
                participant=p,
                service=botkyrka_course,
                provider_id=botkyrka_course.provider_id,
                home_municipality=huddinge,
                start=dt.date(2025, 1, 1),
                status="accepted",
            )
            for p in people
        )
        Attendance.objects.bulk_create(
            Attendance(
                placement=p, month=dt.date(2025, 2, 1), provider_id=p.provider_id, payer=huddinge, days_enrolled=28
            )
            for p in placements
        )

    return grow


@pytest.mark.parametrize(
    ("username", "url"),
    [
        ("bengt", "exchange:placement_list"),
        ("anna", "exchange:placement_list"),
        ("anna", "exchange:participant_list"),
        ("bengt", "exchange:attendance_month"),
        ("britt", "exchange:service_list"),
    ],
)
def test_list_pages_cost_the_same_queries_at_any_size(client_for, many_placements, username, url):
    query = "?manad=2025-02" if url == "exchange:attendance_month" else ""
    assert_queries_do_not_grow(client_for(username), reverse(url) + query, many_placements, budget=16)


@pytest.mark.parametrize("path", ["/api/exchange/placements/", "/api/exchange/attendance/", "/api/exchange/services/"])
def test_api_lists_cost_the_same_queries_at_any_size(client, person, many_placements, path):
    from samverkan.accounts.models import APIToken

    token = APIToken.issue(person("bengt"), "budget")[1]
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    assert_queries_do_not_grow(client, path, many_placements, budget=10)


def test_only_an_authorised_officer_gets_the_protected_choice(client_for):
    assert 'name="protected"' in client_for("anna").get(reverse("exchange:participant_create")).content.decode()
    assert 'name="protected"' not in client_for("hanna").get(reverse("exchange:participant_create")).content.decode()


def test_the_provider_sees_the_name_and_placements_only(client_for, placement):
    page = client_for("bengt").get(reverse("exchange:participant_detail", args=[placement.participant.code]))
    text = page.content.decode()
    assert "Amina Hassan" in text and placement.code in text
    for detail in ("19900517", "1990-05-17", "Flykting", "Folkbokföring"):
        assert detail not in text, detail
    assert (
        "19900517-****"
        in client_for("anna")
        .get(reverse("exchange:participant_detail", args=[placement.participant.code]))
        .content.decode()
    )


def test_the_provider_gets_no_birth_date_in_lists_or_on_the_placement(client_for, placement):
    for url in (reverse("exchange:participant_list"), reverse("exchange:placement_detail", args=[placement.code])):
        text = client_for("bengt").get(url).content.decode()
        assert "Amina" in text and "19900517" not in text, url
    assert "19900517-****" in client_for("anna").get(reverse("exchange:participant_list")).content.decode()
