"""After every journey: no identity number in the production server's logs.

The access log holds every URL the browsers visited and the application log
every message; both are read back here, so an identity number that slipped into
a URL (a GET search, a redirect) or into a log message fails the run. Collected
last (see conftest.py).
"""

from __future__ import annotations

import pytest

from samverkan.lib import identity
from samverkan.lib.logredact import IDENTITY_NUMBER

pytestmark = pytest.mark.e2e


def identity_numbers_in(text: str) -> list[str]:
    found = []
    for match in IDENTITY_NUMBER.finditer(text):
        try:
            identity.parse(match.group(0))
        except identity.InvalidIdentityNumber:
            continue  # ten digits that are not a valid identity number (a size, a time)
        found.append(match.group(0))
    return found


def test_the_check_finds_an_identity_number_in_a_log_line():
    line = '127.0.0.1 - - "GET /deltagare/?q=19121212-1212 HTTP/1.1" 200 5120'
    assert identity_numbers_in(line) == ["19121212-1212"]
    assert identity_numbers_in('"GET /static/app.css HTTP/1.1" 200 1234567890') == []


def test_no_identity_number_reached_the_server_logs(server):
    assert server.logs, "the server wrote no logs"
    for log in server.logs:
        text = log.read_text(encoding="utf-8", errors="replace")
        assert "GET /" in text or log.stem != "gunicorn", "the access log is empty: the check would prove nothing"
        found = identity_numbers_in(text)
        assert not found, f"identity numbers in {log.name}: {found[:5]}"
