"""Security headers on every response: a strict Content-Security-Policy and the rest."""

from __future__ import annotations

import pytest

from samverkan.core.middleware import CONTENT_SECURITY_POLICY


def directives(policy: str) -> dict[str, list[str]]:
    parsed = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            parsed[words[0]] = words[1:]
    return parsed


def strict_enough(policy: str) -> list[str]:
    """What is wrong with a policy; empty when it allows no inline or foreign script."""
    d = directives(policy)
    wrong = []
    script = d.get("script-src", d.get("default-src"))
    if script is None:
        wrong.append("no script-src or default-src")
    else:
        for source in script:
            if source in ("'unsafe-inline'", "'unsafe-eval'", "*", "data:", "http:", "https:", "blob:"):
                wrong.append(f"script-src allows {source}")
            elif not source.startswith("'"):
                wrong.append(f"script-src allows the host {source}")
    style = d.get("style-src", d.get("default-src", []))
    if "'unsafe-inline'" in style:
        wrong.append("style-src allows 'unsafe-inline'")
    for name, expected in (("object-src", ["'none'"]), ("frame-ancestors", ["'none'"]), ("base-uri", ["'self'"])):
        if d.get(name) != expected:
            wrong.append(f"{name} is not {' '.join(expected)}")
    return wrong


def test_the_policy_check_rejects_inline_script_and_foreign_hosts():
    # The check itself can fail: each of these policies is caught.
    assert strict_enough(CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'"))
    assert strict_enough(CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' cdn.example.com"))
    assert strict_enough(CONTENT_SECURITY_POLICY.replace("object-src 'none'", "object-src *"))
    assert strict_enough("default-src *")


PAGES = [
    (None, "/logga-in/"),
    (None, "/tillganglighet/"),
    ("anna", "/"),
    ("cecilia", "/overenskommelser/"),
    (None, "/finns-inte/"),
]


@pytest.mark.parametrize(("username", "path"), PAGES)
def test_every_page_sends_the_security_headers(client_for, username, path):
    response = client_for(username).get(path)
    assert response.status_code in (200, 404)
    assert not strict_enough(response["Content-Security-Policy"]), response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    if username:
        assert "no-store" in response["Cache-Control"], "a page with personal data must not be cached"


def test_the_api_sends_them_too(client_for):
    response = client_for("cecilia").get("/api/organisations/")
    assert response.status_code == 200
    assert not strict_enough(response["Content-Security-Policy"])
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
