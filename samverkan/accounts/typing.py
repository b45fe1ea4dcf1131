"""Types for views behind the login: `request.user` is then a `User`."""

from django.http import HttpRequest

from samverkan.accounts.models import User


class AuthenticatedRequest(HttpRequest):
    user: User  # type: ignore[assignment]
