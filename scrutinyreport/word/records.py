"""A generated document's record inside the document: a custom XML part holding the record's JSON, and its
hash in the custom properties, so a copy saved by an editor that drops custom XML is still matched to the
record written beside it. Written at generation (``embed_record``) and read back by the harvest
(``read_embedded_record``)."""

from __future__ import annotations

import hashlib
import io
import json
import uuid
import zipfile
from typing import Any
from xml.sax.saxutils import escape

from ..content.record import RECORD_FORMAT
from ..errors import UnreadableDocument
from .package import Package
from .render import stable_zip

NAMESPACE = "urn:scrutinyreport:record:1"
RECORD_PROPERTY = "scrutinyreport-record"
ITEM = "customXml/item1.xml"
ITEM_PROPS = "customXml/itemProps1.xml"
CUSTOM_PROPS = "docProps/custom.xml"
CUSTOM_XML_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml"
CUSTOM_PROPS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"


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


def read_embedded_record(package: Package) -> tuple[dict[str, Any] | None, str | None, str | None]:
    """The record embedded in a document (None if there is none, or it is not ours), the record hash its
    custom properties name (None if none) and the part the record is in. A record part that is ours but
    cannot be read is an error naming the part (UnreadableDocument), never silently passed over."""
    record, part = None, None
    for name in sorted(n for n in package.names if n.startswith("customXml/item") and "Props" not in n):
        root = package.xml(name)
        if root.tag == f"{{{NAMESPACE}}}record":
            if len(root):   # the record is text: an element inside it (or an entity left unexpanded) is not ours
                raise UnreadableDocument(f"{package.label}: the record part {name} holds markup where the record's "
                                         "text should be: refused (has the file been tampered with?)")
            try:
                found = json.loads(root.text or "")
            except (ValueError, RecursionError) as error:
                raise UnreadableDocument(f"{package.label}: the record part {name} is not the record generate "
                                         f"wrote (not readable JSON: {error})") from error
            if isinstance(found, dict) and found.get("format") == RECORD_FORMAT:
                record, part = found, name
    record_id = None
    properties = package.xml(CUSTOM_PROPS)
    for prop in properties if properties is not None else []:
        if prop.get("name") == RECORD_PROPERTY:
            record_id = "".join(str(text) for text in prop.itertext()).strip() or None
    return record, record_id, part
