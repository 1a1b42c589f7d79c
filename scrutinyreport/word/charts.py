"""Placing a native chart in a Word document: the chart part and its relationship, the embedded workbook
(Word's "Edit Data"), and an inline drawing whose alt text and title are the chart's.

The chart's XML and workbook come ready made (``figures/drawingml.py`` writes them from a chart spec); this
module only packages them, so it knows nothing of what a chart shows. Part names are the next free ones in
the package (``/word/charts/chartN.xml``, ``/word/embeddings/Microsoft_Excel_WorksheetN.xlsx``), so a chart
the template holds is never overwritten; in a docxtpl subdocument made by ``new_subdoc()`` a paragraph's
part is the template's document part, so the parts land in the template's package.
"""

from __future__ import annotations

import re
import weakref
from typing import Any, Protocol, TypeGuard
from xml.sax.saxutils import quoteattr

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement, parse_xml
from docx.text.paragraph import Paragraph

from .pictures import _indexes

CHART_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
WORKBOOK_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CHART_URI = "http://schemas.openxmlformats.org/drawingml/2006/chart"
WORKBOOK_RID = "rId1"     # the chart part's relationship to its workbook, as the chart's XML names it
EMU_PER_CM = 360000
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


class NativeChart(Protocol):
    """A chart to place: its name, the chart part's XML (relating to its workbook as ``rId1``), the workbook,
    the alt text and title for the drawing, and the size it was laid out at."""

    @property
    def name(self) -> str: ...
    @property
    def chart_xml(self) -> bytes: ...
    @property
    def workbook(self) -> bytes: ...
    @property
    def alt_text(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def subtitle(self) -> str: ...
    @property
    def width_cm(self) -> float: ...
    @property
    def height_cm(self) -> float: ...


def is_native_chart(figure: object) -> TypeGuard[NativeChart]:
    """True for a native chart (a picture has PNG bytes instead)."""
    return hasattr(figure, "chart_xml")


class _PackageCharts:
    """The next free chart and workbook numbers of a package, found once (python-docx's ``next_partname``
    walks every part of the package for each new name)."""

    def __init__(self, package: Any):
        self.used: dict[str, set[int]] = {"chart": set(), "book": set()}
        for part in package.iter_parts():
            name = str(part.partname)
            for kind, pattern in (("chart", r"/word/charts/chart(\d+)\.xml"),
                                  ("book", r"/word/embeddings/Microsoft_Excel_Worksheet(\d+)\.xlsx")):
                match = re.fullmatch(pattern, name)
                if match:
                    self.used[kind].add(int(match.group(1)))

    def next_number(self, kind: str) -> int:
        number = 1
        while number in self.used[kind]:
            number += 1
        self.used[kind].add(number)
        return number


_CHARTS: weakref.WeakKeyDictionary[Any, _PackageCharts] = weakref.WeakKeyDictionary()


def place_chart(paragraph: Paragraph, chart: NativeChart, width_cm: float) -> None:
    """Append the chart inline at the end of the paragraph, ``width_cm`` wide (its height in proportion)."""
    part = paragraph.part
    package = part.package
    numbers = _CHARTS.get(package)
    if numbers is None:
        numbers = _CHARTS[package] = _PackageCharts(package)
    _, shapes = _indexes(part)
    chart_part = Part(PackURI(f"/word/charts/chart{numbers.next_number('chart')}.xml"), CHART_CONTENT_TYPE,
                      chart.chart_xml, package)
    workbook_part = Part(PackURI(f"/word/embeddings/Microsoft_Excel_Worksheet{numbers.next_number('book')}.xlsx"),
                         WORKBOOK_CONTENT_TYPE, chart.workbook, package)
    chart_part.rels.add_relationship(RT.PACKAGE, workbook_part, WORKBOOK_RID)
    rel_id = shapes.relate(RT.CHART, chart_part)
    height_cm = chart.height_cm * width_cm / chart.width_cm
    inline = (
        f'<wp:inline distT="0" distB="0" distL="0" distR="0" xmlns:wp="{_WP}" xmlns:a="{_A}" '
        f'xmlns:c="{CHART_URI}" xmlns:r="{_R}">'
        f'<wp:extent cx="{round(width_cm * EMU_PER_CM)}" cy="{round(height_cm * EMU_PER_CM)}"/>'
        '<wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:docPr id="{shapes.next_shape}" name={quoteattr(chart.name)} descr={quoteattr(chart.alt_text)} '
        f'title={quoteattr(chart.title)}/>'
        '<wp:cNvGraphicFramePr/>'
        f'<a:graphic><a:graphicData uri="{CHART_URI}"><c:chart r:id="{rel_id}"/></a:graphicData></a:graphic>'
        '</wp:inline>'
    )
    shapes.next_shape += 1
    drawing = OxmlElement("w:drawing")
    drawing.append(parse_xml(inline))
    paragraph.add_run()._r.append(drawing)
