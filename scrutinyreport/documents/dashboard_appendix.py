"""The performance dashboard appendix as a Word document (A4 landscape): its content (content/
dashboard_appendix.py) written into the dashboard template."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ..content.blocks import Document
from ..word.writer import Placed, write_document

TEMPLATE = "dashboard_appendix.docx"


def output_name(appendix_number: int) -> str:
    return f"appendix-{appendix_number}-performance-dashboard.docx"


def build_dashboard_appendix(content: Document, templates: Path, pictures: Mapping[str, Placed]) -> bytes:
    """The rendered .docx of the performance dashboard appendix."""
    return write_document(content, templates / TEMPLATE, pictures)
