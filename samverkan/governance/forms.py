from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverkan.core.forms import DATE_WIDGET
from samverkan.governance.models import Attendance, Meeting, Membership
from samverkan.organisations.models import Organisation

TIME_WIDGET = forms.TimeInput(attrs={"type": "time", "class": "govuk-input--width-5"})


class MembershipForm(forms.Form):
    person_name = forms.CharField(label=_("Namn"), max_length=200)
    title = forms.CharField(label=_("Befattning"), max_length=200, required=False)
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none())
    position = forms.ChoiceField(label=_("Uppdrag"), choices=Membership.Position.choices)
    valid_from = forms.DateField(label=_("Från"), widget=DATE_WIDGET)
    valid_to = forms.DateField(label=_("Till"), widget=DATE_WIDGET, required=False, help_text=_("Tomt: tills vidare."))

    def __init__(self, *args: Any, county: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.in_county(county).order_by("kind", "name")  # type: ignore[attr-defined]


class EndMembershipForm(forms.Form):
    valid_to = forms.DateField(label=_("Sista dag i uppdraget"), widget=DATE_WIDGET)


class MeetingForm(forms.Form):
    title = forms.CharField(label=_("Rubrik"), max_length=300)
    kind = forms.ChoiceField(label=_("Typ"), choices=Meeting.Kind.choices)
    day = forms.DateField(label=_("Datum"), widget=DATE_WIDGET)
    starts = forms.TimeField(label=_("Börjar"), widget=TIME_WIDGET)
    ends = forms.TimeField(label=_("Slutar"), widget=TIME_WIDGET)
    location = forms.CharField(label=_("Plats"), max_length=300, required=False)
    cancelled = forms.BooleanField(label=_("Mötet är inställt"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("starts") and data.get("ends") and data["ends"] < data["starts"]:
            self.add_error("ends", _("Mötet kan inte sluta innan det börjar."))
        return data

    def times(self) -> tuple[dt.datetime, dt.datetime]:
        day = self.cleaned_data["day"]
        tz = timezone.get_current_timezone()
        return (
            dt.datetime.combine(day, self.cleaned_data["starts"], tzinfo=tz),
            dt.datetime.combine(day, self.cleaned_data["ends"], tzinfo=tz),
        )

    @staticmethod
    def initial_for(meeting: Meeting) -> dict[str, Any]:
        start, end = timezone.localtime(meeting.starts_at), timezone.localtime(meeting.ends_at)
        return {
            "title": meeting.title,
            "kind": meeting.kind,
            "day": start.date(),
            "starts": start.time(),
            "ends": end.time(),
            "location": meeting.location,
            "cancelled": meeting.cancelled,
        }


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("Rubrik"), max_length=300)
    description = forms.CharField(label=_("Beskrivning"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class MinutesForm(forms.Form):
    minutes = forms.CharField(label=_("Protokoll"), widget=forms.Textarea(attrs={"rows": 12}), required=False)
    approved_on = forms.DateField(label=_("Justerat"), widget=DATE_WIDGET, required=False)


class DecisionForm(forms.Form):
    text = forms.CharField(label=_("Beslut"), widget=forms.Textarea(attrs={"rows": 4}))
    agenda_item = forms.ModelChoiceField(
        label=_("Dagordningspunkt"), queryset=Meeting.objects.none(), required=False, empty_label=_("Ingen")
    )

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = meeting.agenda_items.order_by("number")  # type: ignore[attr-defined]


class AttendanceForm(forms.Form):
    """One choice per member of the body on the meeting's day."""

    def __init__(self, *args: Any, members: list[Membership], current: dict[int, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.members = members
        for m in members:
            self.fields[f"m{m.pk}"] = forms.ChoiceField(
                label=f"{m.person_name}, {m.organisation.name} ({m.get_position_display().lower()})",
                choices=Attendance.Status.choices,
                initial=current.get(m.pk, Attendance.Status.PRESENT),
                widget=forms.RadioSelect(attrs={"class": "govuk-radios__input"}),
            )

    def statuses(self) -> list[tuple[Membership, str]]:
        return [(m, self.cleaned_data[f"m{m.pk}"]) for m in self.members]
