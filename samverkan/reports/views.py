from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from samverkan.accounts.roles import ROLE_DESCRIPTIONS
from samverkan.core import navigation, startpage


def home(request: HttpRequest) -> HttpResponse:
    """The start page: a public welcome, or the user's own page for their role."""
    if not request.user.is_authenticated:
        return render(request, "reports/welcome.html")
    return render(
        request,
        "reports/home.html",
        {
            "role_description": ROLE_DESCRIPTIONS.get(request.user.role, ""),
            "panels": startpage.panels_for(request),
            "shortcuts": [item for item in navigation.items_for(request.user) if item["url"] != "/"],
        },
    )
