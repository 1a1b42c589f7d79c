"""The regional analysis, worked out once from the (checked) returns: numbers, not words.

Scores by council and quality statement; each council's indicative rating; for each statement the spread of
scores and the councils at each end; statements ranked by their average score; and for every ASCOF measure
that at least two councils report in the same unit, the councils' figures and the region's median.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from ..analysis.self_assessment import IndicativeRating
from ..model import Period, Polarity, Unit
from .returns import CouncilReturn, KeyIndicator

SCALE = (1, 2, 3, 4)


@dataclass(frozen=True)
class Statement:
    """A quality statement of the region's framework (ids in the order the returns first give them)."""

    id: str
    name: str
    theme: str


@dataclass(frozen=True)
class Spread:
    """One statement's scores across the councils that scored it."""

    statement: Statement
    counts: dict[int, int]            # score -> number of councils
    mean: float | None
    highest: int | None
    lowest: int | None
    at_highest: tuple[str, ...]       # councils, in council order
    at_lowest: tuple[str, ...]


@dataclass(frozen=True)
class Measure:
    """One ASCOF measure reported by two or more councils in the same unit."""

    code: str
    title: str                        # the title most councils give it
    unit: Unit
    polarity: Polarity
    decimals: int                     # the most decimals any council prints
    figures: tuple[tuple[str, KeyIndicator], ...]   # (council, its figure), in council order
    median: float | None
    usual_period: Period              # the period most councils' figures are for (the latest, on a tie)
    usual_label: str                  # that period as printed: 'September 2026', 'Q2 2026/27', '2025/26'
    other_period: tuple[str, ...]     # councils whose figure is for another period


@dataclass(frozen=True)
class RegionalAnalysis:
    returns: tuple[CouncilReturn, ...]          # in council order
    statements: tuple[Statement, ...]
    scores: dict[tuple[str, str], int]          # (council, statement id) -> score; absent: not scored
    ratings: dict[str, IndicativeRating | None]
    spreads: tuple[Spread, ...]
    measures: tuple[Measure, ...]
    usual_period: Period                        # the month most returns are for (the latest, on a tie)

    @property
    def councils(self) -> list[str]:
        return [found.council for found in self.returns]

    @property
    def themes(self) -> list[str]:
        return list(dict.fromkeys(statement.theme for statement in self.statements))


def _statements(returns: list[CouncilReturn]) -> tuple[Statement, ...]:
    names: dict[str, Counter[str]] = {}
    themes: dict[str, Counter[str]] = {}
    for found in returns:
        for s in found.statements:
            names.setdefault(s.id, Counter())[s.name] += 1
            themes.setdefault(s.id, Counter())[s.theme] += 1
    found_statements = [Statement(sid, names[sid].most_common(1)[0][0], themes[sid].most_common(1)[0][0])
                        for sid in names]
    theme_order = list(dict.fromkeys(s.theme for s in found_statements))
    return tuple(sorted(found_statements, key=lambda s: theme_order.index(s.theme)))


def _spread(statement: Statement, councils: list[str], scores: dict[tuple[str, str], int]) -> Spread:
    given = [(council, scores[(council, statement.id)]) for council in councils
             if (council, statement.id) in scores]
    values = [score for _, score in given]
    counts = {score: values.count(score) for score in SCALE}
    if not values:
        return Spread(statement, counts, None, None, None, (), ())
    high, low = max(values), min(values)
    return Spread(statement, counts, statistics.fmean(values), high, low,
                  tuple(c for c, s in given if s == high), tuple(c for c, s in given if s == low))


def exact_median(values: list[float]) -> float | None:
    """The middle figure (the mean of the two middle ones) worked out on the decimals as written, so that the
    median of 81.1 and 82.8 is 81.95 and prints as 82.0, not 81.9 from 81.94999... in binary."""
    if not values:
        return None
    return float(statistics.median(Decimal(repr(float(value))) for value in values))


def usual(periods: list[Period]) -> Period:
    """The most common month; the latest of those on a tie."""
    counted = Counter(periods)
    top = max(counted.values())
    return max(p for p, n in counted.items() if n == top)


def ascof_figures(returns: list[CouncilReturn]) -> dict[str, list[tuple[str, KeyIndicator]]]:
    """Each ASCOF code with the (council, figure) pairs that report it, in the order first given."""
    found: dict[str, list[tuple[str, KeyIndicator]]] = {}
    for council_return in returns:
        for indicator in council_return.indicators:
            if indicator.ascof:
                found.setdefault(indicator.ascof, []).append((council_return.council, indicator))
    return found


def comparable_codes(returns: list[CouncilReturn]) -> list[str]:
    """ASCOF codes that two or more councils report, each in one unit, in the order first given."""
    return [code for code, figures in ascof_figures(returns).items()
            if len({council for council, _ in figures}) >= 2 and len({i.unit for _, i in figures}) == 1]


def _measure(code: str, returns: list[CouncilReturn]) -> Measure:
    figures = []
    for found in returns:
        indicator = next((i for i in found.indicators if i.ascof == code), None)
        if indicator is not None:
            figures.append((found.council, indicator))
    first = figures[0][1]
    values = [i.value for _, i in figures if i.value is not None]
    periods = [i.period for _, i in figures if i.value is not None] or [i.period for _, i in figures]
    period = usual(periods)
    return Measure(
        code=code, title=Counter(i.title for _, i in figures).most_common(1)[0][0], unit=first.unit,
        polarity=Counter(i.polarity for _, i in figures).most_common(1)[0][0],
        decimals=max(i.decimals for _, i in figures), figures=tuple(figures),
        median=exact_median(values), usual_period=period,
        usual_label=next(i.period_label for _, i in figures if i.period == period),
        other_period=tuple(c for c, i in figures if i.value is not None and i.period != period))


def analyse_region(returns: list[CouncilReturn]) -> RegionalAnalysis:
    """The analysis of returns already in council order (see ``order_councils``)."""
    statements = _statements(returns)
    councils = [found.council for found in returns]
    scores = {(found.council, s.id): s.score for found in returns for s in found.statements}
    ratings = {found.council: found.rating() for found in returns}
    return RegionalAnalysis(
        returns=tuple(returns), statements=statements, scores=scores, ratings=ratings,
        spreads=tuple(_spread(s, councils, scores) for s in statements),
        measures=tuple(_measure(code, returns) for code in comparable_codes(returns)),
        usual_period=usual([found.period for found in returns]))


def order_councils(returns: list[CouncilReturn]) -> list[CouncilReturn]:
    """Councils by name, ignoring case."""
    return sorted(returns, key=lambda found: found.council.casefold())
