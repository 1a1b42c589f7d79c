"""Checks across returns that no schema can make: one return per council, one framework, the same quality
statements, the same period, measures reported in the same unit, ratings that match the scores.

Errors stop the summary (two returns from one council; a different framework, whose scores cannot be set
beside the others); warnings are printed and the summary says what they mean (a statement a council did not
score shows "Not scored"; figures for another period are marked as such)."""

from __future__ import annotations

from collections import Counter

from ..content.regional_return import rating_text
from ..cqc_framework import SCORE_MEANINGS
from ..errors import Problems, Reason
from ..formatting import Printer
from ..model import Period
from .analysis import ascof_figures
from .returns import CouncilReturn

REGION = "returns"   # where a problem that belongs to no single file is reported


def council_key(name: str) -> str:
    """Names compared as a reader would: case and spacing ignored."""
    return " ".join(name.casefold().split())


def _duplicates(returns: list[CouncilReturn], problems: Problems) -> None:
    first: dict[str, CouncilReturn] = {}
    for found in returns:
        key = council_key(found.council)
        if key in first:
            problems.error(found.source, f"council: {found.council!r} already sent {first[key].source}: the "
                                         "region takes one return per council (remove one of them)",
                           reason=Reason.DUPLICATE)
        else:
            first[key] = found


def _frameworks(returns: list[CouncilReturn], problems: Problems) -> None:
    counts = Counter(found.framework for found in returns)
    if len(counts) < 2:
        return
    (usual, most), (_, next_most) = counts.most_common(2)
    if most == next_most:   # no framework most returns share: none of them can be named as the odd one out
        listed = "; ".join(f"{found.source}: {found.framework!r}" for found in returns)
        problems.error(REGION, f"the returns are on different frameworks ({listed}): scores on different "
                               "frameworks cannot be compared; put the returns on one framework together",
                       reason=Reason.INCONSISTENT)
        return
    for found in returns:
        if found.framework != usual:
            problems.error(found.source, f"framework: {found.framework!r} is not the framework of the other "
                                         f"returns ({usual!r}): scores on different frameworks cannot be compared",
                           reason=Reason.INCONSISTENT)


def _statements(returns: list[CouncilReturn], problems: Problems) -> None:
    names: dict[str, Counter[str]] = {}
    for found in returns:
        for statement in found.statements:
            names.setdefault(statement.id, Counter())[statement.name] += 1
    for found in returns:
        own = {s.id: s for s in found.statements}
        missing = [sid for sid in names if sid not in own]
        if missing:
            listed = ", ".join(f"{sid} ({names[sid].most_common(1)[0][0]})" for sid in missing)
            problems.warning(found.source, f"themes: no score for {listed}, which other returns score: the "
                                           "summary shows it as not scored", reason=Reason.MISSING_VALUE)
        for sid, statement in own.items():
            usual = names[sid].most_common(1)[0][0]
            if statement.name != usual:
                problems.warning(found.source, f"themes: the statement {sid} is called {statement.name!r} here "
                                               f"and {usual!r} in other returns: the summary uses {usual!r}",
                                 reason=Reason.INCONSISTENT)
            if SCORE_MEANINGS.get(statement.score) != statement.score_meaning:
                problems.warning(found.source, f"themes: {sid} scores {statement.score} but its score_meaning "
                                               f"is {statement.score_meaning!r}: the summary uses the score",
                                 reason=Reason.INCONSISTENT)


def _periods(returns: list[CouncilReturn], problems: Problems, printer: Printer) -> None:
    by_period: dict[Period, list[CouncilReturn]] = {}
    for found in returns:
        by_period.setdefault(found.period, []).append(found)
    if len(by_period) < 2:
        return
    most = max(len(found) for found in by_period.values())
    parts: list[str] = []
    for period, councils in sorted(by_period.items(), key=lambda item: (-len(item[1]), str(item[0]))):
        if len(councils) == most and len(parts) == 0:
            parts.append(f"{printer.month(period)}: {', '.join(r.council for r in councils)}")
        else:
            parts.append(f"{printer.month(period)}: " + ", ".join(f"{r.council} ({r.source})" for r in councils))
    problems.warning(REGION, f"the returns are for different periods ({'; '.join(parts)}); the summary says "
                             "which councils' figures are for another period", reason=Reason.INCONSISTENT)


def _ratings(returns: list[CouncilReturn], problems: Problems, printer: Printer) -> None:
    for found in returns:
        rating = found.rating()
        if rating is None or found.recorded_rating is None:
            continue
        worked_out = rating_text(rating, printer)
        if worked_out != found.recorded_rating:
            problems.warning(found.source, f"indicative_rating.text: {found.recorded_rating!r} does not follow "
                                           f"from the scores, which give {worked_out!r}: the summary uses the "
                                           "scores", reason=Reason.INCONSISTENT)


def _units(returns: list[CouncilReturn], problems: Problems) -> None:
    for code, figures in ascof_figures(returns).items():
        units = sorted({indicator.unit.value for _, indicator in figures})
        if len(units) > 1:
            problems.warning(REGION, f"ASCOF {code} is reported in different units ({', '.join(units)}): it is "
                                     "left out of the comparison", reason=Reason.INCONSISTENT)


def check_returns(returns: list[CouncilReturn], problems: Problems, printer: Printer) -> None:
    """Add every problem across the returns to problems."""
    if len(returns) == 1:
        problems.warning(REGION, "only one return: the summary has no other council to compare it with",
                         reason=Reason.LEFT_OUT)
    _duplicates(returns, problems)
    _frameworks(returns, problems)
    _statements(returns, problems)
    _periods(returns, problems, printer)
    _ratings(returns, problems, printer)
    _units(returns, problems)
