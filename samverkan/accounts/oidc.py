"""Single sign-on with a municipality's own OpenID Connect provider.

A person logs in with the provider, but gets their role and organisation from
a coordinator here: the account must already exist, matched by e-mail.
"""

from __future__ import annotations

from typing import Any

from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from samverkan.accounts.models import User


class SamverkanOIDCBackend(OIDCAuthenticationBackend):
    def filter_users_by_claims(self, claims: dict[str, Any]):
        email = (claims.get("email") or "").strip()
        if not email:
            return self.UserModel.objects.none()
        return self.UserModel.objects.filter(email__iexact=email, is_active=True)

    def create_user(self, claims: dict[str, Any]) -> User | None:  # pragma: no cover - disabled by setting
        return None

    def update_user(self, user: User, claims: dict[str, Any]) -> User:
        return user
