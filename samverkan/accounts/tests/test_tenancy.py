import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from samverkan.accounts.models import APIToken
from samverkan.accounts.tenancy import get_object_for


def test_the_gate_hides_other_peoples_objects_as_not_found(person):
    token, _ = APIToken.issue(person("anna"), "Annas system")
    assert get_object_for(person("anna"), APIToken, token.pk) == token
    with pytest.raises(Http404):
        get_object_for(person("eve"), APIToken, token.pk)


def test_the_gate_refuses_writes_by_a_reader(person):
    token, _ = APIToken.issue(person("maja"), "Majas granskning")
    assert get_object_for(person("maja"), APIToken, token.pk) == token
    with pytest.raises(PermissionDenied):
        get_object_for(person("maja"), APIToken, token.pk, write=True)


def test_a_garbage_id_is_not_found(person):
    with pytest.raises(Http404):
        get_object_for(person("anna"), APIToken, "not-a-number")


def test_a_municipal_scope_includes_its_districts(person):
    olof = person("olof")  # Stockholm city
    assert len(olof.scope_organisation_ids) == 1 + olof.organisation.children.count()
    assert person("karin").scope_organisation_ids == {person("karin").organisation_id}
