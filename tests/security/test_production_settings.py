"""The settings production runs with (DEBUG off, no TESTING): cookies, TLS, sessions, passwords."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NAMES = [
    "DEBUG",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "SESSION_COOKIE_AGE",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "X_FRAME_OPTIONS",
    "PASSWORD_HASHERS",
    "AUTH_PASSWORD_VALIDATORS",
    "LOGIN_FAILURE_LIMIT",
    "UPLOAD_MAX_BYTES",
    "DATA_UPLOAD_MAX_MEMORY_SIZE",
    "FILE_UPLOAD_MAX_MEMORY_SIZE",
    "LOGGING",
]


@pytest.fixture(scope="module")
def production():
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SECURE_", "DEBUG", "TESTING", "PYTEST"))
    }
    env.update(
        SECRET_KEY="x" * 60, IDENTITY_KEYS="c2FtdmVya2FuLWRlbW8ta2V5LW5vdC1mb3ItcHJvZCE=", IDENTITY_HASH_KEY="k" * 40
    )
    code = (
        "import json, django; from django.conf import settings; django.setup();"
        f"print(json.dumps({{n: getattr(settings, n) for n in {NAMES!r}}}, default=str))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "samverkan.settings"},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def test_production_is_not_in_debug_mode(production):
    assert production["DEBUG"] is False


def test_cookies_are_secure_http_only_and_same_site(production):
    assert production["SESSION_COOKIE_SECURE"] is True
    assert production["SESSION_COOKIE_HTTPONLY"] is True
    assert production["SESSION_COOKIE_SAMESITE"] in ("Lax", "Strict")
    assert production["CSRF_COOKIE_SECURE"] is True
    assert production["CSRF_COOKIE_HTTPONLY"] is True


def test_a_session_ends_within_a_working_day(production):
    assert production["SESSION_COOKIE_AGE"] <= 8 * 3600


def test_tls_is_required_and_remembered(production):
    assert production["SECURE_SSL_REDIRECT"] is True
    assert production["SECURE_HSTS_SECONDS"] >= 31536000
    assert production["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert production["SECURE_CONTENT_TYPE_NOSNIFF"] is True
    assert production["X_FRAME_OPTIONS"] == "DENY"


def test_passwords_are_hashed_with_argon2_and_must_be_long(production):
    assert production["PASSWORD_HASHERS"][0].endswith("Argon2PasswordHasher")
    lengths = [v.get("OPTIONS", {}).get("min_length") for v in production["AUTH_PASSWORD_VALIDATORS"]]
    assert max(n or 0 for n in lengths) >= 12
    assert any(v["NAME"].endswith("CommonPasswordValidator") for v in production["AUTH_PASSWORD_VALIDATORS"])


def test_logins_are_throttled_and_uploads_bounded(production):
    assert 0 < production["LOGIN_FAILURE_LIMIT"] <= 10
    assert 0 < production["UPLOAD_MAX_BYTES"] <= 100 * 1024 * 1024
    assert production["DATA_UPLOAD_MAX_MEMORY_SIZE"] <= 10 * 1024 * 1024


def test_every_log_handler_redacts_identity_numbers(production):
    handlers = production["LOGGING"]["handlers"]
    assert handlers
    for name, handler in handlers.items():
        assert "redact" in handler.get("filters", []), f"log handler {name} does not redact identity numbers"
