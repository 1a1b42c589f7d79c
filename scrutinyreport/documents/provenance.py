"""What a generated document was made from, so that a reviewed copy can be harvested back into inputs/.

For the committee update the record holds, for each narrative section, its file's Markdown as it was (with
the {{ ... }} live figures) and, for each chunk (block) of it, the values its live figures were worked out
to; and the same for the recommendations. For the dashboard it holds each indicator's commentary and the
analysis text printed; for the self-assessment summary, the text fields it prints. Each record is written
into the pack folder as NAME.record.json and inside the document as a custom XML part; the document's
custom properties name the record's hash, so a copy saved by an editor that drops custom XML is matched to
the record in the pack folder.
"""

from __future__ import annotations

import hashlib
import io
import json
import uuid
import zipfile
from typing import Any
from xml.sax.saxutils import escape

from ..markdown_chunks import expressions, is_plain, split_chunks
from ..model import PackData
from .live_text import LiveText
from .render import stable_zip

RECORD_FORMAT = "scrutinyreport-record"
RECORD_VERSION = 1
NAMESPACE = "urn:scrutinyreport:record:1"
RECORD_PROPERTY = "scrutinyreport-record"
ITEM = "customXml/item1.xml"
ITEM_PROPS = "customXml/itemProps1.xml"
CUSTOM_PROPS = "docProps/custom.xml"
CUSTOM_XML_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml"
CUSTOM_PROPS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"


def record_name(document: str) -> str:
    """'committee-update.docx' -> 'committee-update.record.json'."""
    return document.rsplit(".", 1)[0] + ".record.json"


def _values(live: LiveText, text: str, source: str) -> list[str] | None:
    """The printed value of each live figure of the text, or None when it uses Jinja statements."""
    if not is_plain(text):
        return None
    return [live.render(expression, source) for expression in expressions(text)]


def narrative_record(pack: PackData, live: LiveText, sections: list[tuple[str, str, str | None]],
                     document: str) -> dict[str, Any]:
    """The record of a committee update. ``sections`` are (key, title, Markdown as rendered, or None for a
    generated section) in document order."""
    by_key = {section.key: section for section in pack.narrative}
    folder = pack.settings.narrative
    recorded = []
    for key, title, rendered in sections:
        entry: dict[str, Any] = {"key": key, "title": title, "generated": rendered is None}
        if rendered is not None:
            narrative = by_key.get(key)
            source = narrative.text if narrative else ""
            first = next((line for line in source.splitlines() if line.strip()), "")
            entry.update(file=f"{folder}/{key}.md", exists=narrative is not None, source=source,
                         sha256=hashlib.sha256(source.encode("utf-8")).hexdigest(),
                         added_heading=narrative is not None and not first.startswith("# "))
            values = [_values(live, chunk.body, narrative.path) for chunk in split_chunks(source)] \
                if narrative else []
            entry["values"] = None if any(v is None for v in values) else values
            if narrative is None or entry["values"] is None:
                entry["rendered"] = rendered
        recorded.append(entry)
    recommendations = [{"source": text, "values": _values(live, text, "pack.yaml")}
                       for text in pack.settings.recommendations]
    return {"format": RECORD_FORMAT, "version": RECORD_VERSION, "kind": "committee-update", "document": document,
            "period": str(pack.period), "narrative_folder": folder, "sections": recorded,
            "recommendations": recommendations}


def dashboard_record(pack: PackData, rows: list[tuple[str, str, str, str]], docx: bytes,
                     document: str) -> dict[str, Any]:
    """The record of a dashboard: for each indicator (id, title, the commentary printed, the period it came
    from), its analysis as the document printed it under the indicator's name."""
    from ..dashboard import split_indicator_cell
    from ..harvest.docx_reader import table_rows  # reading the document back: the harvest's reader

    printed: dict[str, str] = {}
    for cells in table_rows(docx):
        if len(cells) > 1:
            name, analysis = split_indicator_cell(cells[0])
            printed.setdefault(name, analysis)
    recorded = []
    for indicator_id, title, commentary, period in rows:
        cell = next((c for c in printed if c == title or c.startswith(title + " (ASCOF ")), None)
        if cell is not None:
            recorded.append({"id": indicator_id, "indicator": cell, "analysis": printed[cell],
                             "commentary": commentary, "file": f"monthly/{period}.csv"})
    return {"format": RECORD_FORMAT, "version": RECORD_VERSION, "kind": "dashboard", "document": document,
            "period": str(pack.period), "rows": recorded}


def self_assessment_record(pack: PackData, document: str) -> dict[str, Any]:
    """The record of a self-assessment summary: the text fields it prints, by statement id and ADASS list."""
    from .self_assessment_summary import statement_heading

    assessment = pack.self_assessment
    statements = [{"id": s.id, "heading": statement_heading(s),
                   "fields": {"strengths": list(s.strengths), "areas_for_development": list(s.areas_for_development),
                              "commitment": s.commitment}} for s in assessment.statements] if assessment else []
    adass = {name: list(getattr(assessment.adass, name)) for name in
             ("risks_and_challenges", "innovations_and_achievements", "next_steps")} if assessment else {}
    return {"format": RECORD_FORMAT, "version": RECORD_VERSION, "kind": "self-assessment", "document": document,
            "period": str(pack.period), "file": pack.settings.self_assessment, "statements": statements,
            "adass": adass}


def record_bytes(record: dict[str, Any]) -> bytes:
    return (json.dumps(record, indent=1, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")


def _item_xml(data: bytes) -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<record xmlns="{NAMESPACE}">'
            f'{escape(data.decode("utf-8"))}</record>').encode()


def _item_props_xml(item_id: str) -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
            f'<ds:datastoreItem ds:itemID="{{{item_id}}}" '
            'xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml">'
            f'<ds:schemaRefs><ds:schemaRef ds:uri="{NAMESPACE}"/></ds:schemaRefs></ds:datastoreItem>'
            ).encode()


def _custom_props_xml(digest: str, period: str) -> bytes:
    fmtid = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
    properties = ((RECORD_PROPERTY, digest), ("scrutinyreport-period", period))
    body = "".join(f'<property fmtid="{fmtid}" pid="{pid}" name="{name}"><vt:lpwstr>{escape(value)}</vt:lpwstr>'
                   "</property>" for pid, (name, value) in enumerate(properties, start=2))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
            'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
            f'{body}</Properties>').encode()


def _add_relationship(rels: bytes, rel_type: str, target: str) -> bytes:
    text = rels.decode("utf-8")
    used = {int(part.split('"')[0]) for part in text.split('Id="rId')[1:] if part.split('"')[0].isdigit()}
    new_id = max(used | {0}) + 1
    relationship = f'<Relationship Id="rId{new_id}" Type="{rel_type}" Target="{target}"/>'
    return text.replace("</Relationships>", relationship + "</Relationships>").encode("utf-8")


def _add_overrides(content_types: bytes, overrides: dict[str, str]) -> bytes:
    text = content_types.decode("utf-8")
    extra = "".join(f'<Override PartName="/{name}" ContentType="{kind}"/>' for name, kind in overrides.items())
    if 'Extension="xml"' not in text:
        extra = '<Default Extension="xml" ContentType="application/xml"/>' + extra
    return text.replace("</Types>", extra + "</Types>").encode("utf-8")


def embed_record(docx: bytes, record: bytes) -> bytes:
    """The document with the record inside (custom XML part) and its hash as a custom property."""
    digest = hashlib.sha256(record).hexdigest()
    package = zipfile.ZipFile(io.BytesIO(docx))
    period = json.loads(record)["period"]
    item_id = str(uuid.uuid5(uuid.NAMESPACE_URL, NAMESPACE + digest)).upper()
    parts = {
        ITEM: _item_xml(record),
        ITEM_PROPS: _item_props_xml(item_id),
        "customXml/_rels/item1.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Relationships xmlns="{PKG_RELS}"><Relationship Id="rId1" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps" '
            'Target="itemProps1.xml"/></Relationships>').encode(),
        CUSTOM_PROPS: _custom_props_xml(digest, period),
        "word/_rels/document.xml.rels": _add_relationship(package.read("word/_rels/document.xml.rels"),
                                                          CUSTOM_XML_REL, "../customXml/item1.xml"),
        "_rels/.rels": _add_relationship(package.read("_rels/.rels"), CUSTOM_PROPS_REL, "docProps/custom.xml"),
        "[Content_Types].xml": _add_overrides(package.read("[Content_Types].xml"), {
            ITEM_PROPS: "application/vnd.openxmlformats-officedocument.customXmlProperties+xml",
            CUSTOM_PROPS: "application/vnd.openxmlformats-officedocument.custom-properties+xml"}),
    }
    return stable_zip(docx, parts)
