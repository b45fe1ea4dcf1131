"""Whether a process is alive, by its id (for workers' leases and the test servers' clean-up)."""

from __future__ import annotations

import os
from pathlib import Path


def process_exists(pid: int) -> bool:
    """True while the process runs; a killed process its parent has not reaped yet (a zombie)
    is dead all the same. Read from /proc where there is one, else by signal 0."""
    stat = Path(f"/proc/{pid}/stat")
    if stat.parent.parent.is_dir() and Path("/proc/self").exists():
        try:
            return stat.read_text().rsplit(")", 1)[1].split()[0] != "Z"
        except (FileNotFoundError, IndexError):
            return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
