"""What every chart function returns: PNG bytes with the words that go with them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RenderedFigure:
    """A drawn figure. ``alt_text`` is short enough for Word's alt text box; ``description`` is the longer
    account for the document body; ``width_cm`` is the width to place it at (its PNG is drawn at that size)."""

    name: str
    png: bytes
    alt_text: str
    description: str
    width_cm: float
