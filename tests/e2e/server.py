"""Samverkan as production runs it, on a fresh database, for the browser tests.

gunicorn with DEBUG off, static files collected and served by whitenoise from
the manifest storage, the task worker beside it, and a database of its own:
a new SQLite file, or a new database on the PostgreSQL server that
DATABASE_URL names. Reference data and demo data are loaded as `make demo` does.
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    workdir: Path
    url: str = ""
    env: dict[str, str] = field(default_factory=dict)
    processes: list[subprocess.Popen] = field(default_factory=list)
    drop_database: str = ""
    logs: list[Path] = field(default_factory=list)

    def manage(self, *args: str) -> None:
        subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=self.env, check=True, stdout=subprocess.DEVNULL)

    def spawn(self, name: str, *command: str) -> subprocess.Popen:
        log = ARTIFACTS / f"{name}.log"
        self.logs.append(log)
        with log.open("wb") as out:
            process = subprocess.Popen(
                command, cwd=ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
            )
        self.processes.append(process)
        return process

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        if self.drop_database:
            _admin_sql(self.drop_database, "DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _admin_sql(database_url: str, statement: str) -> None:
    import psycopg
    from psycopg import sql

    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql.SQL(statement).format(name=sql.Identifier(name)))


def database_url(workdir: Path) -> tuple[str, str]:
    """A URL for a fresh database, and the URL to drop afterwards ("" for SQLite)."""
    base = os.environ.get("DATABASE_URL", "")
    if base.startswith(("postgres://", "postgresql://")):
        parts = urlsplit(base)
        name = f"{parts.path.lstrip('/') or 'samverkan'}_e2e_{os.getpid()}"
        url = urlunsplit(parts._replace(path=f"/{name}"))
        _admin_sql(url, "DROP DATABASE IF EXISTS {name}")
        _admin_sql(url, "CREATE DATABASE {name}")
        return url, url
    return f"sqlite:///{workdir / 'e2e.sqlite3'}", ""


def start(workdir: Path) -> Server:
    ARTIFACTS.mkdir(exist_ok=True)
    server = Server(workdir=workdir)
    url, drop = database_url(workdir)
    server.drop_database = drop
    port = free_port()
    keep = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "VIRTUAL_ENV")}
    server.env = {
        **keep,
        "DJANGO_SETTINGS_MODULE": "samverkan.settings",
        "DEBUG": "false",
        "TESTING": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": url,
        "ALLOWED_HOSTS": "localhost",
        "SITE_URL": f"http://localhost:{port}",
        "IDENTITY_KEYS": Fernet.generate_key().decode(),
        "IDENTITY_HASH_KEY": secrets.token_urlsafe(32),
        "MEDIA_ROOT": str(workdir / "media"),
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        # Production's secure cookies stay on: Chromium accepts them from http://localhost.
        # Only the redirect to https and HSTS are off, since the test server has no TLS.
        "SECURE_COOKIES": "true",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "LOG_LEVEL": "INFO",
    }
    try:
        server.manage("migrate", "--noinput")
        server.manage("collectstatic", "--noinput", "--clear")
        server.manage("load_refdata")
        server.manage("load_demo")
        server.spawn(
            "gunicorn",
            GUNICORN,
            "samverkan.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--access-logfile",
            "-",
            "--error-logfile",
            "-",
        )
        server.spawn("db_worker", PYTHON, "manage.py", "db_worker", "--interval", "0.5", "--no-reload")
        server.url = f"http://localhost:{port}"
        _wait_until_healthy(server)
    except BaseException:
        server.stop()
        raise
    return server


def _wait_until_healthy(server: Server, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for process in server.processes:
            if process.poll() is not None:
                raise RuntimeError(f"{process.args[0]} stopped: see {server.logs}")
        try:
            with urllib.request.urlopen(f"{server.url}/halsa/", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"the server did not answer within {timeout} s")
