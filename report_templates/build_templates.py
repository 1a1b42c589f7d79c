"""Build the Word templates of the pack: committee_update.docx (the cover report, A4 portrait, numbered
sections), self_assessment_summary.docx (Appendix 1, portrait), dashboard_appendix.docx (Appendix 2,
A4 landscape), local_account.docx (the public Local Account, portrait, under the council's own header) and
the region's regional_summary.docx (portrait). They share the report's styles, with unnumbered headings.

Run from the repository root:  python report_templates/build_templates.py

It writes them into scrutinyreport/templates/, where the package reads them (package data). The output is
committed too, so a council can start from either this script or the .docx. The template is
an ordinary Word document: every piece of formatting is a named style (see
scrutinyreport/documents/styles.py), section numbers come from one style-linked multilevel list
(scrutinyreport/documents/numbering.py), and the body holds docxtpl tags. The output is byte-for-byte the
same on every run (fixed dates, ids and zip timestamps), so rebuilding gives no diff.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Twips
from docx.styles import BabelFish
from lxml import etree

HERE = Path(__file__).resolve().parent
OUTPUT = HERE.parent / "scrutinyreport" / "templates"
sys.path.insert(0, str(HERE.parent))

from scrutinyreport.word import numbering as N  # noqa: E402
from scrutinyreport.word import styles as S  # noqa: E402
from scrutinyreport.word.render import stable_zip  # noqa: E402

# A4 portrait, 2 cm side margins, 2.5 cm top and bottom (twentieths of a point; 567 = 1 cm).
PAGE_WIDTH, PAGE_HEIGHT = 11906, 16838
MARGIN_SIDE, MARGIN_TOP, MARGIN_BOTTOM, HEADER_FOOTER = 1134, 1418, 1418, 709
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN_SIDE
COLUMN = N.NUMBER_COLUMN                  # the number column of section numbering
DETAILS_TAB = 3402                        # "Report of:" <tab> ... (6 cm)
FIXED_TIME = dt.datetime(2024, 1, 1, 0, 0, 0, tzinfo=dt.UTC)
CORE_XML = (
    '<cp:coreProperties'
    ' xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
    ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
    ' xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    '<dc:title>Committee report</dc:title><dc:subject></dc:subject><dc:creator></dc:creator>'
    '<cp:keywords></cp:keywords><dc:description></dc:description><cp:lastModifiedBy></cp:lastModifiedBy>'
    '<cp:revision>1</cp:revision>'
    f'<dcterms:created xsi:type="dcterms:W3CDTF">{FIXED_TIME:%Y-%m-%dT%H:%M:%SZ}</dcterms:created>'
    f'<dcterms:modified xsi:type="dcterms:W3CDTF">{FIXED_TIME:%Y-%m-%dT%H:%M:%SZ}</dcterms:modified>'
    '</cp:coreProperties>'
)

# --------------------------------------------------------------------------------------------------
# Minimal WordprocessingML builder that keeps children in schema sequence

_SEQUENCES = {
    "style": ["name", "aliases", "basedOn", "next", "link", "autoRedefine", "hidden", "uiPriority",
              "semiHidden", "unhideWhenUsed", "qFormat", "locked", "personal", "personalCompose",
              "personalReply", "rsid", "pPr", "rPr", "tblPr", "trPr", "tcPr", "tblStylePr"],
    "pPr": ["pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
            "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
            "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
            "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
            "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
            "sectPr", "pPrChange"],
    "rPr": ["rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline",
            "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing",
            "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText",
            "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath"],
    "tblPr": ["tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize",
              "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar",
              "tblLook"],
    "tcPr": ["cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar",
             "textDirection", "tcFitText", "vAlign", "hideMark"],
    "tblStylePr": ["pPr", "rPr", "tblPr", "trPr", "tcPr"],
    "tblBorders": ["top", "left", "bottom", "right", "insideH", "insideV"],
    "tblCellMar": ["top", "left", "bottom", "right"],
}


def E(tag: str, *children, **attributes):
    """Element w:<tag> with w: attributes; children are sorted into schema sequence."""
    element = etree.Element(qn(f"w:{tag}"))
    for key, value in attributes.items():
        element.set(qn(f"w:{key}"), str(value))
    order = _SEQUENCES.get(tag)
    kids = [c for c in children if c is not None]
    if order:
        kids.sort(key=lambda c: order.index(etree.QName(c).localname))
    for child in kids:
        element.append(child)
    return element


def border(side: str, size: int = 4, color: str = "auto"):
    return E(side, val="single", sz=size, space=0, color=color)


def style(kind: str, style_id: str, name: str, *, based_on: str | None = None, next_: str | None = None,
          priority: int | None = None, qformat: bool = False, default: bool = False, custom: bool = False,
          hidden_until_used: bool = False, ppr=(), rpr=(), extra=()):
    children = [E("name", val=BabelFish.ui2internal(name))]   # Word's own names: "heading 1", "caption"
    if based_on:
        children.append(E("basedOn", val=based_on))
    if next_:
        children.append(E("next", val=next_))
    if priority is not None:
        children.append(E("uiPriority", val=priority))
    if hidden_until_used:
        children += [E("semiHidden"), E("unhideWhenUsed")]
    if qformat:
        children.append(E("qFormat"))
    if ppr:
        children.append(E("pPr", *ppr))
    if rpr:
        children.append(E("rPr", *rpr))
    children += list(extra)
    element = E("style", *children, type=kind, styleId=style_id)
    if default:
        element.set(qn("w:default"), "1")
    if custom:
        element.set(qn("w:customStyle"), "1")
    return element


def spacing(before: int = 0, after: int = 0, line: int | None = None):
    attrs = {"before": before, "after": after}
    if line:
        attrs.update(line=line, lineRule="auto")
    return E("spacing", **attrs)


def hanging(left: int, hang: int):
    return E("ind", left=left, hanging=hang)


def size(half_points: int):
    return [E("sz", val=half_points), E("szCs", val=half_points)]


BODY_SPACING = dict(before=0, after=180, line=259)     # 9 pt after each paragraph, nothing before


def all_styles(text_width: int = TEXT_WIDTH):
    """Every style of the template, in the order Word lists them."""
    col = COLUMN
    li = N.LIST_INDENT
    return [
        style("paragraph", "Normal", "Normal", default=True, qformat=True, priority=0),
        style("character", "DefaultParagraphFont", "Default Paragraph Font", default=True, priority=1,
              hidden_until_used=True),
        style("table", "TableNormal", "Normal Table", default=True, priority=99, hidden_until_used=True,
              extra=[E("tblPr", E("tblInd", w=0, type="dxa"),
                       E("tblCellMar", E("top", w=0, type="dxa"), E("left", w=108, type="dxa"),
                         E("bottom", w=0, type="dxa"), E("right", w=108, type="dxa")))]),
        style("numbering", "NoList", "No List", default=True, priority=99, hidden_until_used=True),

        # title block
        style("paragraph", "Title", S.TITLE, based_on="Normal", next_="ReportDetails", priority=10, qformat=True,
              ppr=[E("keepNext"), spacing(240, 240)],
              rpr=[E("b"), E("bCs"), E("kern", val=28), *size(32)]),
        style("paragraph", "TitleBlock", S.TITLE_BLOCK, based_on="Normal", next_="Title", custom=True,
              qformat=True, ppr=[E("keepNext"), spacing(0, 60)], rpr=[E("b"), E("bCs"), E("caps"), *size(24)]),
        style("paragraph", "ReportDetails", S.REPORT_DETAILS, based_on="Normal", next_="ReportDetails",
              custom=True, qformat=True,
              ppr=[E("tabs", E("tab", val="left", pos=DETAILS_TAB)), spacing(0, 80),
                   hanging(DETAILS_TAB, DETAILS_TAB)]),

        # headings: numbers come from the section list (numPr added by numbering.add_report_lists)
        style("paragraph", "Heading1", S.HEADING_1, based_on="Normal", next_="NumberedParagraph1", priority=9,
              qformat=True,
              ppr=[E("keepNext"), E("keepLines"), spacing(360, 180), hanging(col, col), E("outlineLvl", val=0)],
              rpr=[E("b"), E("bCs"), E("caps"), E("kern", val=28), *size(24)]),
        style("paragraph", "Heading1Unnumbered", S.HEADING_1_UNNUMBERED, based_on="Heading1", next_="BodyText",
              custom=True, qformat=True, priority=9,
              ppr=[E("numPr", E("ilvl", val=0), E("numId", val=0)), E("ind", left=0, firstLine=0),
                   E("outlineLvl", val=0)]),
        style("paragraph", "Heading2", S.HEADING_2, based_on="Normal", next_="NumberedParagraph2", priority=9,
              qformat=True, hidden_until_used=False,
              ppr=[E("keepNext"), E("keepLines"), spacing(240, 120), hanging(col, col), E("outlineLvl", val=1)],
              rpr=[E("b"), E("bCs"), *size(22)]),
        style("paragraph", "Heading3", S.HEADING_3, based_on="Normal", next_="NumberedParagraph3", priority=9,
              qformat=True,
              ppr=[E("keepNext"), E("keepLines"), spacing(200, 120), hanging(col, col), E("outlineLvl", val=2)],
              rpr=[E("b"), E("bCs"), E("i"), E("iCs"), *size(22)]),

        # running text
        style("paragraph", "BodyText", S.BODY_TEXT, based_on="Normal", next_="BodyText", priority=99,
              qformat=True, ppr=[spacing(**BODY_SPACING)]),
        *[style("paragraph", f"NumberedParagraph{n}", name, based_on="BodyText", next_=f"NumberedParagraph{n}",
                custom=True, qformat=True, ppr=[hanging(col, col)])
          for n, name in enumerate(S.NUMBERED_PARAGRAPHS, start=1)],
        style("paragraph", "ListBullet", S.LIST_BULLET, based_on="BodyText", next_="ListBullet", priority=99,
              qformat=True, ppr=[hanging(col + li, li)]),
        style("paragraph", "ListBullet2", S.LIST_BULLET_2, based_on="BodyText", next_="ListBullet2", priority=99,
              ppr=[hanging(col + 2 * li, li)]),
        style("paragraph", "ListNumber", S.LIST_NUMBER, based_on="BodyText", next_="ListNumber", priority=99,
              qformat=True, ppr=[hanging(col + li, li)]),
        style("paragraph", "ListNumber2", S.LIST_NUMBER_2, based_on="BodyText", next_="ListNumber2", priority=99,
              ppr=[hanging(col + 2 * li, li)]),
        style("paragraph", "Recommendation", S.RECOMMENDATION, based_on="BodyText", next_="Recommendation",
              custom=True, qformat=True, ppr=[hanging(col, col)]),

        # tables and captions
        style("paragraph", "TableText", S.TABLE_TEXT, based_on="Normal", next_="TableText", custom=True,
              qformat=True, ppr=[spacing(40, 40)], rpr=size(20)),
        style("paragraph", "TableNote", S.TABLE_NOTE, based_on="TableText", next_="TableText", custom=True,
              qformat=True, rpr=size(18)),
        style("paragraph", "TableHeading", S.TABLE_HEADING, based_on="TableText", next_="TableText", custom=True,
              qformat=True, ppr=[E("keepNext")], rpr=[E("b"), E("bCs")]),
        style("paragraph", "Figure", S.FIGURE, based_on="Normal", next_="Caption", custom=True, qformat=True,
              ppr=[E("keepNext"), spacing(120, 0)]),
        style("paragraph", "Caption", S.CAPTION, based_on="Normal", next_="BodyText", priority=35, qformat=True,
              ppr=[E("keepNext"), spacing(120, 120)], rpr=[E("b"), E("bCs"), *size(20)]),
        style("table", "TableGrid", S.TABLE_GRID, based_on="TableNormal", priority=59,
              extra=[E("tblPr",
                       E("tblBorders", *(border(side) for side in
                                         ("top", "left", "bottom", "right", "insideH", "insideV"))),
                       E("tblCellMar", E("top", w=0, type="dxa"), E("left", w=85, type="dxa"),
                         E("bottom", w=0, type="dxa"), E("right", w=85, type="dxa"))),
                     E("tblStylePr", E("tcPr", E("shd", val="clear", color="auto", fill="D9D9D9")),
                       type="firstRow")]),

        # page furniture
        style("paragraph", "Header", S.HEADER, based_on="Normal", priority=99, hidden_until_used=True,
              ppr=[E("pBdr", E("bottom", val="single", sz=4, space=4, color="auto")),
                   E("tabs", E("tab", val="right", pos=text_width))],
              rpr=size(18)),
        style("paragraph", "Footer", S.FOOTER, based_on="Normal", priority=99, hidden_until_used=True,
              ppr=[E("jc", val="center")], rpr=size(18)),

        # character styles
        style("character", "Label", S.LABEL, based_on="DefaultParagraphFont", custom=True, qformat=True,
              rpr=[E("b"), E("bCs")]),
        style("character", "Hyperlink", S.HYPERLINK, based_on="DefaultParagraphFont", priority=99,
              hidden_until_used=True, rpr=[E("color", val="0563C1"), E("u", val="single")]),
    ]


def doc_defaults():
    return E("docDefaults",
             E("rPrDefault", E("rPr",
                               E("rFonts", ascii="Arial", hAnsi="Arial", eastAsia="Arial", cs="Arial"),
                               *size(22),
                               E("lang", val="en-GB", eastAsia="en-GB", bidi="ar-SA"))),
             E("pPrDefault", E("pPr", spacing(0, 0, 240))))


def install_styles(document, text_width: int = TEXT_WIDTH) -> None:
    root = document.styles.element
    for child in list(root):
        if child.tag in (qn("w:docDefaults"), qn("w:style")):
            root.remove(child)
    root.insert(0, doc_defaults())
    for element in all_styles(text_width):
        root.append(element)


UNNUMBERED_IN_APPENDICES = ("Heading1", "Heading2", "Heading3", "NumberedParagraph1", "NumberedParagraph2",
                            "NumberedParagraph3")


LISTS_AT_THE_MARGIN = ("ListBullet", "ListBullet2", "ListNumber", "ListNumber2")


def _pull_left(ind, by: int) -> None:
    left = ind.get(qn("w:left")) or ind.get(qn("w:start"))
    if left is not None:
        ind.set(qn("w:left"), str(max(0, int(left) - by)))


def unnumber_headings(document) -> None:
    """Appendices are not numbered documents: their headings and paragraphs lose the section list and
    its hanging indent, and bullets and numbered lists start at the margin instead of the number column."""
    numbering = document.part.numbering_part.element
    for abstract in numbering.iterfind(qn("w:abstractNum")):
        name = abstract.find(qn("w:name"))
        if name is not None and name.get(qn("w:val")) in (N.BULLETS.name, N.LIST_NUMBERS.name):
            for ind in abstract.iter(qn("w:ind")):
                _pull_left(ind, COLUMN)
    root = document.styles.element
    for style_element in root.iterfind(qn("w:style")):
        if style_element.get(qn("w:styleId")) in LISTS_AT_THE_MARGIN:
            for ind in style_element.iter(qn("w:ind")):
                _pull_left(ind, COLUMN)
        if style_element.get(qn("w:styleId")) not in UNNUMBERED_IN_APPENDICES:
            continue
        ppr = style_element.find(qn("w:pPr"))
        for tag in ("w:numPr", "w:ind"):
            for child in ppr.findall(qn(tag)) if ppr is not None else ():
                ppr.remove(child)


def install_numbering(document) -> None:
    numbering = document.part.numbering_part.element
    for child in list(numbering):
        numbering.remove(child)
    N.add_report_lists(document)


# --------------------------------------------------------------------------------------------------
# Page, header and footer, body

def field_runs(paragraph, instruction: str) -> None:
    """A complex field (PAGE, NUMPAGES) as Word writes it, with a placeholder result."""
    def run_with(child):
        run = paragraph.add_run()
        run._r.append(child)

    run_with(E("fldChar", fldCharType="begin"))
    instr = E("instrText")
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instr.text = f" {instruction} "
    run_with(instr)
    run_with(E("fldChar", fldCharType="separate"))
    paragraph.add_run("1")
    run_with(E("fldChar", fldCharType="end"))


COMMITTEE_HEADER = "{{ council }}\t{{ committee }}, {{ meeting_date }}"
COUNCIL_HEADER = "{{ council }}\t{{ header }}"      # a public document: the council's own, no committee
REGION_HEADER = "{{ title }}\t{{ period }}"


def set_up_page(document, landscape: bool = False, header_text: str = COMMITTEE_HEADER) -> None:
    section = document.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Twips(PAGE_HEIGHT), Twips(PAGE_WIDTH)
    else:
        section.page_width, section.page_height = Twips(PAGE_WIDTH), Twips(PAGE_HEIGHT)
    section.left_margin = section.right_margin = Twips(MARGIN_SIDE)
    # the landscape dashboard is tables and charts: a little more of each page for them
    top, bottom = (MARGIN_SIDE, MARGIN_SIDE) if landscape else (MARGIN_TOP, MARGIN_BOTTOM)
    section.top_margin, section.bottom_margin = Twips(top), Twips(bottom)
    section.header_distance = section.footer_distance = Twips(HEADER_FOOTER)
    section.gutter = Twips(0)

    header = section.header
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0]
    paragraph.style = document.styles[S.HEADER]
    paragraph.add_run(header_text)

    footer = section.footer
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    paragraph.style = document.styles[S.FOOTER]
    paragraph.add_run("Page ")
    field_runs(paragraph, "PAGE")
    paragraph.add_run(" of ")
    field_runs(paragraph, "NUMPAGES")


def write_body(document) -> None:
    add = document.add_paragraph
    add("{{ committee }}", S.TITLE_BLOCK)
    add("{{ meeting_date }}", S.TITLE_BLOCK)
    add("{{ report_title }}", S.TITLE)
    for label, value in (("Report of:", "{{ author_name }}, {{ author_role }}"),
                         ("Cabinet Member(s) responsible:", "{{ cabinet_member }}"),
                         ("Contact Officer(s):", "{{ author_name }}, {{ author_email }}"),
                         ("Reporting period:", "{{ period }}")):
        paragraph = add(style=S.REPORT_DETAILS)
        paragraph.add_run(label, S.LABEL)
        paragraph.add_run("\t" + value)
    add("Recommendations", S.HEADING_1_UNNUMBERED)
    add("It is recommended that the {{ committee }}:", S.BODY_TEXT)
    add("{%p for recommendation in recommendations %}", S.RECOMMENDATION)
    add("{{ recommendation }}", S.RECOMMENDATION)
    add("{%p endfor %}", S.RECOMMENDATION)
    add("{{p body }}", S.BODY_TEXT)


def write_titled_body(document, *above: str) -> None:
    """Lines in the Title Block style (``above``), then the title, the subtitle and the generated body."""
    add = document.add_paragraph
    for line in above:
        add(line, S.TITLE_BLOCK)
    add("{{ title }}", S.TITLE)
    add("{{ subtitle }}", S.BODY_TEXT)
    add("{{p body }}", S.BODY_TEXT)


def write_appendix_body(document) -> None:
    """An appendix: the meeting, its title and period, then the generated body."""
    write_titled_body(document, "{{ committee }}", "{{ meeting_date }}")


def write_public_body(document) -> None:
    """A document for the public (the Local Account): the council, the title and a line on what it covers,
    then the generated body; nothing about a committee or meeting."""
    write_titled_body(document, "{{ council }}")


def write_region_body(document) -> None:
    """The regional summary: its title and subtitle, then the generated body."""
    write_titled_body(document)


# --------------------------------------------------------------------------------------------------
# Package clean-up and deterministic output

def tidy_package(document) -> None:
    """Drop the parts of python-docx's starter file that a template should not carry."""
    package_rels = document.part.package.rels
    for rid, rel in list(package_rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package_rels.pop(rid)
    for rid, rel in list(document.part.rels.items()):
        if rel.reltype in (RT.CUSTOM_XML, "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"):
            document.part.rels.pop(rid)

    settings = document.settings.element
    for compat in settings.iter(qn("w:compatSetting")):
        if compat.get(qn("w:name")) == "compatibilityMode":
            compat.set(qn("w:val"), "15")
    for zoom in settings.iter(qn("w:zoom")):
        zoom.set(qn("w:percent"), "100")
    for lang in settings.iter(qn("w:themeFontLang")):
        lang.set(qn("w:val"), "en-GB")
        lang.attrib.pop(qn("w:eastAsia"), None)

    # Core properties written whole: generic title (render time sets the real one), fixed dates. Not via
    # python-docx's API, whose "cp" prefix another library (docxcompose, imported by docxtpl's Subdoc)
    # rebinds to the custom-properties namespace once it is imported in the same process.
    document.part.package._core_properties_part._element = parse_xml(CORE_XML)


def deterministic_bytes(document) -> bytes:
    """The saved document with fixed zip entry dates and order (the same routine as rendered documents)."""
    buffer = io.BytesIO()
    document.save(buffer)
    return stable_zip(buffer.getvalue())


@dataclass(frozen=True)
class TemplateSpec:
    """One template: its file, page orientation, whether headings are numbered, and its body."""

    file: str
    landscape: bool
    numbered: bool
    write_body: Callable[[Any], None]
    header_text: str = COMMITTEE_HEADER


TEMPLATES = (
    TemplateSpec("committee_update.docx", landscape=False, numbered=True, write_body=write_body),
    TemplateSpec("self_assessment_summary.docx", landscape=False, numbered=False, write_body=write_appendix_body),
    TemplateSpec("dashboard_appendix.docx", landscape=True, numbered=False, write_body=write_appendix_body),
    TemplateSpec("local_account.docx", landscape=False, numbered=False, write_body=write_public_body,
                 header_text=COUNCIL_HEADER),
    TemplateSpec("regional_summary.docx", landscape=False, numbered=False, write_body=write_region_body,
                 header_text=REGION_HEADER),
)


def build_template(spec: TemplateSpec) -> bytes:
    document = Document()
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    text_width = (PAGE_HEIGHT if spec.landscape else PAGE_WIDTH) - 2 * MARGIN_SIDE
    install_styles(document, text_width)
    install_numbering(document)
    if not spec.numbered:
        unnumber_headings(document)
    set_up_page(document, spec.landscape, spec.header_text)
    spec.write_body(document)
    tidy_package(document)
    return deterministic_bytes(document)


def build_committee_update() -> bytes:
    return build_template(TEMPLATES[0])


def main() -> int:
    for spec in TEMPLATES:
        output = OUTPUT / spec.file
        data = build_template(spec)
        if output.exists() and output.read_bytes() == data:
            print(f"{output.name}: unchanged")
        else:
            output.write_bytes(data)
            print(f"{output.name}: written ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
