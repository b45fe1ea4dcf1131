from __future__ import annotations

import pytest
from django.conf import settings


@pytest.fixture
def rates(db):
    """The kinds and rates of refdata/statecomp/, as `manage.py load_statecomp_rates` loads them."""
    from samverkan.statecomp.models import CompensationKind
    from samverkan.statecomp.services import load_rates

    load_rates(settings.BASE_DIR / "refdata")
    return {k.code: k for k in CompensationKind.objects.all()}


@pytest.fixture
def huddinge(db):
    from samverkan.organisations.models import Organisation

    return Organisation.objects.get(scb_code="0126")


@pytest.fixture
def nacka(db):
    from samverkan.organisations.models import Organisation

    return Organisation.objects.get(scb_code="0182")


@pytest.fixture
def received(db):
    """`received(municipality, on, birth, first_name=..., protected=...)`: a participant of the exchange."""
    import itertools

    from samverkan.exchange.services import register_participant
    from samverkan.lib.identity import make

    serial = itertools.count(500)

    def create(municipality, on, birth, **fields):
        values = {"first_name": "Amina", "last_name": "Hassan", "residence_status": "refugee"}
        values.update(fields)
        return register_participant(
            actor=None,
            identity_number=make(birth, next(serial)).formatted,
            home_municipality=municipality,
            reception_date=on,
            **values,
        )

    return create
