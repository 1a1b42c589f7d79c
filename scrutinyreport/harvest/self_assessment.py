"""A reviewed self-assessment summary's text fields back into self_assessment.yaml: each quality
statement's strengths, areas for development and commitment, and the ADASS lists the summary prints.

The document is read heading by heading (a statement's Heading 2, then "Strengths" and the like as
Heading 3); the YAML is edited in place at the character positions its parser reports, so every other
byte of the file, comments included, stays as it was."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from typing import Any, cast

import yaml

from ..errors import HarvestError
from ..word.blocks import BULLET, HEADING, PARAGRAPH
from ..word.reader import ReviewedDocument
from .generated import generated_edits

STATEMENT_FIELDS = {"Strengths": "strengths", "Areas for development": "areas_for_development",
                    "Our commitment": "commitment"}
ADASS_FIELDS = {"Top risks and challenges": "risks_and_challenges",
                "Top innovations and achievements": "innovations_and_achievements", "Next steps": "next_steps"}
ADASS_HEADING = "ADASS sector-led improvement"
PLACEHOLDERS = ("None recorded.", "None recorded")
CONSUMED = ("consumed",)        # the paragraphs a commitment was read from, one by one


@dataclass(frozen=True)
class FieldChange:
    path: tuple[Any, ...]     # ("statement", id, "strengths") or ("adass", "next_steps")
    base: Any
    theirs: Any


@dataclass
class SelfAssessmentHarvest:
    changes: list[FieldChange] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _reviewed_fields(document: ReviewedDocument, headings: dict[str, str]) -> dict[tuple[Any, ...], Any]:
    """(statement id or 'adass', field) -> list of bullet texts, or the paragraph text for a commitment."""
    found: dict[tuple[Any, ...], Any] = {}
    owner: str | None = None
    current: tuple[Any, ...] | None = None
    for block in document.blocks:
        text = " ".join(block.text.split())
        if block.kind == HEADING:
            current = None
            if block.level == 1:
                owner = "adass" if text == ADASS_HEADING else None
            elif block.level == 2 and text in headings:
                owner = headings[text]
            elif block.level == 2 and owner == "adass" and text in ADASS_FIELDS:
                current = ("adass", ADASS_FIELDS[text])
                found[current] = []
            elif block.level == 3 and owner not in (None, "adass") and text in STATEMENT_FIELDS:
                current = ("statement", owner, STATEMENT_FIELDS[text])
                found[current] = "" if current[2] == "commitment" else []
            continue
        if current is None or text in PLACEHOLDERS:
            continue
        if current[-1] == "commitment" and block.kind == PARAGRAPH:
            found[current] = " ".join(filter(None, [found[current], text]))
            found.setdefault(CONSUMED, []).append(text)
        elif current[-1] != "commitment" and block.kind in (BULLET, PARAGRAPH):
            found[current].append(text)
    return found


def harvest_self_assessment(record: dict[str, Any], document: ReviewedDocument) -> SelfAssessmentHarvest:
    harvest = SelfAssessmentHarvest()
    headings = {s["heading"]: s["id"] for s in record.get("statements", [])}
    reviewed = _reviewed_fields(document, headings)
    consumed = reviewed.pop(CONSUMED, [])
    recorded: dict[tuple[Any, ...], Any] = {}
    for statement in record.get("statements", []):
        for name, value in statement["fields"].items():
            recorded[("statement", statement["id"], name)] = value
    for name, value in record.get("adass", {}).items():
        recorded[("adass", name)] = value
    for path, base in recorded.items():
        if path not in reviewed:
            harvest.warnings.append(f"self_assessment.yaml: {' '.join(map(str, path[1:]))} is no longer in the "
                                    "document, so it is left as it is")
            continue
        theirs = reviewed[path]
        normalised = [" ".join(t.split()) for t in base] if isinstance(base, list) else " ".join(base.split())
        if theirs != normalised:
            harvest.changes.append(FieldChange(path, base, theirs))
    fields = {" ".join(p.split()) for p in PLACEHOLDERS} | set(consumed)
    for value in [*reviewed.values(), *recorded.values()]:
        fields.update(" ".join(t.split()) for t in (value if isinstance(value, list) else [value]))
    harvest.warnings += generated_edits(record.get("printed") or {}, document, lambda text: text in fields)
    return harvest


# ------------------------------------------------------------------------------------------------ YAML

def _mapping_value(node: yaml.Node | None, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value in node.value:
            if key_node.value == key:
                return key_node, value
    return None


def _statement_node(root: yaml.Node | None, statement_id: str) -> yaml.Node | None:
    themes = _mapping_value(root, "themes")
    for theme in themes[1].value if themes and isinstance(themes[1], yaml.SequenceNode) else []:
        statements = _mapping_value(theme, "statements")
        for statement in statements[1].value if statements and isinstance(statements[1], yaml.SequenceNode) else []:
            found = _mapping_value(statement, "id")
            if found and str(found[1].value) == statement_id:
                return cast(yaml.Node, statement)
    return None


@functools.lru_cache(maxsize=4)
def _data(text: str) -> Any:
    """The YAML's data, parsed once per text: each field written is read back to check it, and the next
    field's merge reads the same text again. Only read, never changed."""
    return yaml.safe_load(text) or {}


def current_value(text: str, path: tuple[Any, ...]) -> Any:
    """The field's value in the YAML now (None when it is not there)."""
    data = _data(text)
    if path[0] == "adass":
        value = (data.get("adass") or {}).get(path[1])
    else:
        value = None
        for theme in data.get("themes") or []:
            for statement in theme.get("statements") or []:
                if str(statement.get("id")) == path[1]:
                    value = statement.get(path[2])
    if isinstance(value, list):
        return [" ".join(str(v).split()) for v in value]
    return None if value is None else " ".join(str(value).split())


def replace_field(text: str, path: tuple[Any, ...], new: Any, label: str) -> str:
    """The YAML text with one field replaced; checked by reading the result back."""
    root = yaml.compose(text)
    adass = _mapping_value(root, "adass") if path[0] == "adass" else None
    owner = adass[1] if adass else _statement_node(root, path[1]) if path[0] == "statement" else None
    found = _mapping_value(owner, path[-1]) if owner is not None else None
    if found is None:
        raise HarvestError(f"{label}: no {path[-1]} for {path[1]}, to put the reviewed text in; add the key")
    key, value = found
    if isinstance(new, str):
        start, end, replacement = value.start_mark.index, value.end_mark.index, json.dumps(new, ensure_ascii=False)
    else:
        old_items = value.value if isinstance(value, yaml.SequenceNode) else []
        originals = {" ".join(str(yaml.safe_load(text[i.start_mark.index:i.end_mark.index])).split()):
                     text[i.start_mark.index:i.end_mark.index] for i in old_items if isinstance(i, yaml.ScalarNode)}
        items = [originals.get(item) or json.dumps(item, ensure_ascii=False) for item in new]
        if isinstance(value, yaml.SequenceNode) and old_items and not value.flow_style:
            column = value.start_mark.column
            start, end = value.start_mark.index, old_items[-1].end_mark.index
            replacement = ("\n" + " " * column).join(f"- {item}" for item in items) if items else "[]"
        else:
            column = key.start_mark.column + 2
            start, end = value.start_mark.index, value.end_mark.index
            replacement = "".join(f"\n{' ' * column}- {item}" for item in items) if items else "[]"
    result = text[:start] + replacement + text[end:]
    if current_value(result, path) != new:
        raise HarvestError(f"{label}: the reviewed {path[-1]} of {path[1]} could not be written back exactly")
    return result
