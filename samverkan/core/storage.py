"""Local-disk storage for uploads that never leaves a half-written file.

Django's FileSystemStorage keeps whatever it managed to write when the disk
fills up (ENOSPC) or the write fails otherwise; documents are stored under
their content hash, so a retry of the same upload would find the truncated
file and use it. Here a failed write removes its file before the error goes on.
"""

from __future__ import annotations

import contextlib
from typing import Any

from django.core.files.storage import FileSystemStorage


class SafeFileSystemStorage(FileSystemStorage):
    def _save(self, name: str, content: Any) -> str:
        existed = self.exists(name)
        try:
            return super()._save(name, content)  # type: ignore[misc]
        except OSError:
            if not existed:
                with contextlib.suppress(OSError):
                    self.delete(name)
            raise
