"""GOV.UK Frontend markup for every Django form, with errors announced.

Each field gets the GOV.UK classes, and an invalid field points at its error
message with aria-describedby, so a screen reader reads the error with the field.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.renderers import TemplatesSetting
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

# A date field as the browser's own date picker, ten characters wide (2013-12-19).
DATE_WIDGET = forms.DateInput(attrs={"type": "date", "class": "govuk-input--width-10"})

WIDGET_CLASSES = {
    "select": "govuk-select",
    "longselect": "govuk-select",
    "selectmultiple": "govuk-select",
    "textarea": "govuk-textarea",
    "checkbox": "govuk-checkboxes__input",
    "clearablefile": "govuk-file-upload",
    "file": "govuk-file-upload",
    "radioselect": "govuk-radios__input",
    "checkboxselectmultiple": "govuk-checkboxes__input",
}


class LongSelect(forms.Select):
    """A select of hundreds of options (every organisation of the country), written in
    Python: Django renders each option through a template of its own, which for the
    audit log's 400 organisations was most of the page's time. The same markup."""

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        groups = []
        for group_name, options, _index in widget["optgroups"]:
            rendered = format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                ((str(o["value"]), flatatt(o["attrs"]), o["label"]) for o in options),
            )
            groups.append(
                format_html('<optgroup label="{}">{}</optgroup>', group_name, rendered) if group_name else rendered
            )
        return format_html(
            '<select name="{}"{}>{}</select>',
            widget["name"],
            flatatt(widget["attrs"]),
            format_html_join("", "{}", ((g,) for g in groups)),
        )


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
