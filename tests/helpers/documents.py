"""Documents built the way the pack builds them (content, then Word), for tests that look at one document:
the pack's planned figures, drawn, or any pictures a test gives in their place."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from scrutinyreport.analysis import Analysis
from scrutinyreport.content.charts import Figure
from scrutinyreport.content.dashboard_appendix import dashboard_appendix
from scrutinyreport.content.figure_plan import pack_figures
from scrutinyreport.content.local_account import local_account
from scrutinyreport.content.self_assessment_summary import self_assessment_summary
from scrutinyreport.documents.dashboard_appendix import build_dashboard_appendix
from scrutinyreport.documents.local_account import build_local_account
from scrutinyreport.documents.self_assessment_summary import build_self_assessment_summary
from scrutinyreport.figures.draw import draw_figures
from scrutinyreport.figures.rendered import RenderedFigure
from scrutinyreport.formatting import Printer

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "scrutinyreport" / "templates"
EN = Printer("en_GB")


def planned(analysis: Analysis, prefixes: tuple[str, ...] = ()) -> dict[str, Figure]:
    """The pack's planned figures by name (only those whose names start with one of ``prefixes``, if given)."""
    return {f.name: f for f in pack_figures(analysis, EN) if not prefixes or f.name.startswith(prefixes)}


def drawn(charts: Mapping[str, Figure]) -> dict[str, RenderedFigure]:
    return draw_figures(list(charts.values()), None, 1)


def summary_docx(analysis: Analysis, pictures: Mapping[str, RenderedFigure] | None = None, number: int = 1,
                 templates: Path = TEMPLATES) -> bytes:
    """The self-assessment summary; ``pictures`` None: the pack's own figures, drawn; {}: none."""
    charts = planned(analysis)
    if pictures is None:
        pictures = drawn({name: f for name, f in charts.items() if name == "self-assessment-scores"})
    charts = {name: f for name, f in charts.items() if name in pictures}
    return build_self_assessment_summary(self_assessment_summary(analysis, charts, EN, number), templates, pictures)


def local_account_docx(analysis: Analysis, templates: Path = TEMPLATES, with_figures: bool = True) -> bytes:
    charts = planned(analysis, ("local-account-",)) if with_figures else {}
    return build_local_account(local_account(analysis, charts, EN), templates, drawn(charts))


def dashboard_docx(analysis: Analysis, number: int = 2, templates: Path = TEMPLATES) -> bytes:
    charts = planned(analysis)
    return build_dashboard_appendix(dashboard_appendix(analysis, charts, EN, number), templates, drawn(charts))
