"""The Local Account as a Word document (A4 portrait, under the council's own header): its content
(content/local_account.py) written into the Local Account template."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ..content.blocks import Document
from ..word.writer import Placed, write_document

TEMPLATE = "local_account.docx"
OUTPUT = "local-account.docx"


def build_local_account(content: Document, templates: Path, pictures: Mapping[str, Placed]) -> bytes:
    """The rendered .docx of the Local Account."""
    return write_document(content, templates / TEMPLATE, pictures)
