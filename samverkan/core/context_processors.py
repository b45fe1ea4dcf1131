from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from samverkan.core import navigation


def shell(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    return {
        "nav_items": navigation.items_for(user, request.path),
        "oidc_enabled": settings.OIDC_ENABLED,
        "service_name": "Samverkan",
    }
