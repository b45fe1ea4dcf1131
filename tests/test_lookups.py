from django.db import connection
from django.db.models import F

from samverkan.core.lookups import InArray
from samverkan.organisations.models import Organisation


def test_in_array_selects_what_in_selects_from_a_union(db):
    municipalities = Organisation.objects.municipalities().order_by()
    first = municipalities.filter(scb_code__in=["0126", "0127"]).values("pk")
    second = municipalities.filter(scb_code__in=["0127", "0182"]).values("pk")
    chosen = Organisation.objects.filter(InArray(F("pk"), first.union(second)))
    assert sorted(chosen.values_list("scb_code", flat=True)) == ["0126", "0127", "0182"]
    assert chosen.count() == 3
    sql = str(chosen.query)
    # PostgreSQL fetches the ids by primary key; elsewhere it is the plain IN.
    assert ("= ANY(ARRAY(" in sql) == (connection.vendor == "postgresql")
