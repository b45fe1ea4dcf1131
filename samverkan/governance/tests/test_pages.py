import datetime as dt

from django.urls import reverse

from samverkan.core.query_budget import assert_queries_do_not_grow
from samverkan.governance import services
from samverkan.governance.models import Meeting, Membership
from samverkan.organisations.models import Organisation


def test_the_body_page_shows_the_members_of_the_chosen_day(steering_group, person, client_for):
    huddinge = Organisation.objects.get(code="0126")
    services.add_membership(
        actor=person("cecilia"),
        body=steering_group,
        person_name="Förra",
        organisation=huddinge,
        position="member",
        valid_from=dt.date(2012, 1, 1),
        valid_to=dt.date(2012, 12, 31),
    )
    services.add_membership(
        actor=person("cecilia"),
        body=steering_group,
        person_name="Nuvarande",
        organisation=huddinge,
        position="chair",
        valid_from=dt.date(2013, 1, 1),
    )
    url = reverse("governance:body_detail", args=[steering_group.pk])
    page = client_for("stefan").get(url, {"datum": "2012-06-01"}).content.decode()
    members = page.split("Alla ledamotskap")[0]
    assert "Förra" in members and "Nuvarande" not in members


def test_a_steering_member_reads_but_cannot_add_a_decision(meeting, client_for):
    assert client_for("stefan").get(reverse("governance:meeting_detail", args=[meeting.pk])).status_code == 200
    response = client_for("stefan").post(reverse("governance:decision_create", args=[meeting.pk]), {"text": "x"})
    assert response.status_code == 403 and not meeting.decisions.exists()
    response = client_for("rut").post(reverse("governance:decision_create", args=[meeting.pk]), {"text": "x"})
    assert response.status_code == 403


def test_the_body_page_has_a_query_budget(steering_group, client_for):
    huddinge = Organisation.objects.get(code="0126")
    start = dt.datetime(2013, 1, 1, 9, tzinfo=dt.UTC)

    def grow(count):
        Membership.objects.bulk_create(
            Membership(body=steering_group, person_name=f"P{i}", organisation=huddinge, valid_from=dt.date(2013, 1, 1))
            for i in range(count)
        )
        Meeting.objects.bulk_create(
            Meeting(body=steering_group, title=f"M{i}", starts_at=start, ends_at=start) for i in range(count)
        )

    url = reverse("governance:body_detail", args=[steering_group.pk])
    assert_queries_do_not_grow(client_for("stefan"), url, grow, budget=14)


def test_the_calendar_feed_has_a_query_budget(steering_group, client_for):
    start = dt.datetime(2013, 1, 1, 9, tzinfo=dt.UTC)

    def grow(count):
        Meeting.objects.bulk_create(
            Meeting(body=steering_group, title=f"M{i}", starts_at=start, ends_at=start) for i in range(count)
        )

    url = reverse("governance:body_calendar", args=[steering_group.pk])
    assert_queries_do_not_grow(client_for("stefan"), url, grow, budget=8)


def test_the_api_lists_have_a_query_budget(steering_group, client_for):
    start = dt.datetime(2013, 1, 1, 9, tzinfo=dt.UTC)

    def grow(count):
        Meeting.objects.bulk_create(
            Meeting(body=steering_group, title=f"M{i}", starts_at=start, ends_at=start) for i in range(count)
        )

    assert_queries_do_not_grow(client_for("stefan"), "/api/governance/meetings/", grow, budget=8)
