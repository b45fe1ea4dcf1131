"""Operations on accounts: logging in with lock-out, API tokens, creating people."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.auth import authenticate
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from samverkan.accounts import signals
from samverkan.accounts.models import APIToken, LoginAttempt, User
from samverkan.accounts.roles import Role
from samverkan.organisations.models import Organisation

# Failures from one address, over every user name, before the address is throttled too.
IP_FAILURE_LIMIT = 50


class LockedOut(Exception):
    """Too many failed attempts: the account (or the address) is locked for a while."""


def client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def _window_start() -> dt.datetime:
    return timezone.now() - dt.timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)


def recent_failures(username: str) -> int:
    """Failures since the last success, within the lock-out window."""
    attempts = LoginAttempt.objects.filter(username=username.lower(), at__gte=_window_start())
    last_success = attempts.filter(succeeded=True).order_by("-at").values_list("at", flat=True).first()
    failures = attempts.filter(succeeded=False)
    if last_success:
        failures = failures.filter(at__gt=last_success)
    return failures.count()


def is_locked_out(username: str, ip: str | None = None) -> bool:
    if recent_failures(username) >= settings.LOGIN_FAILURE_LIMIT:
        return True
    if ip:
        ip_failures = LoginAttempt.objects.filter(ip=ip, succeeded=False, at__gte=_window_start()).count()
        return ip_failures >= IP_FAILURE_LIMIT
    return False


def attempt_login(request: HttpRequest, username: str, password: str) -> User | None:
    """Check the password unless the account is locked; record the attempt.

    Raises LockedOut when the limit is reached; the attempt that reaches it is
    announced once, so the audit log shows when the lock-out began.
    """
    ip = client_ip(request)
    if is_locked_out(username, ip):
        LoginAttempt.objects.create(username=username.lower(), succeeded=False, ip=ip)
        raise LockedOut
    user = authenticate(request, username=username, password=password)
    LoginAttempt.objects.create(username=username.lower(), succeeded=user is not None, ip=ip)
    if user is None and recent_failures(username) >= settings.LOGIN_FAILURE_LIMIT:
        signals.login_locked_out.send(sender=User, username=username, ip=ip)
        raise LockedOut
    return user


def issue_token(actor: User, name: str, expires_at: dt.datetime | None = None) -> tuple[APIToken, str]:
    with transaction.atomic():
        token, key = APIToken.issue(actor, name, expires_at)
        signals.api_token_changed.send(sender=APIToken, actor=actor, token=token, action="created")
    return token, key


def revoke_token(actor: User, token: APIToken) -> None:
    with transaction.atomic():
        token = APIToken.objects.select_for_update().get(pk=token.pk)
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
            signals.api_token_changed.send(sender=APIToken, actor=actor, token=token, action="revoked")


def create_user(
    *,
    actor: User | None,
    username: str,
    organisation: Organisation,
    role: Role | str,
    password: str | None,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    title: str = "",
    may_see_protected: bool = False,
) -> User:
    """Create a person with a role. Without a password the person logs in by single sign-on only."""
    with transaction.atomic():
        user = User(
            username=username,
            organisation=organisation,
            role=role,
            first_name=first_name,
            last_name=last_name,
            email=email,
            title=title,
            may_see_protected=may_see_protected,
        )
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.full_clean(exclude=["password"])
        user.save()
        signals.account_changed.send(
            sender=User, actor=actor, user=user, action="created", before=None, after=account_snapshot(user)
        )
    return user


def account_snapshot(user: User) -> dict[str, Any]:
    return {
        "username": user.username,
        "organisation": user.organisation.code if user.organisation else None,
        "role": user.role,
        "may_see_protected": user.may_see_protected,
        "is_active": user.is_active,
    }
