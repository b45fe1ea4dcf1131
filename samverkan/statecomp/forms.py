from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samverkan.core.forms import DATE_WIDGET
from samverkan.lib.money import parse_kronor
from samverkan.statecomp.models import CompensationKind, Housing
from samverkan.statecomp.refdata import parse_age_group

SHORT = forms.NumberInput(attrs={"class": "govuk-input--width-4"})


class KronorField(forms.CharField):
    """An amount in kronor as people write it (`1 234,50`), cleaned to integer öre."""

    def clean(self, value: Any) -> int | None:  # type: ignore[override]
        text = super().clean(value)
        if not text:
            return None
        try:
            return parse_kronor(text)
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc


class AgeGroupField(forms.CharField):
    def clean(self, value: Any) -> tuple[int, int | None] | None:  # type: ignore[override]
        text = super().clean(value)
        if not text:
            return None
        try:
            return parse_age_group(text)
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc


class MonthField(forms.CharField):
    def clean(self, value: Any) -> dt.date | None:  # type: ignore[override]
        text = super().clean(value)
        if not text:
            return None
        try:
            return dt.datetime.strptime(text.strip(), "%Y-%m").date()
        except ValueError as exc:
            raise forms.ValidationError(_("Skriv månaden som ÅÅÅÅ-MM, till exempel 2024-03.")) from exc


class RateForm(forms.Form):
    kind = forms.ModelChoiceField(label=_("Ersättningsslag"), queryset=CompensationKind.objects.all())
    year = forms.IntegerField(label=_("Mottagningsår"), min_value=2000, max_value=2100, widget=SHORT)
    valid_from = forms.DateField(
        label=_("Gäller för mottagna från"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_("Lämna tomt för hela året; annars den första dagen i en månad."),
    )
    age_group = AgeGroupField(
        label=_("Åldersgrupp"), help_text=_("Till exempel 0-65 eller 66- (ålder vid mottagandet).")
    )
    housing = forms.ChoiceField(
        label=_("Villkor"), required=False, choices=[("", _("Inget villkor")), *Housing.choices]
    )
    amount = KronorField(label=_("Belopp per person (kr)"))
    source = forms.CharField(
        label=_("Källa"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Var beloppet står: författning, Migrationsverkets beslut eller nyhet med datum."),
    )
    note = forms.CharField(label=_("Anmärkning"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Fil (CSV eller Excel)"))


class PaymentForm(forms.Form):
    kind = forms.ModelChoiceField(label=_("Ersättningsslag"), queryset=CompensationKind.objects.all())
    year = forms.IntegerField(label=_("Mottagningsår"), min_value=2000, max_value=2100, widget=SHORT)
    month = MonthField(label=_("Mottagningsmånad"), required=False, help_text=_("ÅÅÅÅ-MM, om utbetalningen anger den."))
    age_group = AgeGroupField(label=_("Åldersgrupp"), required=False)
    count = forms.IntegerField(label=_("Antal personer"), required=False, min_value=0, widget=SHORT)
    amount = KronorField(label=_("Belopp (kr)"), help_text=_("Negativt för en återbetalning."))
    paid_on = forms.DateField(label=_("Utbetald"), widget=DATE_WIDGET)
    reference = forms.CharField(label=_("Referens"), max_length=100, required=False)
    note = forms.CharField(label=_("Anmärkning"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ApplicationForm(forms.Form):
    kind = forms.ModelChoiceField(
        label=_("Ersättningsslag"), queryset=CompensationKind.objects.filter(needs_application=True)
    )
    period_start = forms.DateField(label=_("Period från"), widget=DATE_WIDGET)
    period_end = forms.DateField(label=_("Period till"), widget=DATE_WIDGET)
    deadline = forms.DateField(
        label=_("Sista dag att ansöka"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_("Lämna tomt för att räkna fram den ur ersättningsslagets regel."),
    )
    amount = KronorField(label=_("Beräknat belopp (kr)"), required=False)
    note = forms.CharField(label=_("Anmärkning"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class AppliedForm(forms.Form):
    applied_on = forms.DateField(label=_("Ansökt"), widget=DATE_WIDGET)
    reference = forms.CharField(label=_("Ärendenummer"), max_length=100, required=False)
