"""A pair's invoice number is stored without the draft mark `-P`: approving a run writes no pair."""

from django.db import migrations, models
from django.db.models import F, Value
from django.db.models.functions import Length, Substr


def strip_draft_mark(apps, schema_editor):
    SettlementPair = apps.get_model("settlement", "SettlementPair")
    SettlementPair.objects.filter(number__endswith="-P").update(number=Substr(F("number"), 1, Length("number") - Value(2)))


class Migration(migrations.Migration):
    dependencies = [("settlement", "0003_line_references")]

    operations = [
        migrations.RenameField("settlementpair", "invoice_number", "number"),
        migrations.AlterField(
            model_name="settlementpair",
            name="number",
            field=models.CharField(max_length=40, verbose_name="fakturanummer"),
        ),
        migrations.RunPython(strip_draft_mark, migrations.RunPython.noop),
    ]
