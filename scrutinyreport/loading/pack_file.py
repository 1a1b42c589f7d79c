"""pack.yaml: the meeting's details and where to find the narrative and self-assessment."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ..errors import Problems, Reason
from ..formatting import check_locale
from ..model import DEFAULT_WINDOW_MONTHS, Author, PackSettings, Period, SpcSettings
from .known_keys import warn_unknown_pack_keys
from .publication import read_disclosure, read_local_account
from .yamlfile import YamlChecker, YamlDocument, read_yaml

REQUIRED = ("council", "committee", "meeting_date", "report_title", "author")
MISSING_SECTIONS = ("not_applicable", "omit")
RAG_RULES = ("target", "target_or_improving")
DASHBOARD_CHARTS = ("exceptions", "all", "none")
CHART_MODES = ("native", "picture")


class _Reader(YamlChecker):
    """Typed access to the YAML mapping; every bad value is recorded with its line."""

    def __init__(self, document: YamlDocument, label: str, problems: Problems):
        super().__init__(document, label, problems)
        self.data: dict[str, Any] = document.data

    def text(self, *path: Any, default: str = "") -> str:
        value: Any = self.data
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        if value is None:
            return default
        if isinstance(value, (dict, list)):
            self.fail(path, "expected a line of text", value, reason=Reason.WRONG_TYPE)
            return default
        if not self.is_text(path, value):
            return default
        return str(value).strip()

    def date(self, key: str) -> dt.date | None:
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            self.fail((key,), "expected a date as YYYY-MM-DD", value, reason=Reason.BAD_PERIOD)
            return None

    def flag(self, *path: Any) -> bool:
        """yes/no: true or false as YAML writes them, or the words yes, no, true, false (any case)."""
        value: Any = self.data
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        if value is None or isinstance(value, bool):
            return bool(value)
        word = str(value).strip().lower()
        if word in ("yes", "true", "no", "false"):
            return word in ("yes", "true")
        self.fail(path, "expected yes or no", value, reason=Reason.NOT_A_CHOICE)
        return False

    def texts(self, key: str, prose: bool = True) -> tuple[str, ...]:
        """A list of lines; ``prose`` (lines printed as text, not ids) refuses a yes/no or a number in it."""
        value = self.data.get(key)
        if value is None:
            return ()
        if not isinstance(value, list) or any(isinstance(v, (dict, list)) for v in value):
            self.fail((key,), "expected a list of lines of text (each starting with '- ')", value,
                      reason=Reason.WRONG_TYPE)
            return ()
        if prose and not all([self.is_text((key, index), v) for index, v in enumerate(value)]):
            return ()
        return tuple(str(v).strip() for v in value if v is not None)


def _population(reader: _Reader) -> dict[str, float]:
    value = reader.data.get("population")
    if value is None:
        return {}
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = {"all": value}
    if not isinstance(value, dict):
        reader.fail(("population",), "expected a number, or a group for each population (e.g. \"65+\": 34500)",
                    value, reason=Reason.WRONG_TYPE)
        return {}
    population: dict[str, float] = {}
    for group, size in value.items():
        if isinstance(size, bool) or not isinstance(size, (int, float)) or size <= 0:
            reader.fail(("population", group), "expected a population above zero", size, reason=Reason.OUT_OF_RANGE)
        else:
            population[str(group)] = float(size)
    return population


SPC_RUNS = (5, 12)   # the shortest and longest run a shift or trend rule may take


def _spc(reader: _Reader) -> SpcSettings:
    """``spc: {shift_run: 7, trend_run: 7}``: the run lengths of the shift and trend rules, each optional."""
    value = reader.data.get("spc")
    default = SpcSettings()
    if value is None:
        return default
    if not isinstance(value, dict):
        reader.fail(("spc",), "expected shift_run and trend_run on indented lines", value, reason=Reason.WRONG_TYPE)
        return default
    runs = {}
    for key in ("shift_run", "trend_run"):
        run = value.get(key, getattr(default, key))
        if isinstance(run, bool) or not isinstance(run, int) or not SPC_RUNS[0] <= run <= SPC_RUNS[1]:
            reader.fail(("spc", key), f"expected a whole number of points from {SPC_RUNS[0]} to {SPC_RUNS[1]} (the "
                        "Making Data Count tool uses 6, NHSRplotthedots and the default 7)", run,
                        reason=Reason.OUT_OF_RANGE)
            run = getattr(default, key)
        runs[key] = run
    return SpcSettings(**runs)


def load_pack_file(path: Path, label: str, problems: Problems) -> tuple[PackSettings | None, YamlDocument | None]:
    """Read pack.yaml; None when it has errors (all of them recorded)."""
    document = read_yaml(path, label, problems)
    if document is None:
        return None, None
    if not isinstance(document.data, dict):
        problems.error(label, "expected the meeting's details as 'key: value' lines", line=1, reason=Reason.WRONG_TYPE)
        return None, document
    reader = _Reader(document, label, problems)
    errors_before = len(problems.errors)
    warn_unknown_pack_keys(document, label, problems)
    for key in REQUIRED:
        if reader.data.get(key) in (None, ""):
            problems.error(label, f"missing required entry {key!r}", column=key, reason=Reason.MISSING_VALUE)
    author = reader.data.get("author")
    if isinstance(author, str):
        author = {"name": author}
    if author is not None and not isinstance(author, dict):
        reader.fail(("author",), "expected the author's name, role and email on indented lines", author,
                    reason=Reason.WRONG_TYPE)
        author = {}
    for part in ("name", "role", "email"):
        if isinstance(author, dict) and not reader.is_text(("author", part), author.get(part)):
            author = {**author, part: ""}
    locale = reader.text("locale", default="en_GB")
    try:
        check_locale(locale)
    except ValueError:
        reader.fail(("locale",), "expected a locale such as en_GB", locale, reason=Reason.NOT_A_CHOICE)
    period = None
    if reader.data.get("period") not in (None, ""):
        try:
            period = Period.parse(str(reader.data["period"]))
        except ValueError:
            reader.fail(("period",), "expected a real month as YYYY-MM (or leave it out for the latest month)",
                        reader.data["period"], reason=Reason.BAD_PERIOD)
    previous_period = None
    if reader.data.get("previous_period") not in (None, ""):
        try:
            previous_period = Period.parse(str(reader.data["previous_period"]))
        except ValueError:
            reader.fail(("previous_period",), "expected the month of the committee's previous report as YYYY-MM "
                        "(or leave it out for the latest earlier month with a monthly file)",
                        reader.data["previous_period"], reason=Reason.BAD_PERIOD)
        else:
            if period is not None and previous_period >= period:
                reader.fail(("previous_period",), f"expected a month before the reporting period {period}",
                            reader.data["previous_period"], reason=Reason.INCONSISTENT)
    window = reader.data.get("latest_window_months", DEFAULT_WINDOW_MONTHS)
    if isinstance(window, bool) or not isinstance(window, int) or not 0 <= window <= 60:
        reader.fail(("latest_window_months",), "expected a whole number of months from 0 to 60: how old a figure "
                    "may be and still be shown as the latest available", window, reason=Reason.OUT_OF_RANGE)
        window = DEFAULT_WINDOW_MONTHS
    missing_sections = reader.text("missing_sections", default="not_applicable")
    if missing_sections not in MISSING_SECTIONS:
        reader.fail(("missing_sections",), "expected one of: " + ", ".join(MISSING_SECTIONS), missing_sections,
                    reason=Reason.NOT_A_CHOICE)
    rag_rule = reader.text("rag_rule", default="target")
    if rag_rule not in RAG_RULES:
        reader.fail(("rag_rule",), "expected one of: " + ", ".join(RAG_RULES), rag_rule, reason=Reason.NOT_A_CHOICE)
    timescales = reader.data.get("timescales") or {}
    if not isinstance(timescales, dict):
        reader.fail(("timescales",), "expected major_policy_item and cabinet_date on indented lines", timescales,
                    reason=Reason.WRONG_TYPE)
        timescales = {}
    cabinet_date = timescales.get("cabinet_date")
    if cabinet_date is not None and not isinstance(cabinet_date, dt.date):
        reader.fail(("timescales", "cabinet_date"), "expected a date as YYYY-MM-DD, or null", cabinet_date,
                    reason=Reason.BAD_PERIOD)
        cabinet_date = None
    dashboard_charts = reader.text("dashboard_charts", default="exceptions")
    if dashboard_charts not in DASHBOARD_CHARTS:
        reader.fail(("dashboard_charts",), "expected one of: exceptions (charts for indicators that are Red, "
                    "worsening or of concern), all (and every chart in an annex), none", dashboard_charts,
                    reason=Reason.NOT_A_CHOICE)
        dashboard_charts = "exceptions"
    charts = reader.text("charts", default="native")
    if charts not in CHART_MODES:
        reader.fail(("charts",), "expected one of: native (charts Word can edit, with their data), picture "
                    "(charts as images)", charts, reason=Reason.NOT_A_CHOICE)
        charts = "native"
    spotlight = reader.texts("spotlight", prose=False)
    public_summary = reader.data.get("public_summary") or {}
    summary_indicators = public_summary.get("indicators", []) if isinstance(public_summary, dict) else []
    meeting_date = reader.date("meeting_date")
    recommendations = reader.texts("recommendations")
    summary_indicators = tuple(str(i) for i in summary_indicators)
    settings = PackSettings(
        council=reader.text("council"), committee=reader.text("committee"),
        meeting_date=meeting_date or dt.date(1900, 1, 1), report_title=reader.text("report_title"),
        author=Author(name=str((author or {}).get("name") or ""), role=str((author or {}).get("role") or ""),
                      email=str((author or {}).get("email") or "")),
        cabinet_member=reader.text("cabinet_member"), locale=locale, population=_population(reader),
        period=period, previous_period=previous_period, latest_window_months=window,
        narrative=reader.text("narrative", default="narrative"),
        self_assessment=reader.text("self_assessment", default="self_assessment.yaml"),
        missing_sections=missing_sections, recommendations=recommendations,
        recommendation_lines=tuple(document.line("recommendations", n) for n in range(len(recommendations))),
        major_policy_item=reader.flag("timescales", "major_policy_item"), cabinet_date=cabinet_date,
        background_documents=reader.texts("background_documents"),
        public_summary_indicators=summary_indicators, rag_rule=rag_rule,
        dashboard_charts=dashboard_charts, charts=charts, spotlight=spotlight,
        spotlight_lines=tuple(document.line("spotlight", n) for n in range(len(spotlight))),
        disclosure=read_disclosure(reader), local_account=read_local_account(reader, summary_indicators),
        spc=_spc(reader))
    return (settings if len(problems.errors) == errors_before else None), document
