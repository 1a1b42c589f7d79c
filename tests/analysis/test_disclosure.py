"""Disclosure control: small counts hidden, secondary suppression checked by solving for the hidden cells,
rounding, and percentages of few people withheld."""

from __future__ import annotations

import random

import pytest

from helpers.disclosure import possible_values
from scrutinyreport.analysis.disclosure import (
    WITHHELD,
    Lines,
    disclosed,
    percent_withheld,
    protect_indicator,
    protect_table,
    round_count,
    show_count,
    suppression_pattern,
)
from scrutinyreport.model import DisclosureSettings

FIVE = DisclosureSettings(threshold=5)
ROUND_5 = DisclosureSettings(threshold=5, rounding=5)


def test_a_group_of_3_is_fewer_than_5_and_its_total_cannot_reveal_it():
    people = [120, 3, 40, 22]                       # one year: four support needs, one of them 3 people
    table = protect_table([[v] for v in people], FIVE, "en_GB")
    texts = [row[0].text for row in table.cells]
    assert texts[1] == "fewer than 5"
    assert table.column_totals[0].text == "185"     # the total is published...
    assert texts.count(WITHHELD) == 1               # ...so a second cell is withheld (the next smallest)
    assert texts[3] == WITHHELD
    # A reader knows the total and the shown cells; solve for the hidden ones (the small one is 1 to 4).
    shown = sum(table.cells[i][0].value for i in range(4) if table.cells[i][0].value is not None)
    values = possible_values("small", {"small": (1, 4), "other": (5, 185)}, [(["small", "other"], 185 - shown)])
    assert values == {1, 2, 3, 4}                   # every value from 1 to 4 fits: it cannot be worked out


def test_without_secondary_suppression_the_total_would_give_it_away():
    """The solving check itself: hide only the small cell and the total determines it."""
    values = {(0, 0): 120.0, (1, 0): 3.0, (2, 0): 40.0, (3, 0): 22.0, (4, 0): 185.0}
    lines = Lines.of_table(4, 1, row_totals=False, column_totals=True)
    assert disclosed(values, {(1, 0)}, lines) == {(1, 0)}
    assert disclosed(values, {(1, 0), (3, 0)}, lines) == set()
    assert possible_values("small", {"small": (0, 185)}, [(["small"], 185 - 120 - 40 - 22)]) == {3}


def test_two_years_side_by_side_each_year_protected_by_its_own_total():
    table = protect_table([[120, 131], [3, 8], [40, 43], [22, 27]], FIVE, "en_GB")
    assert [row[0].text for row in table.cells] == ["120", "fewer than 5", "40", WITHHELD]
    assert [row[1].text for row in table.cells] == ["131", "8", "43", "27"]   # nothing small in the later year
    assert [t.text for t in table.column_totals] == ["185", "209"]


def test_a_bridge_between_two_protected_blocks_is_found_by_solving():
    """Every line hides two or more cells, yet the cell joining two hidden rectangles is determined by the
    totals: the line rule alone is not enough, which is why the pattern is checked by solving."""
    lines = Lines.of_table(4, 4, row_totals=True, column_totals=True)
    values = {(i, j): float(10 + i + j) for i in range(4) for j in range(4)}
    for i in range(4):
        values[(i, 4)] = sum(values[(i, j)] for j in range(4))
    for j in range(5):
        values[(4, j)] = sum(values[(i, j)] for i in range(4))
    hidden = {(0, 0), (0, 1), (1, 0), (1, 1), (2, 2), (2, 3), (3, 2), (3, 3), (1, 2)}
    assert disclosed(values, hidden, lines) == {(1, 2)}
    hidden.remove((1, 2))
    assert disclosed(values, hidden, lines) == set()


def _brute_force_protected(table: list[list[int]], hidden: set[tuple[int, int]], small: set[tuple[int, int]]) -> bool:
    """True when no small cell can be worked out: solving every row and column total (as published) for the
    hidden cells leaves each small cell with more than one possible value."""
    rows, columns = len(table), len(table[0])
    row_totals = [sum(r) for r in table]
    column_totals = [sum(table[i][j] for i in range(rows)) for j in range(columns)]
    names = {cell: f"{cell[0]},{cell[1]}" for cell in hidden}
    # what a reader knows: "fewer than 5" is 1 to 4; "withheld" is 5 or more (a zero or small one is not withheld)
    ranges = {names[c]: (1, 4) if c in small else (5, min(row_totals[c[0]], column_totals[c[1]])) for c in hidden}
    equations = []
    for i in range(rows):
        cells = [names[(i, j)] for j in range(columns) if (i, j) in hidden]
        if cells:
            equations.append((cells, row_totals[i] - sum(table[i][j] for j in range(columns) if (i, j) not in hidden)))
    for j in range(columns):
        cells = [names[(i, j)] for i in range(rows) if (i, j) in hidden]
        if cells:
            equations.append((cells, column_totals[j] - sum(table[i][j] for i in range(rows) if (i, j) not in hidden)))
    return all(len(possible_values(names[c], ranges, equations)) > 1 for c in small)


def test_random_tables_with_row_and_column_totals_never_give_a_small_cell_away():
    generator = random.Random(15)
    checked = 0
    for _ in range(50):
        table = [[generator.choice([0, 1, 2, 3, 4, 6, 8, 11, 14]) for _ in range(3)] for _ in range(3)]
        result = protect_table(table, FIVE, "en_GB", row_totals=True, column_totals=True)
        if any(t.hidden for t in (result.row_totals or []) + (result.column_totals or [])):
            continue       # a small total is itself hidden: the brute force below assumes totals are known
        hidden = {(i, j) for i in range(3) for j in range(3) if result.cells[i][j].hidden}
        small = {(i, j) for i in range(3) for j in range(3) if result.cells[i][j].small}
        if not small:
            continue
        assert _brute_force_protected(table, hidden, small), (table, sorted(hidden))
        checked += 1
    assert checked >= 10


def test_knowing_a_hidden_cell_is_small_can_give_it_away_so_ranges_are_checked_too():
    """Six hidden cells on one cycle satisfy the line rule and no equation determines a cell, but a reader who
    knows both small cells are 1 to 4 can pin one down (the cycle leaves x and 8 - x, both 1 to 4: x = 4).
    The possible ranges, found by linear programming, catch it and one more cell is withheld."""
    table = [[6, 8, 8], [6, 0, 4], [11, 4, 14]]
    cycle = {(0, 1), (0, 2), (1, 0), (1, 2), (2, 0), (2, 1)}
    assert not _brute_force_protected(table, cycle, {(1, 2), (2, 1)})
    result = protect_table(table, FIVE, "en_GB", row_totals=True, column_totals=True)
    hidden = {(i, j) for i in range(3) for j in range(3) if result.cells[i][j].hidden}
    assert cycle < hidden
    assert _brute_force_protected(table, hidden, {(1, 2), (2, 1)})


def test_zero_is_shown_and_a_line_of_zeros_leaves_nothing_to_hide_beside_it():
    table = protect_table([[0], [2], [0]], FIVE, "en_GB")
    assert [row[0].text for row in table.cells] == ["0", "fewer than 5", "0"]
    assert table.column_totals[0].text == "fewer than 5"   # the total is small too, so it is hidden


@pytest.mark.parametrize("value, base, expected", [(12.4, 5, 10), (12.5, 5, 15), (7, 5, 5), (2318, 5, 2320),
                                                   (2318, 10, 2320), (15, 10, 20), (14, None, 14)])
def test_rounding_to_the_nearest_base_halves_up(value, base, expected):
    assert round_count(value, base) == expected


def test_rounding_applies_to_every_shown_count_and_total():
    table = protect_table([[1271, 1262], [498, 486], [3, 38], [226, 214]], ROUND_5, "en_GB")
    shown = [cell for row in table.cells for cell in row if not cell.hidden] + list(table.column_totals)
    assert shown and all(cell.value % 5 == 0 for cell in shown)
    assert table.cells[2][0].text == "fewer than 5"
    assert [t.text for t in table.column_totals] == ["2,000", "2,000"]


def test_single_counts_and_percentages_of_few_people():
    assert show_count(3, FIVE, "en_GB").text == "fewer than 5"
    assert show_count(5, FIVE, "en_GB").text == "5"
    assert show_count(1924, ROUND_5, "en_GB").text == "1,925"
    assert percent_withheld(4, FIVE) and not percent_withheld(5, FIVE) and not percent_withheld(None, FIVE)
    assert protect_indicator("percent", 75.0, 4, FIVE, "en_GB").text == WITHHELD
    assert protect_indicator("percent", 75.0, 40, FIVE, "en_GB") is None            # published as it stands
    assert protect_indicator("count", 3, None, FIVE, "en_GB").text == "fewer than 5"
    assert protect_indicator("rate_per_100k", 3.0, None, FIVE, "en_GB") is None


def test_suppression_pattern_returns_the_small_cells_apart():
    values = {(0, 0): 3.0, (1, 0): 30.0, (2, 0): 50.0, (3, 0): 83.0}
    small, hidden = suppression_pattern(values, Lines.of_table(3, 1, False, True), FIVE)
    assert small == {(0, 0)} and hidden == {(0, 0), (1, 0)}
