import os
import subprocess
import sys

from samverkan.lib.processes import process_exists


def test_a_running_process_exists_and_a_finished_one_does_not():
    assert process_exists(os.getpid())
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        assert process_exists(child.pid)
        child.kill()
        # Killed but not yet reaped: a zombie, dead all the same.
        child_status = os.waitid(os.P_PID, child.pid, os.WEXITED | os.WNOWAIT)
        assert child_status is not None
        assert not process_exists(child.pid)
    finally:
        child.wait()
    assert not process_exists(child.pid)
