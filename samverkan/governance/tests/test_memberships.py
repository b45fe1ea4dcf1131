import datetime as dt

import pytest

from samverkan.audit.models import AuditEvent
from samverkan.governance import services
from samverkan.governance.models import Membership
from samverkan.governance.services import GovernanceError
from samverkan.organisations.models import Organisation


def _org(code):
    return Organisation.objects.get(code=code)


def test_members_change_over_time(steering_group, person):
    a = services.add_membership(
        actor=person("cecilia"),
        body=steering_group,
        person_name="Förvaltningschef A",
        organisation=_org("0126"),
        position="chair",
        valid_from=dt.date(2013, 1, 1),
        valid_to=dt.date(2013, 12, 31),
    )
    services.add_membership(
        actor=person("cecilia"),
        body=steering_group,
        person_name="Förvaltningschef B",
        organisation=_org("0127"),
        position="chair",
        valid_from=dt.date(2014, 1, 1),
    )
    on = lambda day: [m.person_name for m in steering_group.memberships.active_on(day)]  # noqa: E731
    assert on(dt.date(2013, 6, 1)) == ["Förvaltningschef A"]
    assert on(dt.date(2014, 6, 1)) == ["Förvaltningschef B"]
    assert AuditEvent.objects.filter(action="governance.membership.add", object_id=str(a.pk)).exists()


def test_a_second_chair_for_the_same_term_is_refused(steering_group, person):
    services.add_membership(
        actor=person("cecilia"),
        body=steering_group,
        person_name="A",
        organisation=_org("0126"),
        position="chair",
        valid_from=dt.date(2013, 1, 1),
    )
    with pytest.raises(GovernanceError, match="har redan ordförande"):
        services.add_membership(
            actor=person("cecilia"),
            body=steering_group,
            person_name="B",
            organisation=_org("0127"),
            position="chair",
            valid_from=dt.date(2013, 6, 1),
        )
    assert Membership.objects.count() == 1


def test_a_term_cannot_end_before_it_begins(steering_group, person):
    with pytest.raises(GovernanceError, match="sluta innan"):
        services.add_membership(
            actor=person("cecilia"),
            body=steering_group,
            person_name="A",
            organisation=_org("0126"),
            position="member",
            valid_from=dt.date(2013, 6, 1),
            valid_to=dt.date(2013, 1, 1),
        )
