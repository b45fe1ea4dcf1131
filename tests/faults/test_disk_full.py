"""The disk fills up while an upload is stored: nothing half-written, and the retry stores it whole.

The disk is not really filled (the machine is shared): the operating system's
answer is simulated at the lowest level Django uses, the file object that
FileSystemStorage writes to, which accepts a few bytes and then raises ENOSPC.
"""

from __future__ import annotations

import errno
import hashlib
import os

import pytest

from samverkan.documents import services
from samverkan.documents.models import Document
from samverkan.documents.tests import builders


class FullDisk:
    def __init__(self, real, room: int):
        self.real, self.room = real, room

    def write(self, chunk):
        if len(chunk) > self.room:
            self.real.write(chunk[: self.room])
            self.room = 0
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        self.room -= len(chunk)
        return self.real.write(chunk)

    def __getattr__(self, name):
        return getattr(self.real, name)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def files_in(root):
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_a_full_disk_leaves_no_document_and_no_partial_file_and_the_retry_stores_it_whole(
    db, person, media, monkeypatch
):
    hanna = person("hanna")
    data = builders.seed(builders.HUDDINGE).encode()
    real_fdopen = os.fdopen
    monkeypatch.setattr(os, "fdopen", lambda fd, mode="r", *a, **k: FullDisk(real_fdopen(fd, mode, *a, **k), 100))

    with pytest.raises(OSError) as full:
        services.receive(actor=hanna, organisation=hanna.organisation, name="yttrande.txt", data=data)
    assert full.value.errno == errno.ENOSPC
    assert Document.objects.count() == 0
    assert files_in(media) == [], "a truncated file was left behind"

    monkeypatch.setattr(os, "fdopen", real_fdopen)
    document = services.receive(actor=hanna, organisation=hanna.organisation, name="yttrande.txt", data=data)
    with document.file.open("rb") as stored:
        assert hashlib.sha256(stored.read()).hexdigest() == hashlib.sha256(data).hexdigest() == document.sha256
