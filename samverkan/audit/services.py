"""Writing audit events. Every service that changes data calls `record`;
every view or API operation that shows personal data calls `record_read`."""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from collections.abc import Iterable
from typing import Any

from django.db import models
from django.http import HttpRequest

from samverkan.audit.models import AuditEvent
from samverkan.organisations.models import Organisation


def _json_safe(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_json_safe(v) for v in value]
    return value


def snapshot(obj: models.Model, fields: Iterable[str] | None = None, *, exclude: Iterable[str] = ()) -> dict[str, Any]:
    """The object's concrete field values, JSON-safe, for `before` and `after`.

    Encrypted or secret fields must be listed in `exclude`: the audit log is
    read by coordinators and must never hold an identity number.
    """
    excluded = set(exclude)
    names = list(fields) if fields is not None else [f.attname for f in obj._meta.concrete_fields]
    return {name: _json_safe(getattr(obj, name)) for name in names if name not in excluded}


def _organisation_of(obj: models.Model | None) -> Organisation | None:
    if obj is None:
        return None
    if isinstance(obj, Organisation):
        return obj
    owner = getattr(obj, "audit_organisation", None)
    if callable(owner):
        owner = owner()
    if isinstance(owner, Organisation):
        return owner
    org = getattr(obj, "organisation", None)
    return org if isinstance(org, Organisation) else None


def record(
    *,
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    organisation: Organisation | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    personal_data: bool = False,
    request: HttpRequest | None = None,
    object_repr: str | None = None,
) -> AuditEvent:
    """Append one event. Call it inside the service's transaction, so the
    event and the change are written together or not at all."""
    actor_obj = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEvent.objects.create(
        actor=actor_obj,
        actor_label=(actor_obj.get_username() if actor_obj else "system")[:200],
        organisation=organisation or _organisation_of(obj),
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        object_repr=(object_repr if object_repr is not None else (str(obj) if obj is not None else ""))[:300],
        before=_json_safe(before) if before is not None else None,
        after=_json_safe(after) if after is not None else None,
        personal_data=personal_data,
        ip=request.META.get("REMOTE_ADDR") if request is not None else None,
    )


def record_read(
    *,
    actor: Any,
    obj: models.Model,
    what: str,
    request: HttpRequest | None = None,
    organisation: Organisation | None = None,
    object_repr: str | None = None,
) -> AuditEvent:
    """A read of personal data: who looked at whose data, and which part (`what`)."""
    return record(
        actor=actor,
        action=f"read.{what}",
        obj=obj,
        organisation=organisation,
        personal_data=True,
        request=request,
        object_repr=object_repr,
    )
