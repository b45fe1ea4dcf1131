"""Every URL and every API operation, as every role and as nobody.

The tables live beside each app (samverkan/<app>/tests/walk.py). A URL name or
an API operation that no table mentions fails `test_every_url_is_walked` /
`test_every_api_operation_is_walked`, so a new view cannot slip through.
"""

from __future__ import annotations

import importlib
import pkgutil

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import samverkan
from samverkan.core.testing import ANONYMOUS, WALKERS, ApiVisit, Visit, World, resolve

# Namespaces that are not ours to walk: the operator's admin and the OIDC callbacks.
SKIPPED_NAMESPACES = {"admin", "oidc"}
SKIPPED_NAMES = {"set_language", "oidc_authentication_init", "oidc_authentication_callback", "oidc_logout"}


def _walk_modules():
    for info in pkgutil.iter_modules(samverkan.__path__):
        try:
            yield importlib.import_module(f"samverkan.{info.name}.tests.walk")
        except ModuleNotFoundError as exc:
            if not exc.name or not exc.name.startswith(f"samverkan.{info.name}.tests"):
                raise


MODULES = list(_walk_modules())
VISITS: list[Visit] = [v for m in MODULES for v in getattr(m, "VISITS", [])]
API_VISITS: list[ApiVisit] = [v for m in MODULES for v in getattr(m, "API_VISITS", [])]


def _url_names(resolver: URLResolver | None = None, namespace: str = "") -> set[str]:
    names = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace or ""
            if ns in SKIPPED_NAMESPACES or ns == "api":
                continue
            names |= _url_names(pattern, f"{namespace}{ns}:" if ns else namespace)
        elif isinstance(pattern, URLPattern) and pattern.name and pattern.name not in SKIPPED_NAMES:
            names.add(f"{namespace}{pattern.name}")
    return names


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    from samverkan.accounts.models import APIToken, User

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            w = World()
            w.tokens = {}
            for user in User.objects.filter(username__in=WALKERS):
                w.tokens[user.username] = APIToken.issue(user, "walk")[1]
            for module in MODULES:
                if hasattr(module, "populate"):
                    module.populate(w)
            yield w
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def test_every_url_is_walked():
    walked = {v.name for v in VISITS}
    missing = sorted(_url_names() - walked)
    assert not missing, f"URL names without a walk entry: {missing}"


def test_every_api_operation_is_walked():
    from samverkan.api import api

    schema = api.get_openapi_schema()
    operations = {(method.upper(), path) for path, ops in schema["paths"].items() for method in ops}
    walked = {(v.method.upper(), v.path) for v in API_VISITS}
    missing = sorted(operations - walked)
    assert not missing, f"API operations without a walk entry: {missing}"


def _login(username: str) -> Client:
    from samverkan.accounts.models import User

    client = Client()
    if username != ANONYMOUS:
        client.force_login(User.objects.get(username=username))
    return client


@pytest.mark.parametrize("visit", VISITS, ids=lambda v: v.id())
def test_url_as_every_role(visit: Visit, world: World, db):
    url = reverse(visit.name, args=resolve(visit.args, world) or [])
    if visit.query:
        url = f"{url}?{visit.query}"
    wrong = []
    for walker in WALKERS:
        expected = visit.status_for(walker)
        with transaction.atomic():
            client = _login(walker)
            response = getattr(client, visit.method)(url, data=resolve(visit.data, world) or {})
            if response.status_code != expected:
                wrong.append(f"{walker}: {response.status_code} (expected {expected})")
            transaction.set_rollback(True)
    assert not wrong, f"{visit.id()} {url}: " + "; ".join(wrong)


@pytest.mark.parametrize("visit", API_VISITS, ids=lambda v: v.id())
def test_api_as_every_role(visit: ApiVisit, world: World, db):
    path = visit.path.format(**(resolve(visit.params, world) or {}))
    if visit.query:
        path = f"{path}?{visit.query}"
    wrong = []
    for walker in WALKERS:
        expected = visit.status_for(walker)
        with transaction.atomic():
            headers = {} if walker == ANONYMOUS else {"Authorization": f"Bearer {world.tokens[walker]}"}
            client = Client()
            body = resolve(visit.json, world)
            if visit.method.lower() == "get":
                response = client.get(path, headers=headers)
            else:
                response = getattr(client, visit.method.lower())(
                    path, data=body if body is not None else {}, content_type="application/json", headers=headers
                )
            if response.status_code != expected:
                wrong.append(f"{walker}: {response.status_code} (expected {expected})")
            transaction.set_rollback(True)
    assert not wrong, f"{visit.id()} {path}: " + "; ".join(wrong)
