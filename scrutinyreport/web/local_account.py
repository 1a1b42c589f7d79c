"""The Local Account as a web page, as councils publish it: the same content as the Word copy
(content/local_account.py) rendered as one HTML file, and the figures of its charts in a CSV file beside it,
linked from the page (left out, with its link, when the page has no chart)."""

from __future__ import annotations

from ..content.blocks import Document
from .figures_csv import figures_csv
from .page import render_page

OUTPUT = "local-account.html"
FIGURES = "local-account-figures.csv"


def build_local_account_page(content: Document) -> tuple[bytes, bytes | None]:
    """The page (UTF-8 HTML), and its charts' figures (CSV) or None when it has no chart."""
    html, charts = render_page(content, csv_name=FIGURES)
    return html.encode("utf-8"), figures_csv(charts) if charts else None
