"""RAG and direction of travel (DESIGN section 4), table-driven, boundaries included."""

import pytest

from scrutinyreport.analysis.direction import Movement, direction_of_travel
from scrutinyreport.analysis.rag import Rag, target_or_improving_rag, target_rag
from scrutinyreport.model import Indicator, Polarity, Tolerance, Unit

HIGHER, LOWER, NEUTRAL = Polarity.HIGHER_IS_BETTER, Polarity.LOWER_IS_BETTER, Polarity.NEUTRAL


def indicator(polarity=HIGHER, target=77.5, tolerance=Tolerance(5), decimals=1, unit=Unit.PERCENT):
    return Indicator("x", "X", "Theme", unit, polarity, target, tolerance, decimals)


@pytest.mark.parametrize("polarity, target, tolerance, decimals, value, expected", [
    (HIGHER, 77.5, Tolerance(5), 1, 77.5, Rag.GREEN),        # exactly on target
    (HIGHER, 77.5, Tolerance(5), 1, 90.0, Rag.GREEN),
    (HIGHER, 77.5, Tolerance(5), 1, 77.4, Rag.AMBER),
    (HIGHER, 77.5, Tolerance(5), 1, 72.5, Rag.AMBER),        # exactly at the edge of tolerance
    (HIGHER, 77.5, Tolerance(5), 1, 72.4, Rag.RED),
    (HIGHER, 77.5, Tolerance(5), 1, 77.46, Rag.GREEN),       # prints as 77.5: on target as printed
    (HIGHER, 77.5, Tolerance(5), 1, 72.45, Rag.AMBER),       # prints as 72.5: the edge, as printed
    (HIGHER, 77.5, None, 1, 77.4, Rag.RED),                  # no amber band
    (LOWER, 550, Tolerance(10, relative=True), 0, 550, Rag.GREEN),
    (LOWER, 550, Tolerance(10, relative=True), 0, 605, Rag.AMBER),   # 10% of 550 = 55: edge included
    (LOWER, 550, Tolerance(10, relative=True), 0, 606, Rag.RED),
    (LOWER, 550, Tolerance(10, relative=True), 0, 400, Rag.GREEN),
    (HIGHER, 25, Tolerance(10, relative=True), 0, 22.5, Rag.AMBER),  # 22.5 prints 23 (half up): within 2.5
    (HIGHER, 0.3, Tolerance(0.1), 1, 0.2, Rag.AMBER),        # float noise: 0.3 - 0.2 is not above 0.1
    (NEUTRAL, 100, Tolerance(5), 0, 50, Rag.NO_TARGET),
    (HIGHER, None, None, 0, 50, Rag.NO_TARGET),
    (HIGHER, 77.5, Tolerance(5), 1, None, Rag.NO_DATA),
])
def test_rag(polarity, target, tolerance, decimals, value, expected):
    assert target_rag(indicator(polarity, target, tolerance, decimals), value) is expected


def test_rag_is_always_a_printable_word():
    assert [r.value for r in Rag] == ["Green", "Amber", "Red", "No target", "No data"]


def test_the_optional_rule_shows_an_improving_red_as_amber():
    item = indicator(tolerance=None)
    assert target_or_improving_rag(item, 60, improving=True) is Rag.AMBER
    assert target_or_improving_rag(item, 60, improving=False) is Rag.RED
    assert target_or_improving_rag(item, 80, improving=False) is Rag.GREEN


@pytest.mark.parametrize("polarity, decimals, latest, earlier, movement, word", [
    (HIGHER, 1, 82.8, 81.9, Movement.UP, "Improving"),
    (HIGHER, 1, 80.0, 81.9, Movement.DOWN, "Worsening"),
    (LOWER, 0, 540, 560, Movement.DOWN, "Improving"),
    (LOWER, 0, 580, 560, Movement.UP, "Worsening"),
    (HIGHER, 1, 82.84, 82.76, Movement.LEVEL, "No change"),   # both print as 82.8
    (HIGHER, 0, 27.4, 26.6, Movement.LEVEL, "No change"),     # both print as 27
    (HIGHER, 1, 82.85, 82.76, Movement.UP, "Improving"),      # 82.9 against 82.8
    (NEUTRAL, 0, 1924, 1850, Movement.UP, "Increased"),
    (NEUTRAL, 0, 1800, 1850, Movement.DOWN, "Decreased"),
])
def test_direction_of_travel(polarity, decimals, latest, earlier, movement, word):
    direction = direction_of_travel(indicator(polarity, decimals=decimals), latest, earlier)
    assert (direction.movement, direction.word) == (movement, word)
    assert direction.arrow == {"up": "\u2191", "down": "\u2193", "level": "\u2192"}[movement.value]


@pytest.mark.parametrize("latest, earlier", [(None, 5.0), (5.0, None), (None, None)])
def test_no_direction_without_both_values(latest, earlier):
    assert direction_of_travel(indicator(), latest, earlier) is None
