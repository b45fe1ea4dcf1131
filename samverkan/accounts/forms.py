from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class LoginForm(forms.Form):
    username = forms.CharField(
        label=_("Användarnamn"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Lösenord"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Vad nyckeln används till"),
        max_length=100,
        help_text=_("Till exempel ”Verksamhetssystemet Procapita”."),
    )
    valid_days = forms.IntegerField(
        label=_("Giltig antal dagar"), min_value=1, max_value=365, initial=90, help_text=_("Högst 365 dagar.")
    )
