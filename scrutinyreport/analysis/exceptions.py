"""Which indicators the committee needs to see charted: the exceptions (Red, worsening, or a special cause
of concern) and any it asked for by name (pack.yaml's ``spotlight``)."""

from __future__ import annotations

from enum import StrEnum

from .assessment import Assessment
from .rag import Rag
from .spc import SignalKind, Variation


class Reason(StrEnum):
    """Why an indicator is charted, as the caption says it."""

    RED = "Red"
    WORSENING = "worsening"
    CONCERN = "a special cause of concern"
    SPOTLIGHT = "asked for by the committee"


def exception_reasons(assessment: Assessment, variation: Variation | None, spotlight: frozenset[str]
                      ) -> tuple[Reason, ...]:
    """Every reason the indicator is an exception, in the order above; empty when it is not one."""
    reasons = []
    if assessment.rag is Rag.RED:
        reasons.append(Reason.RED)
    if assessment.direction is not None and assessment.direction.worsening:
        reasons.append(Reason.WORSENING)
    if variation is not None and variation.kind is SignalKind.CONCERN:
        reasons.append(Reason.CONCERN)
    if assessment.indicator.id in spotlight:
        reasons.append(Reason.SPOTLIGHT)
    return tuple(reasons)
