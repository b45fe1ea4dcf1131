from __future__ import annotations

import datetime as dt

import pytest


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def demo(db):
    """The demo agreement and the 2013 round with the five answers of the source documents."""
    from samverkan.accounts.models import User
    from samverkan.agreements import demo as agreements_demo
    from samverkan.core.demo import DemoContext

    ctx = DemoContext(today=dt.date(2014, 1, 15))
    ctx.users = {u.username: u for u in User.objects.all()}
    agreements_demo.load(ctx)
    return ctx.objects["round_2013"]


@pytest.fixture
def response_of(demo):
    def get(code: str):
        return demo.responses.select_related("organisation", "round").get(organisation__code=code)

    return get
