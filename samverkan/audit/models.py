from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverkan.accounts.roles import Role, is_regional
from samverkan.accounts.tenancy import TenantQuerySet
from samverkan.organisations.models import Organisation


class AppendOnlyError(Exception):
    pass


class AuditEventQuerySet(TenantQuerySet["AuditEvent"]):
    def visible_to(self, user: Any) -> AuditEventQuerySet:
        role = getattr(user, "role", None) if getattr(user, "is_authenticated", False) else None
        if role is None:
            return self.none()
        if role == Role.REGIONAL_COORDINATOR or (role == Role.AUDITOR and is_regional(user)):
            return self
        if role in (Role.MUNICIPAL_COORDINATOR, Role.AUDITOR):
            return self.filter(organisation_id__in=user.scope_organisation_ids)
        return self.none()

    def writable_by(self, user: Any) -> AuditEventQuerySet:
        return self.none()

    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("audit events are never changed")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("audit events are never deleted")


class AuditEvent(models.Model):
    """Who did what, when, to which object of which organisation; before and after.

    Append-only: the model refuses updates and deletes, and database triggers
    (migration 0002) refuse them for anyone going around the model.
    """

    at = models.DateTimeField(_("tidpunkt"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("av"),
    )
    actor_label = models.CharField(_("av"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("organisation")
    )
    action = models.CharField(_("händelse"), max_length=100, db_index=True)
    object_type = models.CharField(_("objekttyp"), max_length=100, blank=True)
    object_id = models.CharField(_("objekt-id"), max_length=64, blank=True)
    object_repr = models.CharField(_("objekt"), max_length=300, blank=True)
    before = models.JSONField(_("före"), null=True, blank=True)
    after = models.JSONField(_("efter"), null=True, blank=True)
    personal_data = models.BooleanField(
        _("personuppgifter"), default=False, help_text=_("Händelsen läste eller ändrade personuppgifter.")
    )
    ip = models.GenericIPAddressField(null=True, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("logghändelse")
        verbose_name_plural = _("logghändelser")
        indexes = [
            models.Index(fields=["organisation", "-at"], name="audit_org_at"),
            models.Index(fields=["object_type", "object_id"], name="audit_object"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(action=""), name="audit_action_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("audit events are never changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise AppendOnlyError("audit events are never deleted")
