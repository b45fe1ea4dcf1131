from __future__ import annotations

import shutil

import pytest
from django.conf import settings
from django.core.management import call_command

from samverkan.audit.models import AuditEvent
from samverkan.statecomp.models import CompensationKind, Rate
from samverkan.statecomp.refdata import RateDataError
from samverkan.statecomp.services import StatecompError, enter_rate, load_rates

pytestmark = pytest.mark.django_db
REFDATA = settings.BASE_DIR / "refdata"


def test_it_loads_every_rate_with_its_mark_and_source(rates):
    lump = Rate.objects.filter(kind__code="schablon")
    assert lump.count() == 22
    r2019 = lump.get(year=2019, age_from=0)
    assert (r2019.age_to, r2019.amount_ore, r2019.status) == (64, 14_260_000, "stated")
    assert "Migrationsverket" in r2019.source
    assert lump.get(year=2017, age_from=65).status == "derived"
    assert lump.get(year=2024, age_from=66).status == "inferred"
    assert set(lump.filter(year=2015).values_list("age_from", "age_to")) == {(0, 19), (20, 64), (65, None)}
    initial = Rate.objects.filter(kind__code="initialkostnad")
    assert initial.count() == 5
    assert initial.get(housing="allocated", age_from=20).amount_ore == 1_999_800
    assert all(r.valid_from.isoformat() == "2024-07-01" for r in initial)
    assert not rates["schablon"].needs_application
    # Years the sources do not give are not assumed.
    assert not lump.filter(year__in=[2013, 2014, 2025, 2026]).exists()


def test_loading_twice_changes_nothing(rates):
    before = AuditEvent.objects.filter(action="statecomp.rates.load").count()
    report = load_rates(REFDATA)
    assert (report.rates_created, report.rates_updated, report.unchanged) == (0, 0, 27)
    assert AuditEvent.objects.filter(action="statecomp.rates.load").count() == before


def _copy(tmp_path):
    shutil.copytree(REFDATA / "statecomp", tmp_path / "statecomp")
    return tmp_path / "statecomp"


def test_a_rate_without_a_source_stops_the_whole_load(db, tmp_path):
    folder = _copy(tmp_path)
    path = folder / "schablonersattning.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("2019,65-,82100,stated,same", "2019,65-,82100,stated,"))
    with pytest.raises(RateDataError) as caught:
        load_rates(tmp_path)
    assert caught.value.problems == [
        "statecomp/schablonersattning.csv rad 15: källa saknas; ett belopp utan källa laddas inte."
    ]
    assert not Rate.objects.exists()
    assert not CompensationKind.objects.exists()


def test_overlapping_age_groups_and_bad_marks_are_named_by_line(db, tmp_path):
    folder = _copy(tmp_path)
    path = folder / "initialkostnad.csv"
    text = path.read_text(encoding="utf-8").replace("2024,2024-07-01,66-,allocated", "2024,2024-07-01,60-,allocated")
    path.write_text(text.replace("12503,stated", "12503,guessed"))
    with pytest.raises(RateDataError) as caught:
        load_rates(tmp_path)
    problems = "\n".join(caught.value.problems)
    assert "initialkostnad.csv rad 6: grunden ”guessed” ska vara stated, derived eller inferred." in problems
    assert not Rate.objects.exists()


def test_the_command_reports_in_swedish(db, capsys):
    call_command("load_statecomp_rates")
    assert "27 nya belopp" in capsys.readouterr().out


def test_a_coordinator_enters_an_unknown_year_only_with_a_source(rates, person):
    cecilia = person("cecilia")
    with pytest.raises(StatecompError) as caught:
        enter_rate(actor=cecilia, kind=rates["schablon"], year=2025, age_from=0, age_to=65, amount_ore=1, source=" ")
    assert caught.value.field == "source"
    rate = enter_rate(
        actor=cecilia, kind=rates["schablon"], year=2025, age_from=0, age_to=65, amount_ore=16_500_000,
        source="Migrationsverket, beslut 2024-12",
    )  # fmt: skip
    assert rate.status == Rate.Status.ENTERED
    assert AuditEvent.objects.filter(action="statecomp.rate.enter", object_id=str(rate.pk)).exists()
    with pytest.raises(StatecompError, match="Det finns redan ett belopp"):
        enter_rate(
            actor=cecilia, kind=rates["schablon"], year=2025, age_from=60, age_to=None, amount_ore=9_000_000,
            source="x",
        )  # fmt: skip
