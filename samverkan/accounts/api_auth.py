"""Authentication of API calls: a bearer token for machine clients, or the session."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from samverkan.accounts.models import APIToken


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        try:
            api_token = APIToken.objects.select_related("user", "user__organisation").get(key_hash=APIToken.hash(token))
        except APIToken.DoesNotExist:
            return None
        if not api_token.is_active or not api_token.user.is_active:
            return None
        now = timezone.now()
        if api_token.last_used_at is None or (now - api_token.last_used_at).total_seconds() > 60:
            # At most one write a minute per token, not one per call.
            APIToken.objects.filter(pk=api_token.pk).update(last_used_at=now)
        request.user = api_token.user
        return api_token.user
