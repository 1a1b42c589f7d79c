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


@dataclass(frozen=True)
class NativeChart:
    """A chart spec written as a native Word chart: the chart part (``c:chartSpace``, its workbook related
    as ``rId1``) and the embedded workbook holding exactly the plotted values. ``title`` is drawn in the
    chart; ``subtitle`` is not (a chart title takes one format in LibreOffice), so the document prints it.
    ``width_cm`` and ``height_cm`` are the size it is drawn at; placed narrower, it keeps its proportions."""

    name: str
    chart_xml: bytes
    workbook: bytes
    alt_text: str
    description: str
    title: str
    subtitle: str
    width_cm: float
    height_cm: float
