"""The self-assessment summary appendix as a Word document (A4 portrait): its content (content/
self_assessment_summary.py) written into the self-assessment template."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ..content.blocks import Document
from ..word.writer import Placed, write_document

TEMPLATE = "self_assessment_summary.docx"


def output_name(appendix_number: int) -> str:
    return f"appendix-{appendix_number}-self-assessment-summary.docx"


def build_self_assessment_summary(content: Document, templates: Path, pictures: Mapping[str, Placed]) -> bytes:
    """The rendered .docx of the self-assessment summary."""
    return write_document(content, templates / TEMPLATE, pictures)
