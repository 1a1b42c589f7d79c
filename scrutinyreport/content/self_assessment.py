"""What the self-assessment summary says of each quality statement, in words."""

from __future__ import annotations

from ..cqc_framework import SCORE_MEANINGS
from ..model import QualityStatement


def statement_heading(statement: QualityStatement) -> str:
    """'Assessing needs: 2 - Evidence shows some shortfalls'."""
    return f"{statement.name}: {statement.score} - {SCORE_MEANINGS[statement.score]}"
