from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from samverkan.actionplans.models import Measure, Report, SubGoal
from samverkan.core.forms import DATE_WIDGET
from samverkan.governance.models import Decision
from samverkan.lib import archives
from samverkan.organisations.models import Organisation


class PlanForm(forms.Form):
    title = forms.CharField(label=_("Benämning"), max_length=300)
    period_start = forms.DateField(label=_("Gäller från"), widget=DATE_WIDGET)
    period_end = forms.DateField(label=_("Gäller till"), widget=DATE_WIDGET)
    description = forms.CharField(label=_("Beskrivning"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    adopted_by = forms.ModelChoiceField(
        label=_("Antagen genom beslut"), queryset=Decision.objects.none(), required=False, empty_label=_("Inget ännu")
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["adopted_by"].queryset = (  # type: ignore[attr-defined]
            Decision.objects.visible_to(user).select_related("meeting__body").order_by("-decided_on", "number")
        )


class AreaForm(forms.Form):
    title = forms.CharField(label=_("Område"), max_length=200)
    description = forms.CharField(label=_("Beskrivning"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class MeasureForm(forms.Form):
    title = forms.CharField(label=_("Insats"), max_length=300)
    description = forms.CharField(label=_("Beskrivning"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    lead = forms.ModelChoiceField(label=_("Huvudansvarig"), queryset=Organisation.objects.none(), required=False)
    lead_person = forms.CharField(label=_("Kontaktperson"), max_length=200, required=False)
    responsible = forms.ModelMultipleChoiceField(
        label=_("Ansvariga organisationer"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("De som rapporterar insatsen vid varje uppföljning."),
        widget=forms.SelectMultiple(attrs={"size": 10}),
    )
    starts_on = forms.DateField(label=_("Start"), widget=DATE_WIDGET, required=False)
    ends_on = forms.DateField(label=_("Slut"), widget=DATE_WIDGET, required=False)
    weight = forms.IntegerField(
        label=_("Vikt"),
        min_value=1,
        max_value=100,
        initial=1,
        help_text=_("Hur mycket insatsen väger när framsteget räknas upp till den överordnade insatsen."),
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
    )
    decision = forms.ModelChoiceField(
        label=_("Beslut som ligger bakom"),
        queryset=Decision.objects.none(),
        required=False,
        empty_label=_("Inget beslut"),
        help_text=_("Styrgruppens beslut som inrättar eller ändrar insatsen; insatsen visar det."),
    )

    def __init__(self, *args: Any, county: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisations = Organisation.objects.in_county(county).exclude(kind=Organisation.Kind.DISTRICT)
        self.fields["lead"].queryset = organisations.order_by("name")  # type: ignore[attr-defined]
        self.fields["responsible"].queryset = organisations.order_by("name")  # type: ignore[attr-defined]
        self.fields["decision"].queryset = (  # type: ignore[attr-defined]
            Decision.objects.visible_to(user)
            .filter(meeting__body__county=county)
            .select_related("meeting__body")
            .order_by("-decided_on", "number")
        )

    @staticmethod
    def initial_for(measure: Measure) -> dict[str, Any]:
        return {
            "title": measure.title,
            "description": measure.description,
            "lead": measure.lead_id,
            "lead_person": measure.lead_person,
            "responsible": list(measure.responsible.values_list("pk", flat=True)),
            "starts_on": measure.starts_on,
            "ends_on": measure.ends_on,
            "weight": measure.weight,
        }


class SubGoalForm(forms.ModelForm):
    class Meta:
        model = SubGoal
        fields = ["indicator", "unit", "baseline", "target", "direction", "aggregation", "minimum", "maximum"]


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", _("upp")), ("down", _("ned"))])
    order_version = forms.IntegerField(min_value=0)


class ReorderForm(forms.Form):
    order = forms.CharField(help_text=_("Insatsernas id i den nya ordningen, kommaseparerade."))
    order_version = forms.IntegerField(min_value=0)
    parent = forms.IntegerField(required=False)

    def clean_order(self) -> list[int]:
        try:
            return [int(x) for x in self.cleaned_data["order"].split(",") if x.strip()]
        except ValueError as exc:
            raise forms.ValidationError(_("Ordningen ska vara insatsernas id, kommaseparerade.")) from exc


class RoundForm(forms.Form):
    title = forms.CharField(label=_("Benämning"), max_length=200)
    opened_on = forms.DateField(label=_("Öppnas"), widget=DATE_WIDGET)
    deadline = forms.DateField(label=_("Sista dag för rapport"), widget=DATE_WIDGET)


class CloseRoundForm(forms.Form):
    closed_on = forms.DateField(label=_("Stängs"), widget=DATE_WIDGET)


class ReportForm(forms.Form):
    value = forms.CharField(
        label=_("Värde"),
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "inputmode": "decimal"}),
    )
    status = forms.ChoiceField(label=_("Status"), choices=Report.Status.choices, widget=forms.RadioSelect)
    progress = forms.IntegerField(
        label=_("Framsteg (procent)"),
        min_value=0,
        max_value=100,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
    )
    comment = forms.CharField(label=_("Kommentar"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args: Any, subgoal: SubGoal | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if subgoal is None:
            del self.fields["value"]
        else:
            self.fields["value"].label = f"{subgoal.indicator} ({SubGoal.Unit(subgoal.unit).label})"


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excelfil (.xlsx)"))

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > settings.UPLOAD_MAX_BYTES:
            raise forms.ValidationError(_("Filen är för stor."))
        head = upload.read(4)
        upload.seek(0)
        if head != b"PK\x03\x04":
            raise forms.ValidationError(
                _("Filen är inte en Excelfil (.xlsx). Exportera från sidan, ändra och spara som .xlsx.")
            )
        try:
            archives.check_upload(upload)
        except archives.ArchiveTooLarge as exc:
            raise forms.ValidationError(str(exc)) from exc
        return upload
