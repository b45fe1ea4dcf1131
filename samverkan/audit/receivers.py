"""Audit of what the apps below `audit` announce (see accounts.signals).

Authentication events come from Django's auth signals; account and token
changes and reference-data loads from the signals of accounts and organisations.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

from samverkan.accounts import signals as account_signals
from samverkan.audit.services import record
from samverkan.organisations import signals as organisation_signals


def _ip(request: Any) -> Any:
    return request if request is not None and hasattr(request, "META") else None


def on_logged_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    record(actor=user, action="accounts.logged_in", obj=user, organisation=user.organisation, request=_ip(request))


def on_logged_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        record(actor=user, action="accounts.logged_out", obj=user, organisation=user.organisation, request=_ip(request))


def on_login_failed(sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any) -> None:
    # Django has already replaced the password with stars in `credentials`.
    record(
        actor=None,
        action="accounts.login_failed",
        request=_ip(request),
        object_repr=str(credentials.get("username", ""))[:150],
    )


def on_locked_out(sender: Any, username: str, ip: str | None, **kwargs: Any) -> None:
    from samverkan.accounts.models import User

    user = User.objects.filter(username__iexact=username).first()
    record(
        actor=None,
        action="accounts.locked_out",
        obj=user,
        organisation=user.organisation if user else None,
        object_repr=username[:150],
        after={"ip": ip},
    )


def on_account_changed(sender: Any, actor: Any, user: Any, action: str, before: Any, after: Any, **kwargs: Any) -> None:
    record(
        actor=actor,
        action=f"accounts.user_{action}",
        obj=user,
        organisation=user.organisation,
        before=before,
        after=after,
    )


def on_token_changed(sender: Any, actor: Any, token: Any, action: str, **kwargs: Any) -> None:
    record(
        actor=actor,
        action=f"accounts.api_token_{action}",
        obj=token,
        organisation=token.user.organisation,
        after={"name": token.name, "prefix": token.prefix},
    )


def on_reference_data_loaded(sender: Any, report: Any, **kwargs: Any) -> None:
    record(
        actor=None,
        action="organisations.reference_data_loaded",
        after=report.summary(),
        object_repr=f"Referensdata, län {report.county}",
    )


def connect() -> None:
    user_logged_in.connect(on_logged_in, dispatch_uid="audit.logged_in")
    user_logged_out.connect(on_logged_out, dispatch_uid="audit.logged_out")
    user_login_failed.connect(on_login_failed, dispatch_uid="audit.login_failed")
    account_signals.login_locked_out.connect(on_locked_out, dispatch_uid="audit.locked_out")
    account_signals.account_changed.connect(on_account_changed, dispatch_uid="audit.account_changed")
    account_signals.api_token_changed.connect(on_token_changed, dispatch_uid="audit.token_changed")
    organisation_signals.reference_data_loaded.connect(on_reference_data_loaded, dispatch_uid="audit.refdata")
