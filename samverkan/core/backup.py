"""Back up and restore the database that DATABASE_URL names (`make backup`, `make restore FILE=...`).

SQLite: SQLite's online backup (what the sqlite3 shell's `.backup` does), consistent
even while the server writes; a restore copies the pages back the same way, in one
step. PostgreSQL: `pg_dump --format=custom`, restored with `pg_restore --clean
--single-transaction`, so a restore that fails leaves the database as it was.

Runs without Django's settings, so an operator needs no SECRET_KEY to take a backup:

    python -m samverkan.core.backup backup [--dir var/backups]
    python -m samverkan.core.backup restore FILE
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import dj_database_url

BASE_DIR = Path(__file__).resolve().parents[2]
DEFAULT_URL = f"sqlite:///{BASE_DIR / 'var' / 'samverkan.sqlite3'}"


class BackupError(Exception):
    pass


def database_url() -> str:
    return os.environ.get("DATABASE_URL") or DEFAULT_URL


def _is_sqlite(url: str) -> bool:
    return url.startswith("sqlite:")


def _sqlite_path(url: str) -> Path:
    return Path(dj_database_url.parse(url)["NAME"])


def _libpq_url(url: str) -> str:
    # pg_dump knows postgresql:// but not Django's aliases.
    parts = urlsplit(url)
    return urlunsplit(parts._replace(scheme="postgresql"))


def _tool(name: str) -> str:
    path = shutil.which(name)
    if not path:
        raise BackupError(f"{name} is missing: install the PostgreSQL client (apt-get install postgresql-client)")
    return path


def backup(url: str, directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    if _is_sqlite(url):
        source = _sqlite_path(url)
        if not source.exists():
            raise BackupError(f"no database at {source}")
        target = directory / f"samverkan-{stamp}.sqlite3"
        partial = target.with_suffix(".partial")
        with sqlite3.connect(source) as src, sqlite3.connect(partial) as dst:
            src.backup(dst)
        partial.replace(target)  # a backup that is there is a whole one
        return target
    target = directory / f"samverkan-{stamp}.dump"
    partial = target.with_suffix(".partial")
    subprocess.run(  # noqa: S603 - fixed arguments, no shell
        [_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", f"--file={partial}", _libpq_url(url)],
        check=True,
    )
    partial.replace(target)
    return target


def restore(url: str, file: Path) -> None:
    if not file.is_file():
        raise BackupError(f"no backup at {file}")
    if _is_sqlite(url):
        with sqlite3.connect(file) as src:
            if src.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise BackupError(f"{file} is not a sound SQLite database")
            target = _sqlite_path(url)
            target.parent.mkdir(parents=True, exist_ok=True)
            with sqlite3.connect(target) as dst:
                src.backup(dst)
        return
    subprocess.run(  # noqa: S603 - fixed arguments, no shell
        [
            _tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={_libpq_url(url)}",
            str(file),
        ],
        check=True,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Back up or restore Samverkan's database (DATABASE_URL).")
    commands = parser.add_subparsers(dest="command", required=True)
    make = commands.add_parser("backup")
    make.add_argument("--dir", type=Path, default=BASE_DIR / "var" / "backups")
    back = commands.add_parser("restore")
    back.add_argument("file", type=Path)
    args = parser.parse_args(argv)
    url = database_url()
    try:
        if args.command == "backup":
            print(backup(url, args.dir))
        else:
            restore(url, args.file)
            print(f"restored {args.file}")
    except (BackupError, subprocess.CalledProcessError, sqlite3.Error) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
