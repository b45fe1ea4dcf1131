"""Identity numbers (personnummer) never travel in a URL and never reach a log.

A URL ends up in access logs, browser history and Referer headers, so an identity
number may come only in a POST body or a JSON body. The browser tests also read
the production server's access log after every journey (tests/e2e/test_server_logs.py).
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver

from samverkan.lib.logredact import IDENTITY_NUMBER

ROOT = Path(__file__).resolve().parents[2]
SUSPECT = re.compile(r"ident|personnummer|pnr|ssn|samordningsnummer|personal_number", re.I)


def _patterns(resolver: URLResolver | None = None, prefix: str = ""):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            yield from _patterns(pattern, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern)


def test_no_url_takes_an_identity_number():
    bad = [p for p in _patterns() if any(SUSPECT.search(name) for name in re.findall(r"<(?:\w+:)?(\w+)>", p))]
    assert not bad, bad


def test_no_api_operation_takes_one_in_its_path_or_query():
    from samverkan.api import api

    bad = []
    for path, operations in api.get_openapi_schema()["paths"].items():
        for method, operation in operations.items():
            for parameter in operation.get("parameters", []):
                if parameter["in"] in ("path", "query") and SUSPECT.search(parameter["name"]):
                    bad.append(f"{method.upper()} {path}: {parameter['in']} parameter {parameter['name']}")
    assert not bad, bad


def test_no_get_form_asks_for_one():
    bad = []
    for template in (ROOT / "samverkan").rglob("templates/**/*.html"):
        for form in re.finditer(r"<form\b([^>]*)>(.*?)</form>", template.read_text(encoding="utf-8"), re.S | re.I):
            if not re.search(r"method=[\"']?post", form.group(1), re.I) and SUSPECT.search(form.group(2)):
                bad.append(str(template.relative_to(ROOT)))
    assert not bad, f"GET forms that mention identity numbers: {bad}"


def test_a_log_line_with_an_identity_number_is_redacted_by_the_configured_handlers(caplog):
    # The handlers of settings.LOGGING carry the filter; here it is applied as they apply it.
    from django.conf import settings

    from samverkan.lib.logredact import RedactIdentityNumbers

    assert "redact" in settings.LOGGING["handlers"]["console"]["filters"]
    record = logging.LogRecord(
        "samverkan", logging.INFO, __file__, 1, "placerade %s i %s", ("19121212-1212", "Botkyrka"), None
    )
    assert RedactIdentityNumbers().filter(record)
    assert "19121212-1212" not in record.getMessage()
    assert IDENTITY_NUMBER.search("placerade 191212121212") is not None
