"""An iCalendar feed (RFC 5545) of a body's meetings.

Written by hand because the rules are few and exact: lines end in CRLF, content lines
longer than 75 octets are folded (CRLF and one space, never inside a UTF-8 character),
TEXT values escape backslash, semicolon, comma and newlines, every event has a stable
UID, a DTSTAMP in UTC and a SEQUENCE raised on every change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.utils import timezone

from samverkan.governance.models import Body, Meeting

LIMIT = 75


def escape_text(value: str) -> str:
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """Fold a content line into pieces of at most 75 octets, continuation lines starting with a space."""
    data = line.encode("utf-8")
    if len(data) <= LIMIT:
        return line
    pieces = []
    current = b""
    limit = LIMIT
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > limit:
            pieces.append(current.decode("utf-8"))
            current = b""
            limit = LIMIT - 1  # the leading space of a continuation line counts
        current += encoded
    pieces.append(current.decode("utf-8"))
    return "\r\n ".join(pieces)


def utc(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _event(meeting: Meeting, stamp: dt.datetime, url: str, domain: str) -> list[str]:
    description = meeting.get_kind_display()
    agenda = list(meeting.agenda_items.all())
    if agenda:
        description += "\n" + "\n".join(f"{item.number}. {item.title}" for item in agenda)
    lines = [
        "BEGIN:VEVENT",
        f"UID:{meeting.uid}@{domain}",
        f"DTSTAMP:{utc(stamp)}",
        f"DTSTART:{utc(meeting.starts_at)}",
        f"DTEND:{utc(meeting.ends_at)}",
        f"SEQUENCE:{meeting.sequence}",
        f"LAST-MODIFIED:{utc(meeting.updated_at)}",
        f"SUMMARY:{escape_text(meeting.title)}",
        f"DESCRIPTION:{escape_text(description)}",
        f"STATUS:{'CANCELLED' if meeting.cancelled else 'CONFIRMED'}",
    ]
    if meeting.location:
        lines.append(f"LOCATION:{escape_text(meeting.location)}")
    if url:
        lines.append(f"URL:{url}")
    lines.append("END:VEVENT")
    return lines


def calendar(
    body: Body,
    meetings: Iterable[Meeting],
    *,
    url_for: dict[int, str] | None = None,
    domain: str = "samverkan",
    now: dt.datetime | None = None,
) -> bytes:
    stamp = now or timezone.now()
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Samverkan//Styrning//SV",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(body.name)}",
        "X-WR-TIMEZONE:Europe/Stockholm",
    ]
    for meeting in meetings:
        lines.extend(_event(meeting, stamp, (url_for or {}).get(meeting.pk, ""), domain))
    lines.append("END:VCALENDAR")
    return ("\r\n".join(fold(line) for line in lines) + "\r\n").encode("utf-8")
