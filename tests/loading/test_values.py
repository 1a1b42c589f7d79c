import pytest

from scrutinyreport.errors import ValueProblem
from scrutinyreport.loading.values import is_missing, parse_number, parse_optional_number
from scrutinyreport.model import Unit


@pytest.mark.parametrize("text, unit, expected", [
    ("27%", Unit.PERCENT, 27.0),
    ("27", Unit.PERCENT, 27.0),
    ("11.7 %", Unit.PERCENT, 11.7),
    ("1,924", Unit.COUNT, 1924.0),
    ("1,924,500", Unit.COUNT, 1924500.0),
    ("\u00a310,080", Unit.CURRENCY, 10080.0),
    ("-\u00a3250", Unit.CURRENCY, -250.0),
    ("(250)", Unit.CURRENCY, -250.0),
    ("791.4", Unit.RATE_PER_100K, 791.4),
    ("  42 ", Unit.DAYS, 42.0),
    ("\u00a0558\u00a0", Unit.RATE_PER_100K, 558.0),
    (".5", Unit.SCORE, 0.5),
    ("-3", Unit.COUNT, -3.0),
])
def test_figures_as_spreadsheets_export_them_parse(text, unit, expected):
    assert parse_number(text, unit) == expected


@pytest.mark.parametrize("text", ["", "-", "n/a", "N/A", "No data", "no  data", "New data unavailable",
                                  "\u2013", "  "])
def test_missing_markers_are_missing_never_zero(text):
    assert is_missing(text)
    assert parse_optional_number(text, Unit.COUNT) is None


@pytest.mark.parametrize("text, unit", [
    ("12.5.3", Unit.COUNT), ("abc", Unit.COUNT), ("1,92,4", Unit.COUNT), ("27%", Unit.COUNT),
    ("\u00a35", Unit.PERCENT), ("12,", Unit.COUNT), ("5.", Unit.COUNT), ("--5", Unit.COUNT),
    ("1 000 000x", Unit.COUNT), ("%", Unit.PERCENT), ("zero", Unit.COUNT),
])
def test_text_where_a_number_is_needed_is_refused_with_what_was_expected(text, unit):
    with pytest.raises(ValueProblem) as caught:
        parse_number(text, unit)
    assert "expected" in str(caught.value)


def test_zero_is_a_figure_not_missing():
    assert parse_optional_number("0", Unit.COUNT) == 0.0
    assert not is_missing("0")
