"""The indicative overall rating that self-assessed scores imply under CQC's published method."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from ..cqc_framework import RATING_BANDS
from ..model import QualityStatement


@dataclass(frozen=True)
class IndicativeRating:
    total: int
    maximum: int
    percentage: int
    rating: str


def indicative_rating(statements: tuple[QualityStatement, ...] | list[QualityStatement]) -> IndicativeRating:
    """Every statement weighted equally; the share of the maximum, rounded to a whole percentage, banded:
    25-38% Inadequate, 39-62% Requires improvement, 63-87% Good, 88% and over Outstanding."""
    if not statements:
        raise ValueError("no quality statements to rate")
    total = sum(statement.score for statement in statements)
    maximum = 4 * len(statements)
    percentage = int((Decimal(total * 100) / maximum).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    rating = next(name for floor, name in RATING_BANDS if percentage >= floor)
    return IndicativeRating(total, maximum, percentage, rating)
