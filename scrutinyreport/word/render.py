"""Rendering a docxtpl template: the only module that touches docxtpl.

Renders in the narrative's sandbox (a council's template is not trusted to run code: no access to Python's
internals, no cycler or lorem-ipsum, bounded ranges, powers, time and output), with StrictUndefined (a
missing variable is an error naming template and variable); every error names the template file and the tag
it comes from. Escapes every value (so '&', '<' and '{{' from inputs print as written), sets the document
properties, and saves deterministically: fixed part timestamps and zip entry dates, so the same context gives
the same bytes.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re
import traceback
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import jinja2
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docxtpl import DocxTemplate
from jinja2.exceptions import SecurityError
from lxml import etree

from ..content.blocks import Properties
from ..content.narrative_sandbox import TemplateSandbox, template_environment
from ..errors import NarrativeLimit, TemplateFolderError, TemplateVariableError

FIXED_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
STORED = (".png", ".jpeg", ".jpg", ".gif")   # pictures are compressed already: deflating them again saves nothing


BodyWriter = Callable[[Any], None]   # writes the generated body into a python-docx document


_TAG = re.compile(r"\{[{%].*?[}%]\}", re.DOTALL)


def _line_of(error: BaseException) -> int | None:
    """The line of the template's text where an error arose (Jinja puts the template's lines in the trace)."""
    if isinstance(error, jinja2.TemplateSyntaxError):
        return error.lineno
    if isinstance(error, NarrativeLimit) and error.line:
        return error.line
    lines = [frame.lineno for frame in traceback.extract_tb(error.__traceback__) if frame.filename == "<template>"]
    return lines[-1] if lines else None


_CLOSER = re.compile(r"\{%-?\s*(?:end\w*|else)\s*-?%\}")


def _tag(environment: TemplateSandbox, error: BaseException) -> str:
    """' (in the tag {{ ... }})': the tag of the paragraph where the error arose (docxtpl puts each paragraph
    of the part on a line of its own), narrowed down by the names the message mentions when the paragraph
    holds several; nothing when it cannot be told."""
    line = _line_of(error)
    lines = environment.source.splitlines()
    if line is None or not 0 < line <= len(lines):
        return ""
    tags = [html.unescape(" ".join(tag.split())) for tag in _TAG.findall(re.sub(r"<[^>]+>", "", lines[line - 1]))]
    tags = [tag for tag in tags if not _CLOSER.fullmatch(tag)] or tags
    if len(tags) > 1:
        words = set(re.findall(r"\w+", str(error)))
        named = [tag for tag in tags if words & set(re.findall(r"\w+", tag))]
        tags = named if len(named) == 1 else tags
    if not tags:
        return ""
    shown = [tag if len(tag) <= 120 else tag[:117] + "..." for tag in tags[:3]]
    return f" (in the tag {shown[0]})" if len(shown) == 1 else f" (in one of the tags {', '.join(shown)})"


def _render_error(template: Path, environment: TemplateSandbox, error: Exception) -> TemplateVariableError:
    """What went wrong in a template, naming the file and the tag."""
    where = _tag(environment, error)
    if isinstance(error, jinja2.UndefinedError):
        what = f"the template uses {error.message}; the context does not provide it"
    elif isinstance(error, jinja2.TemplateSyntaxError):
        what = f"template syntax error: {(error.message or str(error)).rstrip('.')}"
    elif isinstance(error, SecurityError):
        what = f"refused: {str(error).rstrip('.')}; a template may print the values it is given, nothing more"
    elif isinstance(error, NarrativeLimit):
        what = f"refused: {error}"
    else:
        what = f"the template cannot be rendered: {type(error).__name__}: {error}"
    return TemplateVariableError(template.name, what + where)


def core_properties_xml(properties: Properties) -> bytes:
    """docProps/core.xml written whole, with fixed dates, so it is the same on every run (and its
    namespaces are right whatever other libraries have registered)."""
    moment = dt.datetime.combine(properties.date, dt.time(9, 0)).strftime("%Y-%m-%dT%H:%M:%SZ")
    fields = (("dc:title", properties.title), ("dc:subject", properties.subject),
              ("dc:creator", properties.author), ("cp:keywords", properties.keywords),
              ("dc:language", properties.language), ("cp:lastModifiedBy", properties.author),
              ("cp:revision", "1"))
    body = "".join(f"<{tag}>{escape(value)}</{tag}>" for tag, value in fields)
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f'{body}<dcterms:created xsi:type="dcterms:W3CDTF">{moment}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{moment}</dcterms:modified></cp:coreProperties>'
    ).encode()


def number_pictures(document: Any) -> None:
    """Give every picture of a generated body its own drawing id (Word repairs a document whose ids repeat),
    counting on from a high base so that none clashes with a picture of the template, such as a logo."""
    for number, doc_pr in enumerate(document.element.body.iter(qn("wp:docPr")), start=1001):
        doc_pr.set("id", str(number))


def set_language(document: Any, language: str) -> None:
    """The proofing language of all text (the styles' defaults), as the pack's locale says: en-GB."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")) if defaults is not None else None
    properties = run_defaults.find(qn("w:rPr")) if run_defaults is not None else None
    if properties is None:
        return   # a template without run defaults: Word then uses the core property's language
    lang = properties.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        properties.append(lang)   # w:lang is the last of the run properties the templates define
    lang.set(qn("w:val"), language)


def stable_zip(data: bytes, replacements: dict[str, bytes] | None = None) -> bytes:
    """The same package (with parts replaced or added as given) with fixed entry dates and order, so equal
    content gives equal bytes. Pictures are stored as they are; the XML parts are deflated."""
    replacements = replacements or {}
    source = zipfile.ZipFile(io.BytesIO(data))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        names = source.namelist() + sorted(set(replacements) - set(source.namelist()))
        ordered = ["[Content_Types].xml"] + sorted(n for n in names if n != "[Content_Types].xml")
        for name in ordered:
            info = zipfile.ZipInfo(name, FIXED_ZIP_DATE)
            info.compress_type = zipfile.ZIP_STORED if name.lower().endswith(STORED) else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, replacements.get(name) or source.read(name))
    return output.getvalue()


def render_template(template: Path, context: dict[str, Any], properties: Properties,
                    write_body: BodyWriter | None = None) -> bytes:
    """Fill the template with the context and return .docx bytes. write_body, when given, writes the
    generated part of the document (through python-docx, with the template's styles and numbering) that
    the template places with {{p body }}."""
    try:
        document = DocxTemplate(str(template))
        document.init_docx()
    except Exception as error:  # noqa: BLE001 - python-docx's many ways of failing on a damaged package
        raise TemplateFolderError(f"{template.as_posix()}: cannot be read as a Word template ({type(error).__name__}:"
                                  f" {error}); save it from Word as a Word Document (.docx)") from error
    full_context = dict(context)
    environment = template_environment(jinja2.StrictUndefined)
    if write_body is not None:
        body = document.new_subdoc()
        write_body(body.subdocx)
        number_pictures(body.subdocx)
        full_context["body"] = body
        environment.allow(len(etree.tostring(body.subdocx.element.body)))   # placed once; the template's own text
                                                                            # is bounded as any other
    try:
        document.render(full_context, jinja_env=environment, autoescape=True)
    except RecursionError as error:   # a macro calling itself: as the narrative says it
        limit = NarrativeLimit("a macro calls itself without end").with_traceback(error.__traceback__)
        raise _render_error(template, environment, limit) from error
    except Exception as error:  # noqa: BLE001 - whatever the template's code raised, named with its tag
        raise _render_error(template, environment, error) from error
    document.docx.core_properties.title = properties.title  # makes sure the package has a core part
    set_language(document.docx, properties.language)
    buffer = io.BytesIO()
    document.save(buffer)
    return stable_zip(buffer.getvalue(), {"docProps/core.xml": core_properties_xml(properties)})
