"""What a generated document was made from, so that a reviewed copy can be harvested back into inputs/.

For the committee update the record holds, for each narrative section, its file's Markdown as it was (with
the {{ ... }} live figures) and, for each chunk (block) of it, the values its live figures were worked out
to; and the same for the recommendations; for each generated section, the text it printed. The Local
Account's record holds its introduction (the director's message) the same way, and the text of every other
section. For the dashboard it holds each indicator's commentary and the analysis text printed; for the
self-assessment summary, the text fields it prints. Each record is written
into the pack folder as NAME.record.json and inside the document as a custom XML part; the document's
custom properties name the record's hash, so a copy saved by an editor that drops custom XML is matched to
the record in the pack folder.

A dashboard row records, besides the analysis as printed (after its "Analysis:" label) and the commentary
as the CSV gives it (with any label the officer typed), the note the dashboard writes itself
(``generated``): what the reviewer wrote is the printed analysis less that note. Records written before
the note was recorded still read: the note is then what the printed analysis has after the commentary.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from ..formatting import Printer
from ..model import PackData
from .dashboard import DashboardRow, generated_note, printed_analysis
from .live_text import LiveText
from .local_account import INTRODUCTION_DEPTH, introduction_heading
from .markdown_chunks import expressions, is_plain, split_chunks
from .self_assessment_summary import statement_heading

RECORD_FORMAT = "scrutinyreport-record"
RECORD_VERSION = 1


def record_name(document: str) -> str:
    """'committee-update.docx' -> 'committee-update.record.json'."""
    return document.rsplit(".", 1)[0] + ".record.json"


def _values(live: LiveText, text: str, source: str) -> list[str] | None:
    """The printed value of each live figure of the text, or None when it uses Jinja statements."""
    if not is_plain(text):
        return None
    return [live.render(expression, source) for expression in expressions(text)]


def narrative_record(pack: PackData, live: LiveText, sections: list[tuple[str, str, str | None]],
                     document: str, printed: dict[str, list[str]] | None = None) -> dict[str, Any]:
    """The record of a committee update. ``sections`` are (key, title, Markdown as rendered, or None for a
    generated section) in document order; ``printed`` is the text the document prints under each heading,
    recorded for the generated sections so that a harvest can say when a reviewer edited one."""
    by_key = {section.key: section for section in pack.narrative}
    folder = pack.settings.narrative
    recorded = []
    for key, title, rendered in sections:
        entry: dict[str, Any] = {"key": key, "title": title, "generated": rendered is None}
        if rendered is None and printed is not None:
            entry["printed"] = printed.get(title, [])
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


def local_account_record(pack: PackData, document: str, printed: dict[str, list[str]]) -> dict[str, Any]:
    """The record of a Local Account: its introduction (the director's message, a Markdown file of the inputs
    printed under its own heading, with no live figures) like a committee update's narrative section, and
    every other section as generated, with the text it prints. ``printed``: the document's text by heading,
    in document order."""
    introduction = pack.local_account_introduction
    heading = introduction_heading(pack)
    sections: list[dict[str, Any]] = []
    for title in printed:
        if introduction is not None and title == heading and not sections:
            source = introduction.text
            sections.append({"key": "introduction", "title": title, "generated": False,
                             "file": pack.settings.local_account.introduction, "exists": True, "source": source,
                             "sha256": hashlib.sha256(source.encode("utf-8")).hexdigest(), "added_heading": True,
                             "depth": INTRODUCTION_DEPTH, "values": [[] for _ in split_chunks(source)]})
        else:
            sections.append({"key": title, "title": title, "generated": True, "printed": printed[title]})
    return {"format": RECORD_FORMAT, "version": RECORD_VERSION, "kind": "local-account", "document": document,
            "period": str(pack.period), "sections": sections, "recommendations": []}


def dashboard_record(pack: PackData, rows: list[DashboardRow], printer: Printer, document: str,
                     printed: dict[str, list[str]] | None = None) -> dict[str, Any]:
    """The record of a dashboard: for each indicator (its id, its name as the table prints it, the commentary
    printed and the month's file it came from), its analysis as the document prints it under the name; and
    ``printed``, the document's text by heading, so that an edit elsewhere is a warning."""
    recorded = []
    for row in rows:
        latest = row.assessment.latest_figure
        period = latest.period.end if latest else pack.period
        recorded.append({"id": row.id, "indicator": " ".join(row.name.split()),
                         "analysis": " ".join(printed_analysis(row, printer).split()),
                         "commentary": row.assessment.commentary, "file": f"monthly/{period}.csv",
                         "generated": " ".join(generated_note(row, printer).split())})
    return {"format": RECORD_FORMAT, "version": RECORD_VERSION, "kind": "dashboard", "document": document,
            "period": str(pack.period), "rows": recorded, "printed": printed or {}}


def self_assessment_record(pack: PackData, document: str, printed: dict[str, list[str]] | None = None
                           ) -> dict[str, Any]:
    """The record of a self-assessment summary: the text fields it prints, by statement id and ADASS list;
    and ``printed``, the document's text by heading, so that an edit elsewhere is a warning."""
    assessment = pack.self_assessment
    statements = [{"id": s.id, "heading": statement_heading(s),
                   "fields": {"strengths": list(s.strengths), "areas_for_development": list(s.areas_for_development),
                              "commitment": s.commitment}} for s in assessment.statements] if assessment else []
    adass = {name: list(getattr(assessment.adass, name)) for name in
             ("risks_and_challenges", "innovations_and_achievements", "next_steps")} if assessment else {}
    return {"format": RECORD_FORMAT, "version": RECORD_VERSION, "kind": "self-assessment", "document": document,
            "period": str(pack.period), "file": pack.settings.self_assessment, "statements": statements,
            "adass": adass, "printed": printed or {}}


def record_bytes(record: dict[str, Any]) -> bytes:
    return (json.dumps(record, indent=1, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")
