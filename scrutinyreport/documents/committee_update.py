"""The committee update report as a Word document: its content (content/committee_update.py) written into
the committee update template, whose title block and recommendations come from the content's fields."""

from __future__ import annotations

from pathlib import Path

from ..content.blocks import Document
from ..word.writer import write_document

TEMPLATE = "committee_update.docx"
OUTPUT = "committee-update.docx"


def build_committee_update(content: Document, templates: Path) -> bytes:
    """The rendered .docx of the committee update report."""
    return write_document(content, templates / TEMPLATE, {})
