"""Locale-aware printing of values, money and dates (babel); the only place numbers become text.

Rounding is half-up on the decimal digits as written (82.25 -> 82.3), as readers and spreadsheets expect,
not the banker's rounding babel applies by default.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from babel import Locale, UnknownLocaleError
from babel.dates import format_date as _babel_format_date
from babel.numbers import format_currency, format_decimal, format_percent

from .model import Frequency, Indicator, Period, ReportingPeriod, Unit

DEFAULT_LOCALE = "en_GB"
MISSING_TEXT = "No data"
UNIT_SUFFIXES: dict[Unit, str] = {Unit.RATE_PER_100K: " per 100,000", Unit.DAYS: " days"}


def check_locale(name: str) -> str:
    """Return the locale name if babel knows it; raise ValueError otherwise."""
    try:
        Locale.parse(name)
    except (UnknownLocaleError, ValueError) as error:
        raise ValueError(f"unknown locale {name!r}") from error
    return name


def round_half_up(value: float, decimals: int) -> Decimal:
    """The value rounded as printed, never showing '-0'."""
    rounded = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return abs(rounded) if rounded == 0 else rounded


def _pattern(decimals: int) -> str:
    return "#,##0" + ("." + "0" * decimals if decimals > 0 else "")


def format_number(value: float, decimals: int, locale: str) -> str:
    """'1,924', '791.4'."""
    return format_decimal(round_half_up(value, decimals), _pattern(decimals), locale=locale,
                          decimal_quantization=False)


def format_money(value: float, decimals: int, locale: str, currency: str = "GBP") -> str:
    """'£10,080'."""
    return format_currency(round_half_up(value, decimals), currency, format="¤" + _pattern(decimals),
                           locale=locale, currency_digits=False, decimal_quantization=False)


def format_money_compact(value: float, locale: str, currency: str = "GBP") -> str:
    """Money in millions as UK councils print it: '£74.5m' (thousands as '£850k'). The unit is chosen after
    rounding, so 999,500 is '£1.0m', not '£1,000k'."""
    if abs(round_half_up(value / 1_000, 0)) >= 1_000:
        return format_money(value / 1_000_000, 1, locale, currency) + "m"
    if abs(round_half_up(value, 0)) >= 1_000:
        return format_money(value / 1_000, 0, locale, currency) + "k"
    return format_money(value, 0, locale, currency)


def format_percentage(value: float, decimals: int, locale: str) -> str:
    """A value in percentage points: 27 -> '27%', 11.66 -> '11.7%'."""
    fraction = round_half_up(value, decimals) / 100
    return format_percent(fraction, _pattern(decimals) + "%", locale=locale, decimal_quantization=False)


def format_value(value: float | None, unit: Unit, decimals: int, locale: str,
                 missing: str = MISSING_TEXT) -> str:
    """A value as printed in a table cell: '27%', '1,924', '£10,080', '169.3'; missing as 'No data'."""
    if value is None:
        return missing
    if unit is Unit.PERCENT:
        return format_percentage(value, decimals, locale)
    if unit is Unit.CURRENCY:
        return format_money(value, decimals, locale)
    return format_number(value, decimals, locale)


def describe_value(value: float | None, unit: Unit, decimals: int, locale: str,
                   missing: str = MISSING_TEXT) -> str:
    """A value as written in prose, with its unit: '169.3 per 100,000', '12 days'."""
    text = format_value(value, unit, decimals, locale, missing)
    return text if value is None else text + UNIT_SUFFIXES.get(unit, "")


def indicator_value(indicator: Indicator, value: float | None, locale: str) -> str:
    """Shorthand for a table cell of this indicator."""
    return format_value(value, indicator.unit, indicator.decimals, locale)


def format_change(difference: float | None, unit: Unit, decimals: int, locale: str) -> str:
    """A movement in words: 'up 0.9 percentage points', 'down 12', 'up £1,200', 'no change'."""
    if difference is None:
        return ""
    if round_half_up(difference, decimals) == 0:
        return "no change"
    word = "up" if difference > 0 else "down"
    size = abs(difference)
    if unit is Unit.PERCENT:
        amount = format_number(size, decimals, locale)
        return f"{word} {amount} percentage point" + ("" if amount == "1" else "s")
    return f"{word} {describe_value(size, unit, decimals, locale)}"


def format_long_date(date: dt.date, locale: str) -> str:
    """'9 January 2026'."""
    return _babel_format_date(date, "d MMMM y", locale=locale)


def format_month(period: Period, locale: str) -> str:
    """'July 2017'."""
    return _babel_format_date(period.first_day, "MMMM y", locale=locale)


def format_short_month(period: Period, locale: str) -> str:
    """'Jul 2017' (as the locale abbreviates: en_GB writes 'Sept')."""
    return _babel_format_date(period.first_day, "MMM y", locale=locale)


def format_financial_year(start_year: int) -> str:
    """The April-to-March year that starts in start_year: 2024 -> '2024/25'."""
    return f"{start_year}/{(start_year + 1) % 100:02d}"


def jinja_filters(locale: str) -> dict[str, Callable[..., str]]:
    """The formatting functions, bound to a locale, for templates and narrative."""
    return {
        "number": lambda v, d=0: format_number(v, d, locale),
        "money": lambda v, d=0: format_money(v, d, locale),
        "money_compact": lambda v: format_money_compact(v, locale),
        "percent": lambda v, d=0: format_percentage(v, d, locale),
        "long_date": lambda d: format_long_date(d, locale),
    }


def format_reporting_period(period: ReportingPeriod, locale: str) -> str:
    """'September 2026' for a month, 'Q2 2026/27' for a financial quarter, '2025/26' for a financial year."""
    if period.frequency is Frequency.QUARTERLY:
        return f"Q{period.end.financial_quarter} {format_financial_year(period.end.financial_year_start)}"
    if period.frequency is Frequency.ANNUAL:
        return format_financial_year(period.end.financial_year_start)
    return format_month(period.end, locale)


@dataclass(frozen=True)
class Printer:
    """Values, money, periods and dates as text for one locale: made once from the pack's settings (the
    locale checked then) and passed down, so that nothing below the command line and the public API picks a
    locale of its own."""

    locale: str

    @classmethod
    def for_locale(cls, name: str) -> Printer:
        """A printer for a locale babel knows; ValueError for any other."""
        return cls(check_locale(name))

    def number(self, value: float, decimals: int = 0) -> str:
        return format_number(value, decimals, self.locale)

    def money(self, value: float, decimals: int = 0) -> str:
        return format_money(value, decimals, self.locale)

    def money_compact(self, value: float) -> str:
        return format_money_compact(value, self.locale)

    def percentage(self, value: float, decimals: int = 0) -> str:
        return format_percentage(value, decimals, self.locale)

    def value(self, value: float | None, unit: Unit, decimals: int = 0, missing: str = MISSING_TEXT) -> str:
        """A value as a table cell prints it: '27%', '1,924', '£10,080'; missing as 'No data'."""
        return format_value(value, unit, decimals, self.locale, missing)

    def indicator_value(self, indicator: Indicator, value: float | None) -> str:
        return format_value(value, indicator.unit, indicator.decimals, self.locale)

    def describe(self, value: float | None, unit: Unit, decimals: int = 0, missing: str = MISSING_TEXT) -> str:
        """A value as prose writes it, with its unit: '169.3 per 100,000'."""
        return describe_value(value, unit, decimals, self.locale, missing)

    def change(self, difference: float | None, unit: Unit, decimals: int = 0) -> str:
        return format_change(difference, unit, decimals, self.locale)

    def long_date(self, date: dt.date) -> str:
        return format_long_date(date, self.locale)

    def month(self, period: Period) -> str:
        return format_month(period, self.locale)

    def short_month(self, period: Period) -> str:
        return format_short_month(period, self.locale)

    def reporting_period(self, period: ReportingPeriod) -> str:
        return format_reporting_period(period, self.locale)

    @property
    def language(self) -> str:
        """The locale as a document's language tag: 'en-GB'."""
        return self.locale.replace("_", "-")

    def filters(self) -> dict[str, Callable[..., str]]:
        return jinja_filters(self.locale)
