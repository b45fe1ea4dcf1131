from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samverkan.core.forms import DATE_WIDGET
from samverkan.settlement.models import AccountMapping
from samverkan.settlement.services import SettlementError, parse_period


class RunForm(forms.Form):
    period = forms.CharField(
        label=_("Period"),
        max_length=10,
        help_text=_("ÅÅÅÅ-MM för en månad, till exempel 2026-10, eller ÅÅÅÅ-K1 för ett kvartal."),
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
    )
    final = forms.BooleanField(label=_("Slutlig avräkning (godkänns av dig och kan inte ändras)"), required=False)

    def clean_period(self) -> str:
        try:
            return parse_period(self.cleaned_data["period"]).label
        except SettlementError as exc:
            raise forms.ValidationError(exc.problems[0]) from exc


class UpliftForm(forms.Form):
    percent = forms.DecimalField(
        label=_("Uppräkning i procent"), max_digits=6, decimal_places=2, help_text=_("Till exempel 2,5.")
    )
    valid_from = forms.DateField(label=_("Gäller från"), widget=DATE_WIDGET, help_text=_("Den första i en månad."))
    name = forms.CharField(label=_("Namn på den nya listan"), max_length=200, required=False)


class AdoptForm(forms.Form):
    valid_from = forms.DateField(label=_("Gäller från"), widget=DATE_WIDGET, required=False)
    decision = forms.CharField(
        label=_("Beslut"), max_length=200, required=False, help_text=_("Organ, datum och paragraf.")
    )


class CreditNoteForm(forms.Form):
    reason = forms.CharField(label=_("Skäl"), max_length=300, widget=forms.Textarea(attrs={"rows": 3}))


class AccountMappingForm(forms.ModelForm):
    class Meta:
        model = AccountMapping
        fields = [
            "receivable_account",
            "revenue_account",
            "cost_account",
            "payable_account",
            "voucher_series",
            "cost_centre",
            "buyer_reference",
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in ("receivable_account", "revenue_account", "cost_account", "payable_account"):
            value = data.get(name, "")
            if value and not value.isdigit():
                self.add_error(name, _("Ett kontonummer består av siffror."))
        return data
