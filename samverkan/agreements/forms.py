from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from samverkan.agreements.models import (
    AgreementVersion,
    ConsultationResponse,
    DecisionStep,
    Paragraph,
)
from samverkan.core.forms import DATE_WIDGET
from samverkan.lib.dates import add_working_days
from samverkan.organisations.models import Body, Organisation


class VersionForm(forms.Form):
    title = forms.CharField(label=_("Benämning"), max_length=300, help_text=_("Till exempel ”Reviderat förslag”."))
    dated = forms.DateField(label=_("Daterad"), widget=DATE_WIDGET)
    registration_number = forms.CharField(label=_("Diarienummer"), max_length=60, required=False)
    copy_from = forms.ModelChoiceField(
        label=_("Utgå från version"),
        queryset=AgreementVersion.objects.none(),
        required=False,
        empty_label=_("Ingen – börja med en tom version"),
    )

    def __init__(self, *args: Any, agreement: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["copy_from"].queryset = agreement.versions.order_by("-number")  # type: ignore[attr-defined]


class ParagraphForm(forms.ModelForm):
    class Meta:
        model = Paragraph
        fields = ["number", "heading", "text"]
        widgets = {"number": forms.NumberInput(attrs={"class": "govuk-input--width-3", "min": 1})}


class RoundForm(forms.Form):
    title = forms.CharField(label=_("Benämning"), max_length=300)
    sent_on = forms.DateField(label=_("Skickas"), widget=DATE_WIDGET)
    deadline = forms.DateField(
        label=_("Sista svarsdag"),
        widget=DATE_WIDGET,
        required=False,
        help_text=_("Ett datum, eller lämna tomt och ange antal arbetsdagar nedan."),
    )
    working_days = forms.IntegerField(
        label=_("Eller: antal arbetsdagar för svaret"),
        min_value=5,
        max_value=250,
        required=False,
        help_text=_("Räknas från dagen remissen skickas; helger och helgdagar räknas inte."),
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
    )
    organisations = forms.ModelMultipleChoiceField(
        label=_("Remissen går till"),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Välj minst en kommun eller stadsdelsnämnd.")},
    )

    def __init__(self, *args: Any, today: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        municipalities = Organisation.objects.municipalities().in_county(settings.COUNTY_CODE)
        districts = Organisation.objects.districts().filter(parent__in=municipalities).active_on(today)
        self.fields["organisations"].queryset = (municipalities | districts).order_by("kind", "name")  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("sent_on") and not data.get("deadline"):
            if data.get("working_days"):
                data["deadline"] = add_working_days(data["sent_on"], data["working_days"])
            elif not self.has_error("deadline"):
                self.add_error("deadline", _("Ange sista svarsdag eller antal arbetsdagar."))
        return data


class CloseRoundForm(forms.Form):
    closed_on = forms.DateField(label=_("Stängs"), widget=DATE_WIDGET)


class ExtensionForm(forms.Form):
    deadline = forms.DateField(label=_("Nytt sista svarsdatum"), widget=DATE_WIDGET)
    reason = forms.CharField(
        label=_("Skäl"), max_length=300, help_text=_("Till exempel ”Beslut i fullmäktige i december”.")
    )


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Beslutsdokument"),
        help_text=_("PDF (med textlager eller inskannad), Word (DOCX) eller text."),
        error_messages={"required": _("Välj en fil att ladda upp."), "empty": _("Filen är tom.")},
    )


class StepForm(forms.Form):
    kind = forms.ChoiceField(label=_("Dokumenttyp"), choices=DecisionStep.Kind.choices)
    body = forms.ModelChoiceField(
        label=_("Organ"), queryset=Body.objects.none(), required=False, empty_label=_("Annat – skriv nedan")
    )
    body_name = forms.CharField(label=_("Organ, om det inte finns i listan"), max_length=200, required=False)
    meeting_date = forms.DateField(label=_("Datum"), widget=DATE_WIDGET, required=False)
    registration_number = forms.CharField(label=_("Diarienummer"), max_length=60, required=False)
    case_officer = forms.CharField(label=_("Handläggare"), max_length=120, required=False)
    decision_text = forms.CharField(
        label=_("Beslut eller förslag"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    stance = forms.ChoiceField(
        label=_("Ställningstagande"),
        choices=[("", _("Inte angivet")), *ConsultationResponse.Stance.choices],
        required=False,
    )
    final = forms.BooleanField(
        label=_("Detta är organisationens slutliga svar"),
        required=False,
        help_text=_("Till exempel fullmäktiges beslut, eller stadsdelsnämndens yttrande."),
    )

    def __init__(self, *args: Any, organisations: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        ids = [o.pk for o in organisations] + [o.parent_id for o in organisations if o.parent_id]
        self.fields["body"].queryset = Body.objects.filter(organisation_id__in=ids).select_related("organisation")  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("body") and not data.get("body_name"):
            data["body_name"] = data["body"].name
        if not data.get("body_name") and not self.has_error("body"):
            self.add_error("body", _("Välj organet, eller skriv dess namn."))
        return data


class ReviewForm(StepForm):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        help_text=_("Kommunen eller stadsdelsnämnden som svarar."),
    )
    confirm_mismatch = forms.BooleanField(
        label=_("Jag har kontrollerat att dokumentet gäller den valda organisationen"), required=False
    )
    field_order = ["organisation"]

    def __init__(self, *args: Any, organisations: list[Organisation], proposed: Organisation | None, **kwargs: Any):
        super().__init__(*args, organisations=organisations, **kwargs)
        self.proposed = proposed
        self.fields["organisation"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            pk__in=[o.pk for o in organisations]
        ).order_by("kind", "name")
        if proposed is None or len(organisations) <= 1:
            del self.fields["confirm_mismatch"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        chosen = data.get("organisation")
        body = data.get("body")
        if chosen and body and body.organisation_id not in {chosen.pk, chosen.parent_id}:
            self.add_error("body", _("Organet hör inte till %(name)s.") % {"name": chosen.name})
        if (
            chosen
            and self.proposed
            and chosen.pk != self.proposed.pk
            and "confirm_mismatch" in self.fields
            and not data.get("confirm_mismatch")
        ):
            self.add_error(
                "confirm_mismatch",
                _("Dokumentet verkar komma från %(proposed)s, inte %(chosen)s. Kryssa i rutan om du är säker.")
                % {"proposed": self.proposed.name, "chosen": chosen.name},
            )
        return data


class CommentForm(forms.Form):
    paragraph = forms.TypedChoiceField(label=_("Paragraf"), coerce=int, required=False, empty_value=None)
    excerpt = forms.CharField(
        label=_("Synpunkt eller utdrag"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args: Any, paragraphs: list[Paragraph], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["paragraph"].choices = [("", "–")] + [  # type: ignore[attr-defined]
            (p.number, f"§ {p.number} {p.heading}") for p in paragraphs
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("excerpt") and not data.get("paragraph"):
            self.add_error("paragraph", _("Välj vilken paragraf synpunkten gäller."))
        if data.get("paragraph") and not (data.get("excerpt") or "").strip():
            self.add_error("excerpt", _("Skriv synpunkten eller utdraget ur dokumentet."))
        return data


CommentFormSet = forms.formset_factory(CommentForm, extra=2, max_num=30)
