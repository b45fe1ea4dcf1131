import datetime as dt

import icalendar
from django.urls import reverse

from samverkan.governance import ical, services


def test_long_lines_fold_at_75_octets_without_splitting_a_character():
    line = "SUMMARY:" + "Tematisk konferens: ensamkommande barn och unga – åäö " * 4
    folded = ical.fold(line)
    pieces = folded.split("\r\n")
    assert all(len(p.encode("utf-8")) <= 75 for p in pieces)
    assert all(p.startswith(" ") for p in pieces[1:])
    assert "".join([pieces[0], *(p[1:] for p in pieces[1:])]) == line


def test_text_is_escaped():
    assert ical.escape_text("a;b,c\\d\ne") == "a\\;b\\,c\\\\d\\ne"


def test_the_feed_is_valid_icalendar_with_crlf_uid_dtstamp_and_sequence(meeting, person, client_for):
    services.add_agenda_item(actor=person("cecilia"), meeting=meeting, title="Handlingsplan; uppföljning, del 1")
    services.save_meeting(
        actor=person("cecilia"),
        body=meeting.body,
        meeting=meeting,
        title=meeting.title,
        kind="meeting",
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        location="KSL, Löjtnantsgatan 9; plan 3",
    )
    response = client_for("stefan").get(reverse("governance:body_calendar", args=[meeting.body.pk]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    data = response.content
    assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    parsed = icalendar.Calendar.from_ical(data)
    event = next(iter(parsed.walk("VEVENT")))
    assert str(event["UID"]).startswith(str(meeting.uid))
    assert event["SEQUENCE"] == 1
    assert event["DTSTAMP"].dt.tzinfo is not None
    assert event["DTSTART"].dt == meeting.starts_at
    assert str(event["LOCATION"]) == "KSL, Löjtnantsgatan 9; plan 3"
    assert "Handlingsplan; uppföljning, del 1" in str(event["DESCRIPTION"])


def test_the_feed_needs_a_login_or_the_body_s_key(meeting, client):
    url = reverse("governance:body_calendar", args=[meeting.body.pk])
    assert client.get(url).status_code == 302
    assert client.get(url, {"nyckel": "gissning"}).status_code == 404
    assert client.get(url, {"nyckel": meeting.body.calendar_token}).status_code == 200


def test_a_cancelled_meeting_is_cancelled_in_the_calendar(meeting, person):
    services.save_meeting(
        actor=person("cecilia"),
        body=meeting.body,
        meeting=meeting,
        title=meeting.title,
        kind="meeting",
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        cancelled=True,
    )
    meeting.refresh_from_db()
    data = ical.calendar(meeting.body, [meeting], now=dt.datetime(2013, 9, 1, tzinfo=dt.UTC))
    assert b"STATUS:CANCELLED" in data and b"DTSTAMP:20130901T000000Z" in data
