"""Which indicators the committee needs to see charted: the exceptions, by a rule that agrees with
statistical process control, and any it asked for by name (pack.yaml's ``spotlight``).

An indicator is an exception when any of these holds:

- it is Red;
- its latest point is a special cause of concern;
- SPC cannot judge it (no reading on its latest figure: fewer than 13 points, a quarterly indicator with
  fewer than 13 quarters, an annual, year-to-date or rolling one, or trial limits since a rebase) and it
  moved the wrong way, on the figure it is compared with, by more than its amber tolerance. With no
  tolerance (or a relative one and no target to take it from) any move the wrong way at printed precision
  counts: the council has set no band within which a move is tolerated, and there is no statistical
  reading to call it noise;
- it is listed under ``spotlight:``.

Moving the wrong way while SPC reads common cause variation is noise, never an exception on its own (the
dashboard's summary still counts it as worsening).
"""

from __future__ import annotations

from enum import StrEnum

from ..formatting import round_half_up
from ..model import Indicator, Polarity
from .assessment import Assessment
from .rag import Rag
from .spc import SignalKind, Variation


class Reason(StrEnum):
    """Why an indicator is charted, as the caption says it."""

    RED = "Red"
    CONCERN = "a special cause of concern"
    MOVED = "worse by more than its tolerance, where SPC cannot judge it"
    WORSENED = "worse, with no tolerance set, where SPC cannot judge it"
    SPOTLIGHT = "asked for by the committee"


def moved_beyond_tolerance(assessment: Assessment) -> bool:
    """The latest figure is worse than the one it is compared with by more than the amber tolerance (at
    printed precision; any worsening when there is no tolerance band). False without both figures or for a
    neutral indicator."""
    indicator = assessment.indicator
    latest, previous = assessment.latest, assessment.previous
    if latest is None or previous is None or indicator.polarity is Polarity.NEUTRAL:
        return False
    change = float(round_half_up(latest, indicator.decimals) - round_half_up(previous, indicator.decimals))
    worse_by = -change if indicator.polarity is Polarity.HIGHER_IS_BETTER else change
    return round(worse_by - (tolerance_band(indicator) or 0.0), indicator.decimals + 6) > 0


def tolerance_band(indicator: Indicator) -> float | None:
    """How far the indicator may move the wrong way before it is an exception; None where no band is set (no
    tolerance, or a relative one and no target to take it from)."""
    tolerance = indicator.tolerance
    if tolerance is None or (tolerance.relative and indicator.target is None):
        return None
    return tolerance.band(indicator.target if indicator.target is not None else 0.0)


def exception_reasons(assessment: Assessment, variation: Variation | None, spotlight: frozenset[str]
                      ) -> tuple[Reason, ...]:
    """Every reason the indicator is an exception, in the order above; empty when it is not one.
    ``variation`` is SPC's reading of the latest figure, None where SPC cannot judge it."""
    reasons = []
    if assessment.rag is Rag.RED:
        reasons.append(Reason.RED)
    if variation is not None and variation.kind is SignalKind.CONCERN:
        reasons.append(Reason.CONCERN)
    if variation is None and moved_beyond_tolerance(assessment):
        reasons.append(Reason.MOVED if tolerance_band(assessment.indicator) is not None else Reason.WORSENED)
    if assessment.indicator.id in spotlight:
        reasons.append(Reason.SPOTLIGHT)
    return tuple(reasons)
