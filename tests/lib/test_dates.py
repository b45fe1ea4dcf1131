import datetime as dt

from samverkan.lib.dates import add_working_days, is_working_day, public_holidays, working_days_between


def test_easter_and_the_holidays_that_follow_it():
    holidays = public_holidays(2013)
    assert holidays[dt.date(2013, 3, 29)] == "Långfredagen"
    assert holidays[dt.date(2013, 4, 1)] == "Annandag påsk"
    assert holidays[dt.date(2013, 5, 9)] == "Kristi himmelsfärdsdag"
    assert holidays[dt.date(2013, 6, 21)] == "Midsommarafton"
    assert holidays[dt.date(2013, 11, 2)] == "Alla helgons dag"


def test_national_day_from_2005():
    assert dt.date(2013, 6, 6) in public_holidays(2013)


def test_christmas_eve_is_not_a_working_day():
    assert not is_working_day(dt.date(2013, 12, 24))
    assert is_working_day(dt.date(2013, 12, 23))


def test_working_days_skip_weekends_and_holidays():
    # Friday 2013-12-20 + 2 working days: Monday 23rd, then (24-26 holidays) Friday 27th.
    assert add_working_days(dt.date(2013, 12, 20), 2) == dt.date(2013, 12, 27)
    assert working_days_between(dt.date(2013, 12, 20), dt.date(2013, 12, 27)) == 2
    assert working_days_between(dt.date(2013, 12, 27), dt.date(2013, 12, 20)) == -2


def test_ekeros_extension_is_24_working_days_after_the_first_deadline():
    assert working_days_between(dt.date(2013, 11, 15), dt.date(2013, 12, 19)) == 24
