"""The one gate for tenancy.

Every model holding tenant-owned rows gets a queryset deriving from
`TenantQuerySet` and implements `visible_to(user)` (what the user may read) and
`writable_by(user)` (what the user may change). Views fetch single objects
through `get_object_for`, never by filtering on organisation by hand.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404

from samverkan.accounts.roles import may_write

M = TypeVar("M", bound=models.Model)


class TenantQuerySet(models.QuerySet[M]):
    def visible_to(self, user: Any) -> TenantQuerySet[M]:
        raise NotImplementedError(f"{self.model.__name__} must define visible_to(user)")

    def writable_by(self, user: Any) -> TenantQuerySet[M]:
        """By default what one may see one may change, unless one only reads (auditors)."""
        if not may_write(user):
            return self.none()
        return self.visible_to(user)


def get_object_for(
    user: Any, model: type[M] | models.QuerySet[M], pk: Any = None, *, write: bool = False, **lookup: Any
) -> M:
    """Fetch one object through the gate.

    404 when the user may not see it (so its existence is not revealed), 403
    when the user may see it but not change it.
    """
    queryset = model if isinstance(model, models.QuerySet) else model._default_manager.all()
    if pk is not None:
        lookup["pk"] = pk
    visible = queryset.visible_to(user)  # type: ignore[attr-defined]
    try:
        obj = visible.get(**lookup)
    except (visible.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
    if write and not queryset.writable_by(user).filter(pk=obj.pk).exists():  # type: ignore[attr-defined]
        raise PermissionDenied
    return obj
