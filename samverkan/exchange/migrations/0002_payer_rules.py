"""The move rules the county starts with (DESIGN.md §1.5, issue 5): data, changed by the association."""

from django.db import migrations

RULES = [
    ("", "old_to_end_of_month", "Standard: den gamla kommunen betalar till och med flyttmånaden."),
    ("sfi", "started_stays", "En påbörjad kurs stannar hos den gamla kommunen."),
    ("civic_orientation", "started_stays", "En påbörjad kurs stannar hos den gamla kommunen."),
    ("validation", "started_stays", "En påbörjad validering stannar hos den gamla kommunen."),
    ("guardian_training", "started_stays", "En påbörjad kurs stannar hos den gamla kommunen."),
    ("housing_support", "new_from_move_month", "Boendestöd följer bostaden: den nya kommunen betalar från flyttmånaden."),
]


def add_rules(apps, schema_editor):
    PayerRule = apps.get_model("exchange", "PayerRule")
    for category, rule, note in RULES:
        PayerRule.objects.get_or_create(category=category, defaults={"rule": rule, "note": note})


class Migration(migrations.Migration):
    dependencies = [("exchange", "0001_models")]

    operations = [migrations.RunPython(add_rules, migrations.RunPython.noop)]
