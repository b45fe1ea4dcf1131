"""`make backup` and `make restore FILE=...` give back what was there, on both databases."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

from samverkan.core import backup

ROOT = Path(__file__).resolve().parents[2]


def run(command: str, *args: str, url: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": url}
    return subprocess.run(
        [sys.executable, "-m", "samverkan.core.backup", command, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_sqlite_backup_holds_what_is_still_in_the_write_ahead_log(tmp_path):
    live = tmp_path / "live.sqlite3"
    writer = sqlite3.connect(live)
    writer.execute("PRAGMA journal_mode=WAL")
    writer.execute("PRAGMA wal_autocheckpoint=0")  # keep the rows in the -wal file, as under load
    writer.execute("CREATE TABLE invoice (id INTEGER PRIMARY KEY, amount_ore INTEGER)")
    writer.executemany("INSERT INTO invoice (amount_ore) VALUES (?)", [(n * 100,) for n in range(1, 501)])
    writer.commit()
    assert Path(f"{live}-wal").stat().st_size > 0

    made = run("backup", "--dir", str(tmp_path / "backups"), url=f"sqlite:///{live}")
    assert made.returncode == 0, made.stderr
    file = Path(made.stdout.strip())
    assert file.suffix == ".sqlite3"
    assert not list((tmp_path / "backups").glob("*.partial"))

    writer.execute("DELETE FROM invoice WHERE id > 10")
    writer.execute("UPDATE invoice SET amount_ore = 0")
    writer.commit()
    writer.close()

    restored = run("restore", str(file), url=f"sqlite:///{live}")
    assert restored.returncode == 0, restored.stderr
    with sqlite3.connect(live) as check:
        assert check.execute("SELECT count(*), sum(amount_ore) FROM invoice").fetchone() == (500, 100 * 500 * 501 // 2)


def test_a_restore_refuses_a_file_that_is_not_a_database_and_changes_nothing(tmp_path):
    live = tmp_path / "live.sqlite3"
    with sqlite3.connect(live) as db:
        db.execute("CREATE TABLE t (x)")
        db.execute("INSERT INTO t VALUES (1)")
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"this is not a database" * 100)
    result = run("restore", str(junk), url=f"sqlite:///{live}")
    assert result.returncode == 1
    assert "error" in result.stderr
    with sqlite3.connect(live) as db:
        assert db.execute("SELECT x FROM t").fetchall() == [(1,)]


def test_restore_names_a_missing_file():
    result = run("restore", "var/backups/there-is-no-such-file.sqlite3", url="sqlite:///var/nothing.sqlite3")
    assert result.returncode == 1
    assert "no backup at" in result.stderr


def _postgres_url(name: str) -> str:
    s = connection.settings_dict
    auth = quote(s["USER"] or "postgres") + (f":{quote(s['PASSWORD'])}" if s["PASSWORD"] else "")
    return f"postgresql://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{name}"


def test_a_postgresql_dump_restores_into_an_empty_database(tmp_path, db):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only (make test DATABASE_URL=postgresql://...)")
    import psycopg

    # The test database holds the committed reference data and demo people of the session.
    source = connection.settings_dict["NAME"]
    copy = f"{source}_restored"
    with psycopg.connect(_postgres_url("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{copy}"')
        admin.execute(f'CREATE DATABASE "{copy}"')
    try:
        with psycopg.connect(_postgres_url(source)) as db:
            expected = db.execute("SELECT count(*) FROM organisations_organisation").fetchone()[0]
            name = db.execute("SELECT name FROM organisations_organisation WHERE code = 'ksl'").fetchone()[0]
        assert expected > 0
        made = run("backup", "--dir", str(tmp_path), url=_postgres_url(source))
        assert made.returncode == 0, made.stderr
        file = Path(made.stdout.strip())
        assert file.suffix == ".dump"

        restored = run("restore", str(file), url=_postgres_url(copy))
        assert restored.returncode == 0, restored.stderr
        with psycopg.connect(_postgres_url(copy)) as db:
            assert db.execute("SELECT count(*) FROM organisations_organisation").fetchone()[0] == expected
            db.execute("UPDATE organisations_organisation SET name = 'Ändrad' WHERE code = 'ksl'")
            db.commit()

        # A second restore over the changed database gives the old row back.
        again = run("restore", str(file), url=_postgres_url(copy))
        assert again.returncode == 0, again.stderr
        with psycopg.connect(_postgres_url(copy)) as db:
            assert db.execute("SELECT name FROM organisations_organisation WHERE code = 'ksl'").fetchone()[0] == name
    finally:
        with psycopg.connect(_postgres_url("postgres"), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{copy}" WITH (FORCE)')


def test_the_default_database_is_the_demo_file():
    assert backup.DEFAULT_URL.endswith("var/samverkan.sqlite3")
