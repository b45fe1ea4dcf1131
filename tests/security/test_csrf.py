"""CSRF: every form and every change through the session refuses a request without the token."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from samverkan.core.testing import ANONYMOUS, WALKERS, Visit, resolve
from tests.test_url_walk import API_VISITS, VISITS, world  # noqa: F401 - world is a fixture

ROOT = Path(__file__).resolve().parents[2]
REFUSED = "Formuläret kunde inte skickas"
POSTS = [v for v in VISITS if v.method == "post"]
API_CHANGES = [v for v in API_VISITS if v.method.lower() != "get"]
# Views that may take a POST without our token: the OIDC provider's callback comes from the provider.
EXEMPT_OK = {"oidc_authentication_callback"}


def _someone_allowed(visit) -> str:
    """A walker for whom the POST gets past the role check (2xx, 3xx other than to the login, 400, 409)."""
    for walker in WALKERS:
        if walker != ANONYMOUS and visit.status_for(walker) not in (403, 404, 405):
            return walker
    pytest.skip(f"{visit.id()}: nobody may post")


def _client(username: str) -> Client:
    from samverkan.accounts.models import User

    client = Client(enforce_csrf_checks=True)
    client.force_login(User.objects.get(username=username))
    return client


@pytest.mark.parametrize("visit", POSTS, ids=lambda v: v.id())
def test_every_form_post_without_the_token_is_refused(visit: Visit, world, db):  # noqa: F811
    walker = _someone_allowed(visit)
    url = reverse(visit.name, args=resolve(visit.args, world) or [])
    response = _client(walker).post(url, data=resolve(visit.data, world) or {})
    assert response.status_code == 403, f"{visit.id()} as {walker}: {response.status_code}"
    assert REFUSED in response.content.decode()


def test_the_same_post_with_the_token_goes_through(db, person):
    # The refusal above is about the token, not about the request: with it, the login works.
    client = Client(enforce_csrf_checks=True)
    page = client.get("/logga-in/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
    response = client.post(
        "/logga-in/", {"username": "anna", "password": "samverkan-demo", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    assert client.post("/logga-in/", {"username": "anna", "password": "samverkan-demo"}).status_code == 403


@pytest.mark.parametrize("visit", API_CHANGES, ids=lambda v: v.id())
def test_an_api_change_with_the_session_but_without_the_token_is_refused(visit, world, db):  # noqa: F811
    walker = _someone_allowed(visit)
    path = visit.path.format(**(resolve(visit.params, world) or {}))
    body = resolve(visit.json, world)
    response = getattr(_client(walker), visit.method.lower())(
        path, data=body if body is not None else {}, content_type="application/json"
    )
    assert response.status_code in (401, 403), f"{visit.id()} as {walker}: {response.status_code}"


def _views(resolver: URLResolver | None = None):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace in ("admin", "api"):
                continue
            yield from _views(pattern)
        elif isinstance(pattern, URLPattern):
            yield pattern


def test_no_view_is_exempt_from_csrf():
    exempt = [
        p.name or str(p.pattern)
        for p in _views()
        if getattr(p.callback, "csrf_exempt", False) and p.name not in EXEMPT_OK
    ]
    assert not exempt, f"views exempt from CSRF: {exempt}"


def test_every_post_form_in_the_templates_carries_the_token():
    missing = []
    for template in (ROOT / "samverkan").rglob("templates/**/*.html"):
        text = template.read_text(encoding="utf-8")
        for form in re.finditer(r"<form\b[^>]*>(.*?)</form>", text, re.S | re.I):
            opening = form.group(0)[: form.group(0).index(">") + 1]
            if re.search(r'method=["\']?post', opening, re.I) and "{% csrf_token %}" not in form.group(1):
                missing.append(f"{template.relative_to(ROOT)}: {opening}")
    assert not missing, "POST forms without {% csrf_token %}:\n" + "\n".join(missing)


def test_the_same_api_change_with_the_token_goes_through(world, db):  # noqa: F811
    # The control for the refusals above: the session with its token may change things.
    visit = next(v for v in API_CHANGES if v.path.endswith("/extension/"))
    client = _client("cecilia")
    client.get("/")
    token = client.cookies["samverkan_csrftoken"].value
    path = visit.path.format(**resolve(visit.params, world))
    response = client.post(
        path, data=resolve(visit.json, world), content_type="application/json", headers={"X-CSRFToken": token}
    )
    assert response.status_code == visit.status_for("cecilia")
