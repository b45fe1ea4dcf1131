from decimal import Decimal

import pytest

from samverkan.lib.money import NBSP, format_kronor, format_ore, parse_kronor, round_ore


def test_it_formats_ore_as_swedish_kronor():
    assert format_ore(123450) == f"1{NBSP}234,50{NBSP}kr"
    assert format_ore(5) == f"0,05{NBSP}kr"
    assert format_ore(-123450) == f"−1{NBSP}234,50{NBSP}kr"
    assert format_ore(123456789012) == f"1{NBSP}234{NBSP}567{NBSP}890,12{NBSP}kr"


def test_it_refuses_floats():
    with pytest.raises(TypeError):
        format_ore(12.5)  # type: ignore[arg-type]


def test_whole_kronor():
    assert format_kronor(165000) == f"165{NBSP}000{NBSP}kr"


@pytest.mark.parametrize(
    ("text", "ore"),
    [
        ("1 234,50", 123450),
        ("1234.50", 123450),
        ("1.234,50 kr", 123450),
        ("12", 1200),
        ("-3,10", -310),
        ("1\u00a0000", 100000),
    ],
)
def test_it_parses_amounts_as_people_write_them(text, ore):
    assert parse_kronor(text) == ore


def test_it_refuses_fractions_of_an_ore():
    with pytest.raises(ValueError, match="decimaler"):
        parse_kronor("1,005")


def test_it_rounds_half_to_even():
    assert round_ore(Decimal("2.5")) == 2
    assert round_ore(Decimal("3.5")) == 4
