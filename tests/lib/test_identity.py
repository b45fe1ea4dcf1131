import datetime as dt

import pytest

from samverkan.lib import identity
from samverkan.lib.identity import InvalidIdentityNumber

TODAY = dt.date(2026, 11, 24)


def test_it_accepts_a_twelve_digit_number_with_a_right_check_digit():
    number = identity.parse("19811218-9876", today=TODAY)
    assert number.value == "198112189876"
    assert number.birth_date == dt.date(1981, 12, 18)
    assert not number.is_coordination_number


def test_it_reads_the_century_of_a_ten_digit_number_from_today():
    assert identity.parse("811218-9876", today=TODAY).value == "198112189876"
    assert identity.parse("121212-1212", today=TODAY).value == "201212121212"


def test_a_plus_sign_means_a_hundred_years_or_more():
    assert identity.parse("121212+1212", today=TODAY).value == "191212121212"


def test_it_refuses_a_wrong_check_digit_in_swedish():
    with pytest.raises(InvalidIdentityNumber, match="Kontrollsiffran"):
        identity.parse("19811218-9875", today=TODAY)


def test_it_refuses_an_impossible_date():
    with pytest.raises(InvalidIdentityNumber, match="giltigt datum"):
        identity.parse("19810231-1234", today=TODAY)


def test_it_refuses_a_birth_in_the_future():
    future = identity.make(dt.date(2030, 1, 1), 123)
    with pytest.raises(InvalidIdentityNumber, match="framtiden"):
        identity.parse(future.value, today=TODAY)


def test_it_refuses_garbage():
    with pytest.raises(InvalidIdentityNumber, match="ÅÅÅÅMMDD"):
        identity.parse("abc", today=TODAY)


def test_a_coordination_number_has_sixty_added_to_the_day():
    number = identity.make(dt.date(1990, 5, 3), 241, coordination=True)
    parsed = identity.parse(number.value, today=TODAY)
    assert parsed.is_coordination_number
    assert parsed.birth_date == dt.date(1990, 5, 3)
    assert parsed.value[6:8] == "63"


def test_masked_shows_only_the_birth_date():
    assert identity.parse("19811218-9876", today=TODAY).masked == "19811218-****"


def test_organisation_numbers_use_the_same_check_digit():
    assert identity.is_valid_organisation_number("212000-0068")  # Huddinge
    assert not identity.is_valid_organisation_number("212000-0069")
