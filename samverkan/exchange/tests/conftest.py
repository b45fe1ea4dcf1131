"""Rows the exchange tests share: a Botkyrka course, a Huddinge resident placed in it."""

from __future__ import annotations

import datetime as dt

import pytest

from samverkan.lib.identity import make


@pytest.fixture
def org(db):
    from samverkan.organisations.models import Organisation

    def get(code: str) -> Organisation:
        return Organisation.objects.get(code=code)

    return get


@pytest.fixture
def new_service(org):
    from samverkan.exchange.models import Service, ServicePrice

    def create(provider: str = "0127", **fields) -> Service:
        values = {
            "name": "Sfi för yrkesförare",
            "category": Service.Category.SFI,
            "price_model": Service.PriceModel.MONTH,
            "capacity": 10,
            "languages": ",ar,so,sv,",
            "published": True,
        }
        values.update(fields)
        service = Service.objects.create(provider=org(provider), **values)
        ServicePrice.objects.create(service=service, valid_from=dt.date(2020, 1, 1), amount_ore=450_000)
        return service

    return create


_serial = iter(range(100, 999))


@pytest.fixture
def new_participant(org):
    from samverkan.exchange.services import register_participant

    def create(home: str = "0126", *, birth=dt.date(1990, 5, 17), protected=False, **fields):
        values = {
            "first_name": "Amina",
            "last_name": "Hassan",
            "reception_date": dt.date(2024, 1, 10),
            "residence_status": "refugee",
        }
        values.update(fields)
        return register_participant(
            actor=None,
            identity_number=make(birth, next(_serial)).formatted,
            home_municipality=org(home),
            protected=protected,
            **values,
        )

    return create


@pytest.fixture
def botkyrka_course(new_service):
    return new_service()


@pytest.fixture
def amina(new_participant):
    return new_participant()


@pytest.fixture
def placement(amina, botkyrka_course):
    """Amina of Huddinge, accepted in Botkyrka's course from 2025-01-15."""
    from samverkan.exchange.services import accept_placement, request_placement

    p = request_placement(actor=None, participant=amina, service=botkyrka_course, start=dt.date(2025, 1, 15))
    return accept_placement(actor=None, placement=p)


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
