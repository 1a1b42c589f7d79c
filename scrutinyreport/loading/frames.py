"""pandas DataFrames in and out of the pack data. Out: the observations in long format. In: pack data made
from frames (a warehouse query, a notebook) through the same checks as files, each problem naming the frame
and its row ("observations frame, row 12, column 'value'")."""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError, Problems, Reason
from ..model import NarrativeSection, Observation, PackData, PackSettings, Period, SelfAssessment
from .catalogue import REQUIRED as CATALOGUE_COLUMNS
from .catalogue import catalogue_from_table
from .comparisons import (
    ACTIVITY_COLUMNS,
    BENCHMARK_COLUMNS,
    FINANCE_COLUMNS,
    KIND_COLUMNS,
    LEFT_OUT,
    amounts_by_kind,
    benchmarks_from_table,
)
from .cross_checks import missing_figures, population_groups, previous_period, public_summary_ids, reporting_period
from .month_names import as_period
from .monthly import REQUIRED as MONTH_COLUMNS
from .monthly import observations_from_table
from .narrative import check_markdown, check_quoted_figures, live_texts
from .pack_file import load_pack_file
from .table import Row, Table, cell_text, check_header, left_out, normalise_column

log = logging.getLogger(__name__)
_MONTH = re.compile(r"^(\d{4})-(\d{2})(-\d{2}([T ].*)?)?$")


@dataclass(frozen=True)
class FrameSource:
    """A frame in place of a file: it has a name but no bytes to record in the manifest."""

    path: Path
    sha256: str = ""


def _text(value: Any) -> str:
    """A frame's value as the text of a CSV cell."""
    import pandas as pd  # only when frames are read: a pack from files never imports pandas

    if isinstance(value, pd.Period):
        return str(value.asfreq("M"))
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    if pd.api.types.is_scalar(value) and pd.isna(value):
        return ""
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()   # a numpy scalar
    return cell_text(value)


def frame_table(frame: Any, name: str, required: tuple[str, ...], problems: Problems, optional: bool = False,
                rename: Mapping[str, str] | None = None) -> Table | None:
    """A DataFrame as a table of text cells, so the loaders' checks apply; problems name the frame's row
    (by its index label) and column."""
    import pandas as pd

    if not isinstance(frame, pd.DataFrame):
        problems.error(name, f"expected a pandas DataFrame, found {type(frame).__name__}", reason=Reason.WRONG_TYPE)
        return None
    header = [(rename or {}).get(normalise_column(str(c)), normalise_column(str(c))) for c in frame.columns]
    columns = check_header(name, header, required, problems, optional)
    if columns is None:
        return None
    labels = list(frame.index)
    problems.name_places(name, lambda line, column: f"row {labels[line]}" + (f", column {column!r}" if column else ""))
    rows = []
    for position, record in enumerate(frame.itertuples(index=False, name=None)):
        texts = [_text(value) for value in record]
        if any(text.strip() for text in texts):
            rows.append(Row(position, {column: text for column, text in zip(columns, texts) if column}))
    if not rows:
        (problems.warning if optional else problems.error)(name, f"has no rows{left_out(optional)}",
                                                           reason=Reason.LEFT_OUT)
        return None
    return Table(name, FrameSource(Path(name)), columns, tuple(rows))


def _month(text: str) -> Period | None:
    match = _MONTH.match(text.strip())
    try:
        return Period(int(match.group(1)), int(match.group(2))) if match else None
    except ValueError:
        return None


def _by_month(table: Table, problems: Problems) -> dict[Period, Table]:
    """The observations table split into one table per month of its period column."""
    months: dict[Period, list[Row]] = {}
    for row in table.rows:
        month = _month(row.get("period"))
        if month is None:
            problems.error(table.label, "expected a month: a pandas Period, a date, or text YYYY-MM",
                           line=row.line, column="period", found=row.get("period"), reason=Reason.BAD_PERIOD)
            continue
        months.setdefault(month, []).append(row)
    return {month: Table(table.label, table.source, table.columns, tuple(rows))
            for month, rows in sorted(months.items())}


def _settings(settings: PackSettings | str | os.PathLike[str], problems: Problems) -> tuple[PackSettings | None, Any]:
    """Typed settings as given, or read from a pack.yaml file with its checks."""
    if isinstance(settings, PackSettings):
        return settings, None
    if isinstance(settings, (str, os.PathLike)):
        return load_pack_file(Path(settings), Path(settings).as_posix(), problems)
    problems.error("settings", f"expected PackSettings or the path of a pack.yaml, found {type(settings).__name__}",
                   reason=Reason.WRONG_TYPE)
    return None, None


def _narrative(narrative: Mapping[str, str] | Sequence[NarrativeSection]) -> tuple[NarrativeSection, ...]:
    if isinstance(narrative, Mapping):
        return tuple(NarrativeSection(key, f"narrative {key!r}", text) for key, text in narrative.items())
    return tuple(narrative)


def validate_frames(*, indicators: Any, observations: Any, settings: PackSettings | str | os.PathLike[str],
                    period: Period | str | None = None, benchmarks: Any = None, finance: Any = None,
                    activity: Any = None,
                    narrative: Mapping[str, str] | Sequence[NarrativeSection] = (),
                    self_assessment: SelfAssessment | None = None,
                    local_account_introduction: NarrativeSection | None = None) -> tuple[PackData | None, Problems]:
    """Pack data from frames, checked as files are (the pack data is None when there are errors)."""
    problems = Problems()
    typed_settings, pack_document = _settings(settings, problems)

    catalogue_table = frame_table(indicators, "indicators frame", CATALOGUE_COLUMNS, problems)
    found, rejected, _ = catalogue_from_table(catalogue_table, problems) if catalogue_table else ((), frozenset(), None)
    catalogue = {indicator.id: indicator for indicator in found}

    figures: dict[str, dict[Period, Observation]] = {i.id: {} for i in found}
    month_labels: dict[Period, str] = {}
    table = frame_table(observations, "observations frame", ("period", *MONTH_COLUMNS), problems,
                        rename={"indicator": "indicator_id"})
    for month, rows in (_by_month(table, problems) if table else {}).items():
        month_labels[month] = rows.label
        population = typed_settings.population if typed_settings else None
        for observation in observations_from_table(rows, month, catalogue, rejected, problems, population):
            figures[observation.indicator_id][month] = observation

    months = sorted(month_labels)
    chosen = reporting_period(as_period(period), typed_settings, months,
                              ("observations frame", "rows whose period is {p}"), problems)
    if chosen is not None and (not months or chosen in months):
        missing_figures(found, figures, chosen, typed_settings, lambda month: "observations frame", problems)
        population_groups(found, typed_settings, "indicators frame", problems)
    settings_label = Path(settings).as_posix() \
        if pack_document is not None and isinstance(settings, (str, os.PathLike)) else "settings"
    previous = previous_period(typed_settings, chosen, months, settings_label, problems)
    if typed_settings is not None:
        document = pack_document
        public_summary_ids(typed_settings, catalogue, rejected, settings_label,
                           lambda index: document.line("public_summary", "indicators", index) if document else None,
                           problems)

    optional: dict[str, Any] = {}
    for key, frame in (("benchmarks", benchmarks), ("finance", finance), ("activity", activity)):
        if frame is None:
            problems.warning(f"{key} frame", f"not given: {LEFT_OUT[key]}", reason=Reason.LEFT_OUT)
    if benchmarks is not None and (t := frame_table(benchmarks, "benchmarks frame", BENCHMARK_COLUMNS, problems,
                                                    optional=True)):
        optional["benchmarks"] = benchmarks_from_table(t, catalogue, problems)
    for key, frame, columns in (("finance", finance, FINANCE_COLUMNS), ("activity", activity, ACTIVITY_COLUMNS)):
        if frame is not None and (t := frame_table(frame, f"{key} frame", ("year", *columns), problems,
                                                   optional=True)):
            kind_column, kinds = KIND_COLUMNS[columns[0]]
            by_kind = amounts_by_kind(t, *columns, problems, kind_column if kind_column in t.columns else "", kinds)
            first, second = (by_kind[k] for k in kinds)
            optional.update({"finance": first, "income": second} if key == "finance" else
                            {"activity": first, "activity_by_age": second})

    sections = _narrative(narrative)
    check_markdown(sections, problems)
    if typed_settings is not None and chosen is not None:
        years = {key: len({a.year for a in optional.get(key, ())}) for key in ("finance", "activity")}
        check_quoted_figures(live_texts(sections, typed_settings, settings_label), years, previous,
                             {"finance": "give from_frames a finance frame",
                              "activity": "give from_frames an activity frame",
                              "benchmarks": "give from_frames a benchmarks frame"}, problems,
                             {b.indicator_id for b in optional.get("benchmarks", ())})
    if problems.errors or typed_settings is None or chosen is None:
        return None, problems
    return PackData(settings=typed_settings, indicators=found, observations=figures, periods=tuple(months),
                    period=chosen, previous_period=previous, narrative=sections,
                    self_assessment=self_assessment, local_account_introduction=local_account_introduction,
                    warnings=problems.warnings, **optional), problems


def from_frames(*, indicators: Any, observations: Any, settings: PackSettings | str | os.PathLike[str],
                **more: Any) -> PackData:
    """Pack data from pandas DataFrames: indicators (the catalogue's columns), observations (indicator, period,
    value and optionally numerator, denominator, commentary) and settings (PackSettings, or the path of a
    pack.yaml); optionally period, benchmarks, finance and activity frames, narrative (key: Markdown) and
    self_assessment. The frames get the same checks as files; InputError names each frame, row and column
    at fault."""
    pack, problems = validate_frames(indicators=indicators, observations=observations, settings=settings, **more)
    if pack is None:
        raise InputError(problems)
    for warning in pack.warnings:
        log.warning("%s", warning)
    return pack
