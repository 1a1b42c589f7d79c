"""Disclosure control for published figures about people: small counts hidden, counts rounded, percentages
of few people withheld, and secondary suppression so that no hidden count can be worked out from a total.

Pure functions over numbers; what they return is already the published text. The method, as statistical
bodies publish it:

- a count from 1 to ``threshold - 1`` is hidden and printed "fewer than 5" (primary suppression); zero is
  shown, since there is nobody to identify;
- in a table with totals, a line (a row or column with its total) that hides exactly one cell would give it
  away by subtraction, so the smallest other non-zero cell of that line is hidden too ("withheld"), and so
  on until every line hides none or at least two (secondary suppression);
- that is not always enough (two hidden pairs joined through a third line can still be solved), so the
  pattern is then checked by solving: a hidden cell is disclosed when the line totals determine it, that
  is when its unit vector lies in the row space of the system of line equations; and, since a reader also
  knows that a "fewer than 5" cell is 1 to 4 and a withheld one is 5 or more, each small cell's possible
  range is found by linear programming (scipy's HiGHS) and must hold at least two whole numbers; more cells
  are hidden until both checks pass;
- shown counts, totals included, are then rounded to the nearest ``rounding`` (5 or 10) if the pack asks,
  each on its own, so rounded figures may not add up to the rounded total.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..formatting import format_number, round_half_up
from ..model import DisclosureSettings

if TYPE_CHECKING:
    import numpy as np

WITHHELD = "withheld"
ROUNDING_NOTE = ("Figures about numbers of people are rounded to the nearest {base}, so they may not add up "
                 "to the totals shown.")

Cell = tuple[int, int]


def applies(settings: DisclosureSettings, document: str) -> bool:
    """Whether the pack asks for disclosure control in ``document`` (local_account, regional_return)."""
    return document in settings.apply_to


def small_text(settings: DisclosureSettings) -> str:
    """'fewer than 5'."""
    return f"fewer than {settings.threshold}"


def is_small(value: float | None, settings: DisclosureSettings) -> bool:
    """A count that could identify someone: from 1 to threshold - 1."""
    return value is not None and 0 < value < settings.threshold


def round_count(value: float, base: int | None) -> int:
    """To the nearest ``base``, halves up (12.5 -> 15 for base 5); to a whole number without a base."""
    if not base:
        return int(round_half_up(value, 0))
    return int(round_half_up(value / base, 0)) * base


@dataclass(frozen=True)
class Shown:
    """A published count: the value printed (rounded; None when hidden) and its text."""

    value: int | None
    text: str
    hidden: bool = False
    small: bool = False       # hidden because it is small (primary), not to protect another cell

    @property
    def number(self) -> float:
        """The value for drawing: zero when hidden."""
        return float(self.value or 0)


def show_count(value: float | None, settings: DisclosureSettings, locale: str,
               missing: str = "No data") -> Shown:
    """One count on its own (no total to protect it against)."""
    if value is None:
        return Shown(None, missing, hidden=True)
    if is_small(value, settings):
        return Shown(None, small_text(settings), hidden=True, small=True)
    rounded = round_count(value, settings.rounding)
    return Shown(rounded, format_number(rounded, 0, locale))


def percent_withheld(denominator: float | None, settings: DisclosureSettings) -> bool:
    """A percentage of fewer people than the threshold is not published (its denominator is known)."""
    return denominator is not None and denominator < settings.threshold


def protect_indicator(unit: str, value: float | None, denominator: float | None, settings: DisclosureSettings,
                      locale: str) -> Shown | None:
    """An indicator's figure as published: a percentage of fewer people than the threshold is withheld, a
    count is protected like any count; None when the figure is published as it stands."""
    if value is None:
        return None
    if unit == "percent" and percent_withheld(denominator, settings):
        return Shown(None, WITHHELD, hidden=True)
    if unit == "count":
        return show_count(value, settings, locale)
    return None


# ------------------------------------------------------------------------------------------ tables

@dataclass(frozen=True)
class Lines:
    """The equations of a table with totals, over the cells of the extended grid: each line is a set of
    cells that add up to the line's total cell."""

    equations: tuple[tuple[tuple[Cell, ...], Cell], ...]

    @classmethod
    def of_table(cls, rows: int, columns: int, row_totals: bool, column_totals: bool) -> Lines:
        """A rows x columns table; row totals in column ``columns``, column totals in row ``rows`` (and, with
        both, the grand total at (rows, columns))."""
        equations = []
        if row_totals:
            for i in range(rows + (1 if column_totals else 0)):
                equations.append((tuple((i, j) for j in range(columns)), (i, columns)))
        if column_totals:
            for j in range(columns + (1 if row_totals else 0)):
                equations.append((tuple((i, j) for i in range(rows)), (rows, j)))
        return cls(tuple(equations))

    def members(self) -> list[tuple[Cell, ...]]:
        """Each equation as the cells it ties together (its parts and its total)."""
        return [parts + (total,) for parts, total in self.equations]


def disclosed(values: dict[Cell, float], hidden: set[Cell], lines: Lines) -> set[Cell]:
    """The hidden cells that the shown cells and the line equations determine exactly (by linear algebra:
    a cell is determined when its unit vector lies in the row space of the equations in the hidden cells)."""
    import numpy as np  # imported here: a rerun with nothing to build needs none

    unknowns = sorted(c for c in hidden if c in values)
    if not unknowns:
        return set()
    index = {cell: k for k, cell in enumerate(unknowns)}
    rows = []
    for members in lines.members():
        if not any(cell in index for cell in members):
            continue
        row = np.zeros(len(unknowns))
        parts, total = members[:-1], members[-1]
        for cell in parts:
            if cell in index:
                row[index[cell]] += 1
        if total in index:
            row[index[total]] -= 1
        rows.append(row)
    if not rows:
        return set()
    matrix = np.array(rows)
    rank = np.linalg.matrix_rank(matrix)
    found = set()
    for cell, k in index.items():
        unit = np.zeros(len(unknowns))
        unit[k] = 1
        if np.linalg.matrix_rank(np.vstack([matrix, unit])) == rank:
            found.add(cell)
    return found


def _system(values: dict[Cell, float], hidden: set[Cell], lines: Lines
            ) -> tuple[list[Cell], np.ndarray, np.ndarray]:
    """The hidden cells, and the line equations A x = b over them (the shown cells moved to the right)."""
    import numpy as np  # imported here: a rerun with nothing to build needs none

    unknowns = sorted(c for c in hidden if c in values)
    index = {cell: k for k, cell in enumerate(unknowns)}
    rows, right = [], []
    for parts, total in lines.equations:
        if not any(cell in index for cell in (*parts, total)):
            continue
        row, known = np.zeros(len(unknowns)), 0.0
        for cell, sign in [(c, 1.0) for c in parts] + [(total, -1.0)]:
            if cell in index:
                row[index[cell]] += sign
            else:
                known += sign * values.get(cell, 0.0)
        rows.append(row)
        right.append(-known)
    return unknowns, np.array(rows).reshape(len(rows), len(unknowns)), np.array(right)


def possible_ranges(values: dict[Cell, float], hidden: set[Cell], small: set[Cell], lines: Lines,
                    settings: DisclosureSettings) -> dict[Cell, tuple[float, float]]:
    """The lowest and highest value each small hidden cell could take, given what is published: the totals,
    the shown cells, that a small cell is 1 to threshold - 1 and that any other hidden cell is at least the
    threshold (zero is shown). For a table with line totals the bounds are whole numbers (its equations are
    totally unimodular), so a range with one whole number in it gives the cell away."""
    if not small & hidden:
        return {}   # nothing to bound: most tables have no small count, and then scipy is never imported
    import numpy as np  # imported here (as is scipy): a rerun with nothing to build needs neither
    from scipy.optimize import linprog

    unknowns, matrix, right = _system(values, hidden, lines)
    if not unknowns:
        return {}
    bounds = [(1, settings.threshold - 1) if cell in small else (settings.threshold, None) for cell in unknowns]
    found = {}
    for k, cell in enumerate(unknowns):
        if cell not in small:
            continue
        objective = np.zeros(len(unknowns))
        objective[k] = 1.0
        ends = []
        for sign in (1.0, -1.0):
            result = linprog(sign * objective, A_eq=matrix if len(matrix) else None,
                             b_eq=right if len(matrix) else None, bounds=bounds, method="highs")
            ends.append(sign * result.fun if result.status == 0 else values[cell])  # type: ignore[operator]  # set on success
        found[cell] = (ends[0], ends[1])
    return found


def exposed(values: dict[Cell, float], hidden: set[Cell], small: set[Cell], lines: Lines,
            settings: DisclosureSettings) -> set[Cell]:
    """Small hidden cells that a reader could pin down: determined by the equations, or left with a range of
    one whole number."""
    import numpy as np  # imported here: a rerun with nothing to build needs none

    found = {c for c in disclosed(values, hidden, lines) if c in small}
    for cell, (low, high) in possible_ranges(values, hidden, small, lines, settings).items():
        if np.floor(high + 1e-6) - np.ceil(low - 1e-6) < 1:
            found.add(cell)
    return found


def _complement(values: dict[Cell, float], hidden: set[Cell], members: Sequence[Cell],
                totals: set[Cell]) -> Cell | None:
    """The cell to hide next in a line: the smallest shown non-zero count, a part before the total."""
    candidates = [c for c in members if c in values and c not in hidden and values[c] > 0]
    if not candidates:
        return None
    return min(candidates, key=lambda c: (c in totals, values[c], c))


def suppression_pattern(values: dict[Cell, float], lines: Lines,
                        settings: DisclosureSettings) -> tuple[set[Cell], set[Cell]]:
    """(small cells, all hidden cells): the small counts, then complementary cells until no hidden cell can
    be worked out from the totals."""
    small = {cell for cell, value in values.items() if is_small(value, settings)}
    hidden = set(small)
    totals = {total for _, total in lines.equations}
    while True:
        changed = False
        for members in lines.members():
            if sum(1 for c in members if c in hidden) == 1:
                extra = _complement(values, hidden, members, totals)
                if extra is not None:
                    hidden.add(extra)
                    changed = True
        if changed:
            continue
        found = disclosed(values, hidden, lines) | exposed(values, hidden, small, lines, settings)
        if not found:
            return small, hidden
        added = False
        for cell in sorted(found):    # one more hidden cell beside each exposed one, then check again
            extras = [e for m in lines.members() if cell in m
                      if (e := _complement(values, hidden, m, totals)) is not None]
            if extras:
                hidden.add(min(extras, key=lambda c: (c in totals, values[c], c)))
                added = True
        if not added:   # nothing left to hide beside them: every cell of their lines is hidden or zero
            return small, hidden | found


@dataclass(frozen=True)
class ProtectedTable:
    """A table as published: cells by row, and the totals."""

    cells: list[list[Shown]]
    row_totals: list[Shown] | None      # one per row
    column_totals: list[Shown] | None   # one per column
    grand_total: Shown | None

    @property
    def hidden(self) -> int:
        every = [c for row in self.cells for c in row] + (self.row_totals or []) + (self.column_totals or [])
        return sum(1 for c in every if c.hidden and c.text != "No data")


def protect_table(values: Sequence[Sequence[float | None]], settings: DisclosureSettings, locale: str,
                  row_totals: bool = False, column_totals: bool = True, missing: str = "No data") -> ProtectedTable:
    """The table as published. Totals are worked out from the exact counts (missing cells count as
    nothing), then hidden and rounded like any other cell."""
    n_rows = len(values)
    n_columns = max((len(row) for row in values), default=0)
    grid: dict[Cell, float] = {}
    for i, row in enumerate(values):
        for j, value in enumerate(row):
            if value is not None:
                grid[(i, j)] = float(value)

    def line_sum(cells: Sequence[Cell]) -> float:
        return sum(grid.get(c, 0.0) for c in cells)

    if row_totals:
        for i in range(n_rows):
            grid[(i, n_columns)] = line_sum([(i, j) for j in range(n_columns)])
    if column_totals:
        for j in range(n_columns + (1 if row_totals else 0)):
            grid[(n_rows, j)] = line_sum([(i, j) for i in range(n_rows)])
    lines = Lines.of_table(n_rows, n_columns, row_totals, column_totals)
    small, hidden = suppression_pattern(grid, lines, settings)

    def shown(cell: Cell) -> Shown:
        if cell not in grid:
            return Shown(None, missing, hidden=True)
        if cell in small:
            return Shown(None, small_text(settings), hidden=True, small=True)
        if cell in hidden:
            return Shown(None, WITHHELD, hidden=True)
        rounded = round_count(grid[cell], settings.rounding)
        return Shown(rounded, format_number(rounded, 0, locale))

    cells = [[shown((i, j)) for j in range(n_columns)] for i in range(n_rows)]
    return ProtectedTable(
        cells=cells,
        row_totals=[shown((i, n_columns)) for i in range(n_rows)] if row_totals else None,
        column_totals=[shown((n_rows, j)) for j in range(n_columns)] if column_totals else None,
        grand_total=shown((n_rows, n_columns)) if row_totals and column_totals else None)


def notes(settings: DisclosureSettings, hidden_any: bool) -> list[str]:
    """The sentences that explain the control to a reader: always the rounding note when counts are rounded;
    the threshold note when something was hidden."""
    found = []
    if hidden_any:
        found.append(f"To protect people's privacy, we do not publish a number of people smaller than "
                     f"{settings.threshold}: it is shown as \u201c{small_text(settings)}\u201d. Where a "
                     f"small number could be worked out from a total, another figure is also "
                     f"\u201c{WITHHELD}\u201d. A percentage of fewer than {settings.threshold} people is not "
                     "published either.")
    if settings.rounding:
        found.append(ROUNDING_NOTE.format(base=settings.rounding))
    return found
