from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from samverkan.agreements import compilation as comp
from samverkan.agreements import services
from samverkan.agreements.services import AgreementError
from samverkan.audit.models import AuditEvent


def test_ekero_has_its_own_deadline_after_the_extension(response_of):
    ekero = response_of("0125")
    assert ekero.round.deadline == dt.date(2013, 11, 15)
    assert ekero.deadline == dt.date(2013, 12, 19)
    assert not ekero.is_late(dt.date(2013, 12, 19))
    assert ekero.is_late(dt.date(2013, 12, 20))
    assert AuditEvent.objects.filter(action="agreement.response.extend", object_id=str(ekero.pk)).exists()


def test_the_coordinator_grants_an_extension_on_the_page(response_of, client_for):
    danderyd = response_of("0162")
    with time_machine.travel(dt.datetime(2013, 11, 12, 10, 0), tick=False):
        response = client_for("cecilia").post(
            f"/overenskommelser/remissvar/{danderyd.pk}/anstand/",
            {"deadline": "2013-12-12", "reason": "Fullmäktige sammanträder i december"},
        )
    assert response.status_code == 302
    danderyd.refresh_from_db()
    assert (danderyd.extended_deadline, danderyd.extension_granted_on) == (dt.date(2013, 12, 12), dt.date(2013, 11, 12))


@pytest.mark.parametrize(
    ("deadline", "message"),
    [
        (dt.date(2013, 11, 14), "efter remissens sista svarsdag"),
        (dt.date(2013, 12, 25), "Juldagen"),
        (dt.date(2013, 11, 30), "lördag eller söndag"),
    ],
)
def test_an_extension_must_be_a_later_working_day(response_of, deadline, message):
    with pytest.raises(AgreementError, match=message):
        services.grant_extension(actor=None, response=response_of("0162"), deadline=deadline, reason="x")


def test_an_organisation_that_has_answered_needs_no_extension(response_of):
    with pytest.raises(AgreementError, match="redan svarat"):
        services.grant_extension(
            actor=None, response=response_of("sdn-hagersten-liljeholmen"), deadline=dt.date(2013, 12, 19), reason="x"
        )


def test_due_soon_and_late_respect_working_days(demo):
    # On 2013-12-09 the round's deadline has passed; Ekerö's extended one is 8 working days away.
    c = comp.build(demo, dt.date(2013, 12, 9))
    due = [(row.organisation.name, row.working_days_left) for row in c.due_soon]
    assert due == [("Ekerö", 8)]
    late = {row.organisation.name for row in c.late}
    assert "Ekerö" not in late and "Danderyd" in late and "Huddinge" in late
    assert "Hägersten-Liljeholmens stadsdelsnämnd" not in late
