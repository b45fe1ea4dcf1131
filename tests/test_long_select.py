from django import forms
from django.test.html import parse_html

from samverkan.core.forms import LongSelect

CHOICES = [("", "Alla"), ("1", "Å & <b>"), ("Grupp", [("2", "Två"), ("3", "Tre")])]


class Search(forms.Form):
    template = forms.ChoiceField(choices=CHOICES)
    python = forms.ChoiceField(choices=CHOICES, widget=LongSelect)


def test_a_long_select_is_the_markup_of_djangos_select(db):
    for data in ({"template": "2", "python": "2"}, {"template": "", "python": ""}):
        form = Search(data)
        form.is_valid()
        expected = str(form["template"]).replace("template", "python")
        assert parse_html(str(form["python"])) == parse_html(expected)
    assert 'class="govuk-select govuk-select--error"' in str(form["python"])
