from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from samverkan.core.forms import DATE_WIDGET
from samverkan.exchange import languages
from samverkan.exchange.models import Category, PriceModel, ResidenceStatus, Service
from samverkan.lib import archives
from samverkan.lib.money import parse_kronor
from samverkan.organisations.models import Organisation

MONTH = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")


def municipalities() -> Any:
    return Organisation.objects.municipalities().in_county(settings.COUNTY_CODE).order_by("name")


class MonthField(forms.DateField):
    """A month as `2025-03` (the browser's month input) or a date in it; cleaned to the first day."""

    widget = MONTH
    input_formats = ["%Y-%m", "%Y-%m-%d"]
    default_error_messages = {"invalid": _("Ange månaden som ÅÅÅÅ-MM, till exempel 2025-03.")}

    def to_python(self, value: Any) -> dt.date | None:
        day = super().to_python(value)
        return day.replace(day=1) if day else None


class CatalogueForm(forms.Form):
    """The public catalogue's search and filters."""

    q = forms.CharField(label=_("Sök"), required=False, max_length=200)
    category = forms.ChoiceField(label=_("Kategori"), required=False)
    language = forms.ChoiceField(label=_("Språk"), required=False)
    municipality = forms.ModelChoiceField(
        label=_("Anordnande kommun"), required=False, queryset=Organisation.objects.none(), to_field_name="scb_code"
    )
    near = forms.ModelChoiceField(
        label=_("Nära kommun"), required=False, queryset=Organisation.objects.none(), to_field_name="scb_code"
    )
    distance = forms.IntegerField(label=_("Högst avstånd (km)"), required=False, min_value=1, max_value=500)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("Alla kategorier")), *Category.choices]  # type: ignore[attr-defined]
        self.fields["language"].choices = [("", _("Alla språk")), *languages.choices()]  # type: ignore[attr-defined]
        self.fields["municipality"].queryset = municipalities()  # type: ignore[attr-defined]
        self.fields["municipality"].empty_label = _("Alla kommuner")  # type: ignore[attr-defined]
        self.fields["near"].queryset = municipalities()  # type: ignore[attr-defined]
        self.fields["near"].empty_label = _("Välj kommun")  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("distance") and not data.get("near"):
            self.add_error("near", _("Välj kommunen som avståndet räknas från."))
        return data


class ServiceForm(forms.ModelForm):
    language_codes = forms.MultipleChoiceField(
        label=_("Språk"), required=False, widget=forms.CheckboxSelectMultiple, choices=languages.choices
    )
    statuses = forms.MultipleChoiceField(
        label=_("Vänder sig till (uppehållsstatus)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=ResidenceStatus.choices,
        help_text=_("Inget val: alla."),
    )

    class Meta:
        model = Service
        fields = [
            "name",
            "description",
            "category",
            "price_model",
            "min_age",
            "max_age",
            "address",
            "postal_code",
            "city",
            "latitude",
            "longitude",
            "capacity",
            "how_to_apply",
            "contact_email",
            "contact_phone",
            "published",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4}), "how_to_apply": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["language_codes"].initial = self.instance.language_list
            self.fields["statuses"].initial = self.instance.residence_statuses
        self.fields["category"].choices = Category.choices  # type: ignore[attr-defined]
        self.fields["price_model"].choices = PriceModel.choices  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        lat, lon = data.get("latitude"), data.get("longitude")
        if (lat is None) != (lon is None):
            self.add_error("longitude", _("Ange både latitud och longitud, eller ingen av dem."))
        return data

    def save(self, commit: bool = True) -> Service:
        self.instance.languages = Service.pack_languages(self.cleaned_data["language_codes"])
        self.instance.residence_statuses = list(self.cleaned_data["statuses"])
        return super().save(commit=commit)


class PriceForm(forms.Form):
    valid_from = forms.DateField(label=_("Gäller från"), widget=DATE_WIDGET)
    amount = forms.CharField(label=_("Pris per enhet (kr)"), max_length=20)

    def clean_amount(self) -> int:
        try:
            ore = parse_kronor(self.cleaned_data["amount"])
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc
        if ore < 0:
            raise forms.ValidationError(_("Priset får inte vara negativt."))
        return ore


class StartForm(forms.Form):
    starts_on = forms.DateField(label=_("Startdatum"), widget=DATE_WIDGET)
    ends_on = forms.DateField(label=_("Slutdatum"), widget=DATE_WIDGET, required=False)
    note = forms.CharField(label=_("Anmärkning"), max_length=200, required=False)


class ParticipantForm(forms.Form):
    identity_number = forms.CharField(
        label=_("Personnummer eller samordningsnummer"), max_length=15, help_text=_("ÅÅÅÅMMDD-NNNN")
    )
    first_name = forms.CharField(label=_("Förnamn"), max_length=100)
    last_name = forms.CharField(label=_("Efternamn"), max_length=100)
    reception_date = forms.DateField(label=_("Mottagen i kommunen"), widget=DATE_WIDGET)
    residence_status = forms.ChoiceField(label=_("Uppehållsstatus"), choices=ResidenceStatus.choices)
    protected = forms.BooleanField(label=_("Skyddade personuppgifter"), required=False)


class FindForm(forms.Form):
    identity_number = forms.CharField(label=_("Personnummer"), max_length=15, help_text=_("ÅÅÅÅMMDD-NNNN"))


class MoveForm(forms.Form):
    municipality = forms.ModelChoiceField(label=_("Ny folkbokföringskommun"), queryset=Organisation.objects.none())
    moved_on = forms.DateField(label=_("Flyttdatum"), widget=DATE_WIDGET)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Organisation.objects.municipalities().order_by("name")  # type: ignore[attr-defined]


class PlacementForm(forms.Form):
    service = forms.ModelChoiceField(label=_("Insats"), queryset=Service.objects.none(), to_field_name="code")
    start = forms.DateField(label=_("Startdatum"), widget=DATE_WIDGET)
    end = forms.DateField(label=_("Slutdatum"), widget=DATE_WIDGET, required=False)
    note = forms.CharField(
        label=_("Anmärkning till anordnaren"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, services: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = services  # type: ignore[attr-defined]
        self.fields["service"].label_from_instance = lambda s: f"{s.name} – {s.provider.name}"  # type: ignore[attr-defined]


class DeclineForm(forms.Form):
    reason = forms.CharField(label=_("Skäl"), widget=forms.Textarea(attrs={"rows": 3}))


class EndForm(forms.Form):
    end = forms.DateField(label=_("Sista dag"), widget=DATE_WIDGET)


class InterruptionForm(forms.Form):
    start = forms.DateField(label=_("Från"), widget=DATE_WIDGET)
    end = forms.DateField(label=_("Till"), widget=DATE_WIDGET)
    reason = forms.CharField(label=_("Orsak"), max_length=200, required=False)


class AttendanceForm(forms.Form):
    month = MonthField(label=_("Månad"))
    days_present = forms.IntegerField(label=_("Närvarodagar"), min_value=0, max_value=31, initial=0)
    hours = forms.DecimalField(label=_("Timmar"), min_value=0, max_digits=6, decimal_places=2, initial=0)
    reason = forms.CharField(
        label=_("Skäl till rättelse"),
        required=False,
        max_length=300,
        help_text=_("Krävs när månaden redan är låst: rättelsen förs då till nästa öppna månad."),
    )


class ImportForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Vad filen innehåller"),
        choices=[("placements", _("Placeringar")), ("attendance", _("Närvaro"))],
        widget=forms.RadioSelect,
    )
    file = forms.FileField(label=_("Fil (CSV eller Excel)"), help_text=_("Högst 25 MB."))

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not name.endswith((".csv", ".txt", ".xlsx")):
            raise forms.ValidationError(_("Filen ska vara en CSV-fil (.csv) eller en Excel-fil (.xlsx)."))
        if upload.size > settings.UPLOAD_MAX_BYTES:
            raise forms.ValidationError(_("Filen är för stor."))
        if upload.size == 0:
            raise forms.ValidationError(_("Filen är tom."))
        try:
            archives.check_upload(upload)
        except archives.ArchiveTooLarge as exc:
            raise forms.ValidationError(str(exc)) from exc
        return upload
