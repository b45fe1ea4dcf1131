"""lib/archives: a ZIP archive's parts and expanded size are bounded before anything reads it."""

from __future__ import annotations

import io
import zipfile

import pytest

from samverkan.lib import archives

MB = 1024 * 1024


def bomb(expanded_mb: int, *, name: str = "word/document.xml") -> bytes:
    """A real zip bomb: one part of zeros, about a thousandth of its size compressed."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open(name, "w", force_zip64=True) as part:
            for _ in range(expanded_mb):
                part.write(b"\0" * MB)
    return buffer.getvalue()


def many_parts(count: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for i in range(count):
            archive.writestr(f"xl/p{i}.xml", "")
    return buffer.getvalue()


def test_a_zip_bomb_is_refused_at_the_default_limit_in_swedish():
    data = bomb(256)
    assert len(data) < MB // 2  # a quarter of a gigabyte in a few hundred kilobytes
    with pytest.raises(archives.ArchiveTooLarge, match=r"Filen blir 256 MB när den packas upp; högst 200 MB"):
        archives.check_expanded_size(data)


def test_the_limit_comes_from_the_settings(settings):
    settings.UPLOAD_MAX_EXPANDED_BYTES = 4 * MB
    archives.check_expanded_size(bomb(3))
    with pytest.raises(archives.ArchiveTooLarge, match="högst 4 MB"):
        archives.check_expanded_size(bomb(5))


def test_too_many_parts_are_refused_before_the_directory_is_read(settings, monkeypatch):
    settings.UPLOAD_MAX_ARCHIVE_MEMBERS = 50
    archives.check_expanded_size(many_parts(50))
    data = many_parts(51)

    def no_directory(*args, **kwargs):
        raise AssertionError("the directory was read")

    monkeypatch.setattr(zipfile, "ZipFile", no_directory)  # the end record alone decides
    with pytest.raises(archives.ArchiveTooLarge, match=r"för många delar \(51; högst 50"):
        archives.check_expanded_size(data)


def test_a_zip64_archive_is_counted_from_its_zip64_end_record(settings):
    settings.UPLOAD_MAX_ARCHIVE_MEMBERS = 70_000
    data = many_parts(65_536)  # more than the plain end record can count: ZIP64
    assert archives._declared_parts(data) == 65_536
    settings.UPLOAD_MAX_ARCHIVE_MEMBERS = 65_535
    with pytest.raises(archives.ArchiveTooLarge, match="65536"):
        archives.check_expanded_size(data)


def test_real_office_files_and_other_data_pass():
    import docx
    from openpyxl import Workbook

    out = io.BytesIO()
    docx.Document().save(out)
    archives.check_expanded_size(out.getvalue())
    out = io.BytesIO()
    Workbook().save(out)
    archives.check_expanded_size(out.getvalue())
    archives.check_expanded_size(b"%PDF-1.7 ...")
    archives.check_expanded_size(b"PK\x03\x04 but broken")  # its reader says it is damaged


def test_a_part_that_lies_about_its_size_is_never_expanded_beyond_it():
    # Why the declared sizes are enough: Python's reader (python-docx's, openpyxl's) stops at them.
    data = bytearray(bomb(8))
    directory = bytes(data).rfind(b"PK\x01\x02")  # the bomb part's entry, the last one
    data[directory + 24 : directory + 28] = (1024).to_bytes(4, "little")  # declares 1 kB, holds 8 MB
    archives.check_expanded_size(bytes(data))  # passes the check …
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive, pytest.raises(zipfile.BadZipFile):
        archive.read("word/document.xml")  # … and is refused by the reader after 1 kB
