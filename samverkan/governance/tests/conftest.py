import datetime as dt

import pytest
from django.utils import timezone


@pytest.fixture
def steering_group(db):
    from samverkan.governance.models import Body
    from samverkan.organisations.models import County

    return Body.objects.create(county=County.objects.get(code="01"), kind=Body.Kind.STEERING_GROUP, name="Styrgruppen")


@pytest.fixture
def meeting(steering_group, person):
    from samverkan.governance import services

    start = timezone.make_aware(dt.datetime(2013, 9, 12, 13, 0))
    return services.save_meeting(
        actor=person("cecilia"),
        body=steering_group,
        title="Styrgruppsmöte",
        kind="meeting",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        location="KSL, Löjtnantsgatan 9, Stockholm",
    )
