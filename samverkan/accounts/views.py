from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LogoutView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_POST

from samverkan.accounts import services
from samverkan.accounts.decorators import role_required
from samverkan.accounts.forms import LoginForm, TokenForm
from samverkan.accounts.models import APIToken
from samverkan.accounts.roles import ROLE_DESCRIPTIONS
from samverkan.accounts.tenancy import get_object_for
from samverkan.accounts.typing import AuthenticatedRequest


@never_cache
@csrf_protect
def login_view(request: HttpRequest) -> HttpResponse:
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, require_https=request.is_secure()):
        next_url = ""
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.attempt_login(request, form.cleaned_data["username"], form.cleaned_data["password"])
        except services.LockedOut:
            form.add_error(
                None,
                _(
                    "För många misslyckade inloggningar. Kontot är låst en stund; "
                    "försök igen om 15 minuter eller kontakta din samordnare."
                ),
            )
        else:
            if user is None:
                form.add_error(None, _("Användarnamnet eller lösenordet är fel."))
            else:
                login(request, user)
                return redirect(next_url or "reports:home")
    return render(
        request, "accounts/login.html", {"form": form, "next": next_url}, status=200 if not form.errors else 400
    )


class SamverkanLogoutView(LogoutView):
    http_method_names = ["post", "options"]


def _profile_page(request: AuthenticatedRequest, token_form: TokenForm, status: int = 200) -> HttpResponse:
    return render(
        request,
        "accounts/profile.html",
        {
            "role_description": ROLE_DESCRIPTIONS.get(request.user.role, ""),
            "tokens": APIToken.objects.visible_to(request.user)[:50],
            "token_form": token_form,
        },
        status=status,
    )


@login_required
def profile(request: AuthenticatedRequest) -> HttpResponse:
    return _profile_page(request, TokenForm())


@require_POST
@role_required(write=True)
def token_create(request: AuthenticatedRequest) -> HttpResponse:
    form = TokenForm(request.POST)
    if not form.is_valid():
        return _profile_page(request, form, status=400)
    expires = timezone.now() + dt.timedelta(days=form.cleaned_data["valid_days"])
    token, key = services.issue_token(request.user, form.cleaned_data["name"], expires)
    # The key is shown once, on this response only; it is never stored in clear.
    return render(request, "accounts/token_created.html", {"token": token, "key": key})


@require_POST
@role_required(write=True)
def token_revoke(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    token = get_object_for(request.user, APIToken, pk, write=True)
    services.revoke_token(request.user, token)
    messages.success(request, _("API-nyckeln är återkallad."))
    return redirect("accounts:profile")
