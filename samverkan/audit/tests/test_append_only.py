import pytest
from django.db import DatabaseError, connection, transaction

from samverkan.audit.models import AppendOnlyError, AuditEvent
from samverkan.audit.services import record


def test_an_event_cannot_be_changed_or_deleted_through_the_model(person):
    event = record(actor=person("cecilia"), action="test.done", obj=person("anna"))
    event.action = "test.undone"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(action="x")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).delete()


def test_the_database_refuses_raw_updates_and_deletes(person):
    event = record(actor=person("cecilia"), action="test.done")
    for sql in ("UPDATE audit_auditevent SET action = 'x' WHERE id = %s", "DELETE FROM audit_auditevent WHERE id = %s"):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).action == "test.done"


def test_an_event_records_who_what_and_the_organisation(person):
    anna = person("anna")
    event = record(
        actor=person("hanna"),
        action="accounts.user_changed",
        obj=anna,
        organisation=anna.organisation,
        before={"role": "case_officer"},
        after={"role": "municipal_coordinator"},
    )
    assert event.actor_label == "hanna"
    assert event.object_type == "accounts.user" and event.object_id == str(anna.pk)
    assert event.organisation.scb_code == "0126"
    assert event.before == {"role": "case_officer"}
