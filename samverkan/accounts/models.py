from __future__ import annotations

import hashlib
import secrets
from functools import cached_property

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverkan.accounts.roles import Role
from samverkan.accounts.tenancy import TenantQuerySet
from samverkan.organisations.models import Organisation


class User(AbstractUser):
    """A person with one role in one organisation."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("roll"), max_length=30, choices=Role.choices, blank=True)
    title = models.CharField(_("befattning"), max_length=120, blank=True)
    may_see_protected = models.BooleanField(
        _("behörig för skyddade personuppgifter"),
        default=False,
        help_text=_("Får se personer med skyddade personuppgifter i den egna kommunen."),
    )

    class Meta:
        verbose_name = _("användare")
        verbose_name_plural = _("användare")
        constraints = [
            models.CheckConstraint(
                condition=Q(role="") | Q(organisation__isnull=False),
                name="user_role_needs_organisation",
                violation_error_message=_("En roll hör alltid till en organisation."),
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def municipality(self) -> Organisation | None:
        return self.organisation.municipality if self.organisation else None

    @cached_property
    def scope_organisation_ids(self) -> frozenset[int]:
        """The organisation itself, and for a municipality also its districts."""
        if not self.organisation_id:
            return frozenset()
        ids = {self.organisation_id}
        if self.organisation and self.organisation.kind == Organisation.Kind.MUNICIPALITY:
            ids.update(self.organisation.children.values_list("id", flat=True))
        return frozenset(ids)


class LoginAttempt(models.Model):
    """Every login attempt, for the lock-out after repeated failures."""

    username = models.CharField(max_length=150, db_index=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)
    succeeded = models.BooleanField()
    ip = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["ip", "at"], name="loginattempt_ip_at")]

    def __str__(self) -> str:
        return f"{self.username} {self.at:%Y-%m-%d %H:%M} {'ok' if self.succeeded else 'fel'}"


class APITokenQuerySet(TenantQuerySet["APIToken"]):
    def visible_to(self, user) -> APITokenQuerySet:
        # A token is its owner's alone.
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(user=user)


class APIToken(models.Model):
    """A token for a municipality's own system. Only its hash is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("namn"), max_length=100)
    prefix = models.CharField(max_length=12, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(_("giltig till"), null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = APITokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API-nyckel")
        verbose_name_plural = _("API-nycklar")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @classmethod
    def issue(cls, user: User, name: str, expires_at=None) -> tuple[APIToken, str]:
        key = "sv_" + secrets.token_urlsafe(32)
        token = cls.objects.create(user=user, name=name, prefix=key[:10], key_hash=cls.hash(key), expires_at=expires_at)
        return token, key

    @property
    def is_active(self) -> bool:
        now = timezone.now()
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)
