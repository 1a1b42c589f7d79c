import datetime as dt

import pytest

from scrutinyreport.formatting import (
    describe_value,
    format_change,
    format_financial_year,
    format_long_date,
    format_money_compact,
    format_month,
    format_short_month,
    format_value,
)
from scrutinyreport.model import Period, Unit


@pytest.mark.parametrize("value, unit, decimals, expected", [
    (27, Unit.PERCENT, 0, "27%"),
    (11.66, Unit.PERCENT, 1, "11.7%"),
    (82.25, Unit.PERCENT, 1, "82.3%"),           # half up, as printed by hand
    (82.5, Unit.PERCENT, 0, "83%"),
    (1924, Unit.COUNT, 0, "1,924"),
    (10080, Unit.CURRENCY, 0, "\u00a310,080"),
    (791.4, Unit.RATE_PER_100K, 1, "791.4"),
    (-0.04, Unit.SCORE, 1, "0.0"),              # never "-0.0"
    (None, Unit.PERCENT, 0, "No data"),
    (0, Unit.COUNT, 0, "0"),
])
def test_values_print_by_unit_and_decimals(value, unit, decimals, expected):
    assert format_value(value, unit, decimals, locale="en_GB") == expected


def test_prose_names_the_unit():
    assert describe_value(169.3, Unit.RATE_PER_100K, 1, locale="en_GB") == "169.3 per 100,000"
    assert describe_value(12, Unit.DAYS, 0, locale="en_GB") == "12 days"
    assert describe_value(27, Unit.PERCENT, 0, locale="en_GB") == "27%"


def test_money_compact_as_councils_write_it():
    assert format_money_compact(74_500_000, locale="en_GB") == "\u00a374.5m"
    assert format_money_compact(850_000, locale="en_GB") == "\u00a3850k"
    assert format_money_compact(999_500, locale="en_GB") == "\u00a31.0m"
    assert format_money_compact(999.6, locale="en_GB") == "\u00a31k"
    assert format_money_compact(640, locale="en_GB") == "\u00a3640"


def test_dates_and_periods():
    assert format_long_date(dt.date(2026, 1, 9), locale="en_GB") == "9 January 2026"
    assert format_month(Period(2017, 7), locale="en_GB") == "July 2017"
    assert format_short_month(Period(2017, 7), locale="en_GB") == "Jul 2017"
    assert format_financial_year(2024) == "2024/25"
    assert format_financial_year(1999) == "1999/00"


@pytest.mark.parametrize("difference, unit, decimals, expected", [
    (0.9, Unit.PERCENT, 1, "up 0.9 percentage points"),
    (-1, Unit.PERCENT, 0, "down 1 percentage point"),
    (-12, Unit.COUNT, 0, "down 12"),
    (1200, Unit.CURRENCY, 0, "up \u00a31,200"),
    (0.04, Unit.PERCENT, 1, "no change"),
    (None, Unit.COUNT, 0, ""),
])
def test_changes_in_words(difference, unit, decimals, expected):
    assert format_change(difference, unit, decimals, locale="en_GB") == expected


def test_locale_is_honoured():
    assert format_value(1924.5, Unit.COUNT, 1, "de_DE") == "1.924,5"
