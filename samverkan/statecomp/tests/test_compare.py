from __future__ import annotations

import datetime as dt

import pytest

from samverkan.statecomp.compare import compare
from samverkan.statecomp.models import Reception
from samverkan.statecomp.services import import_payments, import_receptions

pytestmark = pytest.mark.django_db

RECEIVED = (
    "månad;åldersgrupp;antal;boende\n"
    "2024-03;0-19;4;anvisad\n2024-03;20-65;7;anvisad\n"
    "2024-08;20-65;3;anvisad\n"
    "2025-02;20-65;6;anvisad\n"
)
PAID = (
    "ersättning;mottagningsmånad;åldersgrupp;antal;belopp;utbetald\n"
    "schablon;2024-03;0-65;11;1815000;2024-05-20\n"
    "schablon;2024-08;0-65;2;330000;2024-10-18\n"
    "initialkostnad;2024-08;20-65;3;59994;2024-10-18\n"
)


@pytest.fixture
def nacka_2024(rates, person, nacka):
    nils = person("nils")
    import_receptions(actor=nils, municipality=nacka, name="m.csv", data=RECEIVED.encode())
    import_payments(actor=nils, municipality=nacka, name="p.csv", data=PAID.encode())
    return nacka


def test_expected_follows_the_rate_of_the_year_age_group_and_housing(nacka_2024, rates):
    year = compare([nacka_2024.pk], [2024])[(nacka_2024.pk, 2024)]
    assert year.persons == 14
    lump = year.kinds[rates["schablon"].pk]
    assert lump.expected_ore == 14 * 16_500_000
    # The initial-cost lump sum starts 2024-07-01: March is not owed it, August is.
    initial = year.kinds[rates["initialkostnad"].pk]
    assert [(m.month, m.expected_count, m.expected_ore) for m in initial.rows] == [
        (dt.date(2024, 8, 1), 3, 3 * 1_999_800)
    ]
    assert initial.difference_ore == 0


def test_a_difference_is_flagged_by_the_month_behind_it(nacka_2024, rates):
    year = compare([nacka_2024.pk], [2024])[(nacka_2024.pk, 2024)]
    lump = year.kinds[rates["schablon"].pk]
    assert lump.difference_ore == -16_500_000
    assert [(m.month, m.expected_count, m.received_count, m.difference_ore) for m in lump.flagged_months] == [
        (dt.date(2024, 8, 1), 3, 2, -16_500_000)
    ]
    assert lump.flagged_months[0].groups == {"0–65 år": [3, 49_500_000, 2, 33_000_000]}
    assert year.flagged


def test_a_year_without_a_sourced_rate_is_missing_not_assumed(nacka_2024, rates):
    year = compare([nacka_2024.pk], [2025])[(nacka_2024.pk, 2025)]
    lump = year.kinds[rates["schablon"].pk]
    assert lump.expected_ore == 0
    assert lump.unpriced_count == 6
    assert lump.missing == [
        "Belopp för schablonersättning per mottagen person 2025 saknas; en regional samordnare anger det med källa."
    ]


def test_an_age_group_that_straddles_two_rates_is_explained(rates, nacka):
    Reception.objects.create(municipality=nacka, month=dt.date(2016, 5, 1), age_from=15, age_to=30, count=9)
    lump = compare([nacka.pk], [2016])[(nacka.pk, 2016)].kinds[rates["schablon"].pk]
    assert lump.missing == [
        "Åldersgruppen 15–30 år passar inte beloppens åldersgrupper för schablonersättning per mottagen person 2016."
    ]


def test_the_comparison_takes_the_same_queries_for_one_municipality_or_many(
    nacka_2024, huddinge, django_assert_num_queries
):
    Reception.objects.bulk_create(
        Reception(municipality=huddinge, month=dt.date(2024, m, 1), age_from=a, age_to=a, count=1)
        for m in range(1, 13)
        for a in range(0, 80, 3)
    )
    with django_assert_num_queries(6):
        compare([nacka_2024.pk])
    with django_assert_num_queries(6):
        result = compare([nacka_2024.pk, huddinge.pk])
    assert result[(huddinge.pk, 2024)].persons == 12 * 27


_serial = iter(range(300, 999))


def _participant(home, received, birth, **fields):
    from samverkan.exchange.services import register_participant
    from samverkan.lib.identity import make

    return register_participant(
        actor=None, identity_number=make(birth, next(_serial)).formatted, first_name="Amina", last_name="Hassan",
        home_municipality=home, reception_date=received, residence_status="refugee", **fields,
    )  # fmt: skip


def test_participants_count_by_their_age_on_the_reception_day_for_the_municipality_that_received_them(
    rates, huddinge, nacka, django_assert_num_queries
):
    from samverkan.exchange.services import move_participant

    # 2017: 0-64 and 65-. Born 1952-03-11, received 2017-03-10: still 64, the day before the birthday.
    _participant(huddinge, dt.date(2017, 3, 10), dt.date(1952, 3, 11))
    _participant(huddinge, dt.date(2017, 3, 11), dt.date(1952, 3, 11))  # 65 on the day
    moved = _participant(huddinge, dt.date(2017, 4, 2), dt.date(1990, 1, 1))
    move_participant(actor=None, participant=moved, municipality=nacka, moved_on=dt.date(2018, 1, 1))
    year = compare([huddinge.pk, nacka.pk], [2017])
    lump = year[(huddinge.pk, 2017)].kinds[rates["schablon"].pk]
    assert [(m.month, m.expected_count, m.expected_ore) for m in lump.rows] == [
        (dt.date(2017, 3, 1), 2, 12_640_000 + 7_910_000),
        (dt.date(2017, 4, 1), 1, 12_640_000),
    ]
    assert year[(huddinge.pk, 2017)].participants == 3
    assert (nacka.pk, 2017) not in year
    # Asked for Huddinge alone, the one who has since moved to Nacka still counts here.
    assert compare([huddinge.pk], [2017])[(huddinge.pk, 2017)].participants == 3
    assert compare([nacka.pk], [2017]) == {}


def test_a_reception_before_birth_is_not_counted_but_told(rates, huddinge):
    from samverkan.exchange.models import Participant

    Participant.objects.create(
        identity_hash="x" * 64, first_name="Fel", last_name="Datum", birth_date=dt.date(2020, 5, 1),
        home_municipality=huddinge, reception_date=dt.date(2019, 5, 1), residence_status="refugee",
    )  # fmt: skip
    year = compare([huddinge.pk], [2019])[(huddinge.pk, 2019)]
    assert (year.persons, year.before_birth) == (0, 1)
