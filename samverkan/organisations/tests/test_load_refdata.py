import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from samverkan.audit.models import AuditEvent
from samverkan.organisations.models import Body, Network, Organisation

REFDATA = Path(settings.BASE_DIR) / "refdata"


def counts():
    return (
        Organisation.objects.count(),
        Body.objects.count(),
        Network.objects.count(),
        Organisation.objects.filter(names__isnull=False).count(),
    )


def test_the_county_has_its_26_municipalities_and_14_districts_of_2013(db):
    assert Organisation.objects.municipalities().in_county("01").count() == 26
    import datetime as dt

    stockholm = Organisation.objects.get(scb_code="0180")
    assert stockholm.children.active_on(dt.date(2013, 6, 1)).count() == 14
    assert stockholm.children.active_on(dt.date(2020, 6, 1)).count() == 13


def test_the_2020_merger_into_hagersten_alvsjo(db):
    merged = Organisation.objects.get(code="sdn-hagersten-alvsjo")
    assert set(merged.predecessors.values_list("code", flat=True)) == {"sdn-hagersten-liljeholmen", "sdn-alvsjo"}


def test_municipalities_have_organisation_numbers_and_peppol_ids(db):
    huddinge = Organisation.objects.get(scb_code="0126")
    assert huddinge.organisation_number == "212000-0068"
    assert huddinge.peppol_id == "0007:2120000068"
    assert huddinge.geometry["type"] == "MultiPolygon"
    assert 59.0 < huddinge.latitude < 59.4


def test_region_stockholm_had_another_name_before_2019(db):
    import datetime as dt

    region = Organisation.objects.get(code="region-stockholm")
    assert region.name_on(dt.date(2013, 5, 6)) == "Stockholms läns landsting"
    assert region.name_on(dt.date(2019, 1, 1)) == "Region Stockholm"


def test_the_networks_have_8_and_15_members(db):
    assert Network.objects.get(code="etablering-sodertorn").memberships.count() == 8
    assert Network.objects.get(code="koordination-norrort").memberships.count() == 15


def test_loading_twice_changes_nothing(db):
    before = counts()
    call_command("load_refdata", verbosity=0)
    call_command("load_refdata", verbosity=0)
    assert counts() == before


def test_a_load_is_audited(db):
    call_command("load_refdata", verbosity=0)
    event = AuditEvent.objects.filter(action="organisations.reference_data_loaded").latest("at")
    assert event.after["county"] == "01"


@pytest.fixture
def broken_refdata(tmp_path):
    target = tmp_path / "refdata"
    shutil.copytree(REFDATA, target, ignore=shutil.ignore_patterns("seeds", "peppol", "statecomp"))
    return target


def test_a_missing_column_stops_everything(db, broken_refdata):
    path = broken_refdata / "counties/01/organisations.csv"
    path.write_text(path.read_text().replace("organisation_number,", "orgnr,", 1))
    before = counts()
    with pytest.raises(CommandError, match="kolumn saknas: organisation_number"):
        call_command("load_refdata", "--dir", str(broken_refdata), verbosity=0)
    assert counts() == before


def test_a_duplicate_code_is_named_with_its_line(db, broken_refdata):
    path = broken_refdata / "counties/01/organisations.csv"
    lines = path.read_text().splitlines()
    path.write_text("\n".join([*lines, lines[1]]) + "\n")
    with pytest.raises(CommandError, match=r"organisations.csv rad \d+: koden ”ksl” finns redan"):
        call_command("load_refdata", "--dir", str(broken_refdata), verbosity=0)


def test_a_duplicate_municipality_code_is_refused(db, broken_refdata):
    path = broken_refdata / "sweden/kommuner.csv"
    lines = path.read_text().splitlines()
    path.write_text("\n".join([*lines, lines[1]]) + "\n")
    with pytest.raises(CommandError, match="kommunkoden 0114 finns redan"):
        call_command("load_refdata", "--dir", str(broken_refdata), verbosity=0)


def test_an_unknown_member_of_a_network_is_refused_and_nothing_is_written(db, broken_refdata):
    path = broken_refdata / "counties/01/network_members.csv"
    path.write_text(path.read_text() + "etablering-sodertorn,0999,,\n")
    Organisation.objects.filter(code="ksl").update(name="Ändrat namn")
    with pytest.raises(CommandError, match="okänd kommun ”0999”"):
        call_command("load_refdata", "--dir", str(broken_refdata), verbosity=0)
    assert Organisation.objects.get(code="ksl").name == "Ändrat namn"


def test_a_wrong_organisation_number_is_refused(db, broken_refdata):
    path = broken_refdata / "sweden/kommuner.csv"
    path.write_text(path.read_text().replace("212000-0068", "212000-0069"))
    with pytest.raises(CommandError, match="212000-0069 har fel kontrollsiffra"):
        call_command("load_refdata", "--dir", str(broken_refdata), verbosity=0)


def test_another_county_loads_without_a_code_change(db):
    call_command("load_refdata", "--county", "14", verbosity=0)
    gothenburg = Organisation.objects.get(scb_code="1480")
    assert gothenburg.county.code == "14"
    assert gothenburg.geometry is not None
    assert gothenburg.bodies.filter(kind="council").exists()


def test_an_unknown_county_is_refused(db):
    with pytest.raises(CommandError, match="Länskoden 99 finns inte"):
        call_command("load_refdata", "--county", "99", verbosity=0)
