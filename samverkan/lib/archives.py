"""Word (.docx) and Excel (.xlsx) files are ZIP archives: their expanded size is bounded before reading.

A few kilobytes of ZIP can expand to gigabytes (a "zip bomb"), and a directory of a
million tiny parts costs memory before any part is read. `check_expanded_size` reads
only the archive's end record (the number of parts) and then its directory (the size
each part declares), and refuses the file when the parts are too many or their sum too
large. The declared sizes are enough: Python's ZIP reader, which python-docx and
openpyxl use, never expands a part beyond the size its directory declares (a part that
would is reported as damaged), so a file can not lie its way past the check.

Data that is not a ZIP archive passes: the reader that expects one says so.
"""

from __future__ import annotations

import io
import zipfile
from typing import IO

from django.conf import settings
from django.utils.translation import gettext as _

_END = b"PK\x05\x06"  # end of central directory record
_END64 = b"PK\x06\x06"  # ZIP64 end of central directory record
_MAX_COMMENT = 0xFFFF


class ArchiveTooLarge(ValueError):
    """The archive expands beyond the limits; the message says so in Swedish."""


def _declared_parts(data: bytes) -> int | None:
    end = data.rfind(_END, max(0, len(data) - 22 - _MAX_COMMENT))
    if end < 0 or len(data) < end + 12:
        return None
    parts = int.from_bytes(data[end + 10 : end + 12], "little")
    if parts == 0xFFFF:  # ZIP64: the count is in the ZIP64 end record
        end64 = data.rfind(_END64, 0, end)
        if end64 >= 0 and len(data) >= end64 + 40:
            parts = int.from_bytes(data[end64 + 32 : end64 + 40], "little")
    return parts


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.0f}"


def _too_many(parts: int, max_parts: int) -> ArchiveTooLarge:
    return ArchiveTooLarge(
        _(
            "Filen består av för många delar (%(parts)s; högst %(max)s tillåts) och läses inte. "
            "Öppna den i Word eller Excel, spara den på nytt och ladda upp den igen."
        )
        % {"parts": parts, "max": max_parts}
    )


def check_expanded_size(data: bytes) -> None:
    """Raise `ArchiveTooLarge` when the ZIP archive `data` has too many parts or expands too far."""
    if not data.startswith(b"PK"):
        return
    max_parts = settings.UPLOAD_MAX_ARCHIVE_MEMBERS
    max_bytes = settings.UPLOAD_MAX_EXPANDED_BYTES
    parts = _declared_parts(data)
    if parts is not None and parts > max_parts:
        raise _too_many(parts, max_parts)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError):
        return  # not a readable archive: its reader refuses it with a message of its own
    if len(members) > max_parts:
        raise _too_many(len(members), max_parts)
    expanded = sum(member.file_size for member in members)
    if expanded > max_bytes:
        raise ArchiveTooLarge(
            _(
                "Filen blir %(size)s MB när den packas upp; högst %(max)s MB tillåts, så den läses inte. "
                "Dela upp innehållet i mindre filer, eller ta bort bilder och inbäddade objekt."
            )
            % {"size": _megabytes(expanded), "max": _megabytes(max_bytes)}
        )


def check_upload(upload: IO[bytes]) -> None:
    """`check_expanded_size` for an uploaded file, which is left at its start."""
    upload.seek(0)
    try:
        check_expanded_size(upload.read())
    finally:
        upload.seek(0)
