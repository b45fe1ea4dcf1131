"""Fixtures of the settlement tests; the county itself is built in builders.py."""

from __future__ import annotations

import pytest

from .builders import OCTOBER, SEPTEMBER, County, build_county, expected_sfi, lock

__all__ = ["OCTOBER", "SEPTEMBER", "County", "expected_sfi", "lock"]


@pytest.fixture(autouse=True)
def _immediate_tasks(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def county(db) -> County:
    return build_county()
