"""Samverkan as production runs it, on a fresh database, for the browser tests.

gunicorn with DEBUG off, static files collected and served by whitenoise from
the manifest storage, the task worker beside it, and a database of its own:
a new SQLite file, or a new database on the PostgreSQL server that
DATABASE_URL names. Reference data and demo data are loaded as `make demo` does.

The server's processes never outlive the test run: they are stopped when pytest exits
(also on SIGTERM), Linux stops them when pytest itself dies (SIGKILL included, by the
parent-death signal), and a run that finds servers of an earlier run whose pytest is gone
(test-artifacts/e2e-servers.json) stops them before it starts.
"""

from __future__ import annotations

import atexit
import ctypes
import json
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

from samverkan.lib.processes import process_exists

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
PIDS = ARTIFACTS / "e2e-servers.json"
_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """In the child, before exec: Linux sends SIGTERM when the parent (pytest) dies."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def _command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def stop_stale_servers() -> list[int]:
    """Stop the servers an earlier run left behind when its pytest died; the process groups stopped."""
    try:
        earlier = json.loads(PIDS.read_text())
    except (OSError, ValueError):
        return []
    if process_exists(earlier.get("owner", 0)) and earlier.get("owner") != os.getpid():
        return []  # another test run is still using them
    stopped = []
    for pid in earlier.get("processes", []):
        command = _command_line(pid)
        if process_exists(pid) and (not command or "gunicorn" in command or "db_worker" in command):
            try:
                os.killpg(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                continue
            stopped.append(pid)
    PIDS.unlink(missing_ok=True)
    return stopped


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
    stopped: bool = False

    def manage(self, *args: str) -> None:
        subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=self.env, check=True, stdout=subprocess.DEVNULL)

    def spawn(self, name: str, *command: str) -> subprocess.Popen:
        log = ARTIFACTS / f"{name}.log"
        self.logs.append(log)
        with log.open("wb") as out:
            process = subprocess.Popen(
                command,
                cwd=ROOT,
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                preexec_fn=_die_with_parent,  # pytest has started no threads of its own here
            )
        self.processes.append(process)
        PIDS.write_text(json.dumps({"owner": os.getpid(), "processes": [p.pid for p in self.processes]}))
        return process

    def stop(self) -> None:
        if self.stopped:
            return
        self.stopped = True
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        PIDS.unlink(missing_ok=True)
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


def _stop_on_sigterm(server: Server) -> None:
    """SIGTERM (a CI timeout, `kill`) ends pytest through its cleanup, not past it."""

    def handle(signum: int, frame: object) -> None:
        server.stop()
        raise SystemExit(128 + signum)

    if signal.getsignal(signal.SIGTERM) in (signal.SIG_DFL, None):
        signal.signal(signal.SIGTERM, handle)


def start(workdir: Path) -> Server:
    ARTIFACTS.mkdir(exist_ok=True)
    stop_stale_servers()
    server = Server(workdir=workdir)
    atexit.register(server.stop)
    _stop_on_sigterm(server)
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
