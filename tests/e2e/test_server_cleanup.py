"""Servers of an earlier run whose pytest died are stopped; those of a live run are left alone."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

from tests.e2e import server

pytestmark = pytest.mark.e2e


@pytest.fixture
def pid_file(tmp_path, monkeypatch):
    path = tmp_path / "e2e-servers.json"
    monkeypatch.setattr(server, "PIDS", path)
    return path


def stale_worker() -> subprocess.Popen:
    # Named like the server's task worker, in a process group of its own, as server.spawn starts it.
    return subprocess.Popen(
        [sys.executable, "-c", "import time; time.sleep(120)", "manage.py", "db_worker"], start_new_session=True
    )


def dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_the_servers_of_a_dead_run_are_stopped(pid_file):
    left = stale_worker()
    pid_file.write_text(json.dumps({"owner": dead_pid(), "processes": [left.pid]}))
    assert server.stop_stale_servers() == [left.pid]
    assert left.wait(timeout=10) == -9
    assert not pid_file.exists()


def test_the_servers_of_a_live_run_are_left_alone(pid_file):
    running = stale_worker()
    owner = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    try:
        pid_file.write_text(json.dumps({"owner": owner.pid, "processes": [running.pid]}))
        assert server.stop_stale_servers() == []
        time.sleep(0.2)
        assert running.poll() is None
    finally:
        for process in (running, owner):
            os.kill(process.pid, 9)
            process.wait()
