from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from samverkan.core.forms import LongSelect
from samverkan.organisations.models import Organisation


class EventSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Sök"), required=False, max_length=100, help_text=_("Händelse, objekt eller användarnamn.")
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        required=False,
        queryset=Organisation.objects.none(),
        empty_label=_("Alla"),
        widget=LongSelect,
    )
    personal_data = forms.BooleanField(label=_("Bara läsningar och ändringar av personuppgifter"), required=False)
    date_from = forms.DateField(label=_("Från och med"), required=False, help_text=_("ÅÅÅÅ-MM-DD"))
    date_to = forms.DateField(label=_("Till och med"), required=False, help_text=_("ÅÅÅÅ-MM-DD"))

    def __init__(self, *args, organisations=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if organisations is None:
            del self.fields["organisation"]
        else:
            self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", _("Slutdatumet ligger före startdatumet."))
        return data
