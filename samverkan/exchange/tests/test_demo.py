"""The demo of issue 5: Huddinge places, Botkyrka reports, Nacka sees nothing, the catalogue finds by language."""

import datetime as dt

import pytest
from django.urls import reverse

from samverkan.core.demo import DemoContext
from samverkan.exchange import demo
from samverkan.exchange.models import (
    Attendance,
    AttendanceAdjustment,
    MonthLock,
    Participant,
    Placement,
    first_of_month,
)
from samverkan.lib.tz import today


@pytest.fixture
def loaded(person):
    from samverkan.accounts.models import User

    ctx = DemoContext(today=today())
    ctx.users = {u.username: u for u in User.objects.all()}
    demo.load(ctx)
    return ctx


def test_anna_placed_a_huddinge_resident_in_a_botkyrka_course_and_bengt_reports(loaded, client_for):
    placement = loaded.objects["exchange_placement"]
    assert placement.home_municipality.code == "0126" and placement.provider.code == "0127"
    assert placement.requested_by.username == "anna" and placement.decided_by.username == "bengt"
    assert Attendance.objects.filter(placement=placement, reported_by__username="bengt").count() >= 5
    page = client_for("bengt").get(reverse("exchange:attendance_month")).content.decode()
    assert "Amina Hassan" in page


def test_nacka_sees_none_of_it(loaded, client_for):
    eve = client_for("eve")
    for name in ("exchange:placement_list", "exchange:participant_list", "exchange:attendance_month"):
        page = eve.get(reverse(name)).content.decode()
        assert "Amina" not in page and "Hassan" not in page
    assert "Leyla" in eve.get(reverse("exchange:participant_list")).content.decode()
    assert (
        eve.get(reverse("exchange:placement_detail", args=[loaded.objects["exchange_placement"].code])).status_code
        == 404
    )


def test_the_public_catalogue_finds_the_course_by_language(loaded, client):
    response = client.get(reverse("exchange:catalogue"), {"language": "so", "q": "yrkesförare"})
    assert [s.name for s in response.context["page_obj"].object_list] == ["Sfi för yrkesförare"]


def test_bengt_sees_the_protected_person_as_a_code(loaded, client_for):
    hidden = loaded.objects["exchange_protected_placement"]
    page = client_for("bengt").get(reverse("exchange:placement_list")).content.decode()
    assert hidden.code in page and "Sara" not in page


def test_attendance_is_locked_up_to_the_last_full_month(loaded):
    this_month = first_of_month(today())
    previous = first_of_month(this_month - dt.timedelta(days=1))
    assert MonthLock.objects.filter(month=previous).exists()
    assert not MonthLock.objects.filter(month=this_month).exists()
    assert not Attendance.objects.filter(month__lt=this_month, locked=False).exists()
    assert Attendance.objects.filter(month=this_month, locked=False).exists()
    adjustment = AttendanceAdjustment.objects.get()
    assert adjustment.carried_to == this_month and not adjustment.locked


def test_the_move_shifts_the_payer(loaded):
    yonas = Participant.objects.get(first_name="Yonas")
    payers = list(
        Attendance.objects.filter(placement__participant=yonas).order_by("month").values_list("payer__code", flat=True)
    )
    assert payers[0] == "0126" and payers[-1] == "0182"


def test_loading_twice_adds_nothing(loaded):
    before = Placement.objects.count()
    demo.load(loaded)
    assert Placement.objects.count() == before
