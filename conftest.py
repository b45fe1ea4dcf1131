"""Test set-up shared by every app.

The test database gets the county's reference data and the named demo people
once per session (Anna, case officer in Huddinge; Bengt, provider staff in
Botkyrka; Cecilia, regional coordinator; Eve, Nacka, who must never see
Huddinge's participants …); each test runs in a transaction rolled back after it.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.management import call_command


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hashing():
    # Argon2 is what production uses (tests/test_settings.py checks it); tests
    # log in hundreds of times and need a fast hasher.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _swedish_by_default():
    # Every test starts in Swedish, the language of record, whatever an earlier test on
    # the same worker activated (a request in English leaves it active in the thread).
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


def _load_world() -> None:
    from samverkan.accounts import demo as people
    from samverkan.core.demo import DemoContext
    from samverkan.lib.tz import today

    call_command("load_refdata", verbosity=0)
    people.load(DemoContext(today=today()))


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        _load_world()


@pytest.fixture
def committed_db(transactional_db):
    """A database whose writes are committed, for tests of several connections at once (threads);
    mark the test `django_db(transaction=True)` too.

    Its tables are emptied after each such test, so the reference data and demo people are
    loaded again before it; pytest-django runs these tests after the ones in a transaction.
    """
    _load_world()


@pytest.fixture
def person(db):
    """`person("anna")` is Anna, with her organisation loaded."""
    from samverkan.accounts.models import User

    def get(username: str) -> User:
        return User.objects.select_related("organisation").get(username=username)

    return get


@pytest.fixture
def client_for(client, person):
    """`client_for("anna")` is a test client logged in as Anna."""
    from django.test import Client

    def make(username: str | None) -> Client:
        c = Client()
        if username:
            c.force_login(person(username))
        return c

    return make
