"""GOV.UK Frontend markup for every Django form, with errors announced.

Each field gets the GOV.UK classes, and an invalid field points at its error
message with aria-describedby, so a screen reader reads the error with the field.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.renderers import TemplatesSetting

# A date field as the browser's own date picker, ten characters wide (2013-12-19).
DATE_WIDGET = forms.DateInput(attrs={"type": "date", "class": "govuk-input--width-10"})

WIDGET_CLASSES = {
    "select": "govuk-select",
    "selectmultiple": "govuk-select",
    "textarea": "govuk-textarea",
    "checkbox": "govuk-checkboxes__input",
    "clearablefile": "govuk-file-upload",
    "file": "govuk-file-upload",
    "radioselect": "govuk-radios__input",
    "checkboxselectmultiple": "govuk-checkboxes__input",
}


class GovukBoundField(forms.BoundField):
    def build_widget_attrs(self, attrs: dict[str, Any], widget: forms.Widget | None = None) -> dict[str, Any]:
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        kind = widget.__class__.__name__.lower().replace("input", "").replace("widget", "") or "text"
        css = WIDGET_CLASSES.get(kind, "govuk-input")
        if self.errors and css in ("govuk-input", "govuk-select", "govuk-textarea", "govuk-file-upload"):
            css += f" {css}--error"
        attrs["class"] = f"{attrs.get('class', '')} {css}".strip()
        if self.errors:
            described = [str(attrs.get("aria-describedby") or ""), f"{self.auto_id}_error"]
            attrs["aria-describedby"] = " ".join(d for d in described if d)
        return attrs

    @property
    def is_group(self) -> bool:
        return isinstance(self.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple)

    @property
    def is_checkbox(self) -> bool:
        return isinstance(self.field.widget, forms.CheckboxInput)


class GovukFormRenderer(TemplatesSetting):
    form_template_name = "includes/form.html"
    field_template_name = "includes/field.html"
    bound_field_class = GovukBoundField
