"""A PostgreSQL database of the fault test's own, for faults that must really happen.

A cut connection or a killed worker can not happen inside the test's rolled-back
transaction, and a worker in another process sees only what is committed: the test
gets a new database (migrated, with the reference data and the demo people), Django's
connection points at it in autocommit for the length of the test, and it is dropped
afterwards. On SQLite the tests that need it are skipped; CI runs them in its
PostgreSQL pass (`.ci/run`).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.core.management import call_command
from django.db import connection, connections


@dataclass
class OwnDatabase:
    name: str
    url: str  # for other processes: DATABASE_URL

    def admin(self, autocommit: bool = True):
        """A psycopg connection of the test's own to the database, beside Django's."""
        import psycopg

        return psycopg.connect(self.url, autocommit=autocommit)


def _postgres_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else ""


def _admin_sql(url: str, statement: str, name: str) -> None:
    import psycopg
    from psycopg import sql

    admin = urlunsplit(urlsplit(url)._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql.SQL(statement).format(name=sql.Identifier(name)))


@pytest.fixture
def own_database(django_db_blocker) -> Iterator[OwnDatabase]:
    base = _postgres_url()
    if not base:
        pytest.skip("needs PostgreSQL: run with DATABASE_URL=postgresql://… (CI does)")
    from samverkan.accounts import demo as people
    from samverkan.core.demo import DemoContext
    from samverkan.lib.tz import today

    settings_dict = connection.settings_dict
    before = settings_dict["NAME"]
    name = f"{urlsplit(base).path.lstrip('/') or 'samverkan'}_fault_{os.getpid()}"[:63]
    url = urlunsplit(urlsplit(base)._replace(path=f"/{name}"))
    with django_db_blocker.unblock():
        connections.close_all()
        _admin_sql(base, "DROP DATABASE IF EXISTS {name} WITH (FORCE)", name)
        _admin_sql(base, "CREATE DATABASE {name}", name)
        settings_dict["NAME"] = name
        try:
            call_command("migrate", verbosity=0)
            call_command("load_refdata", verbosity=0)
            people.load(DemoContext(today=today()))
            yield OwnDatabase(name=name, url=url)
        finally:
            connections.close_all()
            settings_dict["NAME"] = before
            _admin_sql(base, "DROP DATABASE IF EXISTS {name} WITH (FORCE)", name)
