"""Loading and validating an inputs folder (the v1 input contract): the only place that reads input files."""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath, PureWindowsPath

from ..errors import InputError, Problem, Problems, Reason, Severity
from ..model import Amount, Benchmark, Indicator, InputFile, NarrativeSection, Observation, PackData, Period
from .catalogue import load_catalogue
from .comparisons import ACTIVITY_BREAKDOWNS, FINANCE_KINDS, LEFT_OUT, load_amounts, load_benchmarks
from .cross_checks import missing_figures, population_groups, previous_period, public_summary_ids, reporting_period
from .limits import MAX_INDICATORS
from .month_names import as_period
from .monthly import MONTHLY_WORKBOOK, closest_id, load_month, month_sources
from .narrative import check_quoted_figures, live_texts, load_introduction, load_narrative
from .pack_file import load_pack_file
from .self_assessment import load_self_assessment
from .table import SourceFile
from .text import reading_inside
from .yamlfile import YamlDocument

CATALOGUES = ("indicators.csv", "indicators.xlsx")
log = logging.getLogger(__name__)


__all__ = ["InputError", "LoadResult", "Problem", "Problems", "Severity", "load_inputs", "validate_inputs"]


@dataclass(frozen=True)
class LoadResult:
    """The pack data (None when there are errors) and every problem found. ``partial`` is the pack data
    built from the rows without errors, so that the narrative can be checked in the same report."""

    pack: PackData | None
    problems: Problems
    partial: PackData | None = None
    rejected: frozenset[str] = frozenset()
    sources: Mapping[Period, str] = field(default_factory=dict)   # where each month's figures were read


def _outside(relative: str) -> bool:
    """An absolute path, a drive, or one that climbs out with '..': not inside the inputs folder."""
    return any(p.is_absolute() or ".." in p.parts or p.drive
               for p in (PurePosixPath(relative), PureWindowsPath(relative)))


def _inside(relative: str, key: str, document: YamlDocument | None, label: str, problems: Problems) -> bool:
    """A path from pack.yaml must stay inside the inputs folder."""
    if not _outside(relative):
        return True
    problems.error(f"{label}/pack.yaml", "expected a path inside the inputs folder (no drive, no leading / and "
                   "no '..'): inputs are read only from there", line=document.line(key) if document else None,
                   column=key, found=relative, reason=Reason.OUTSIDE_INPUTS)
    return False


class _EveryId(frozenset[str]):
    """Stands for every indicator id when the catalogue could not be read at all."""

    def __contains__(self, item: object) -> bool:
        return True


_EVERY_ID = _EveryId()


def _relative(path: Path, inputs: Path) -> str:
    """The path as the manifest records it: within the inputs folder, or as given when it lies outside."""
    try:
        return path.relative_to(inputs).as_posix()
    except ValueError:
        return path.as_posix()


def _record(sources: list[tuple[str, SourceFile | None]], inputs: Path) -> tuple[InputFile, ...]:
    return tuple(sorted({InputFile(_relative(s.path, inputs), s.sha256) for _, s in sources if s is not None},
                        key=lambda f: f.path))


def validate_inputs(inputs: str | os.PathLike[str], period: Period | str | None = None) -> LoadResult:
    """Read every input file, collecting all problems at once instead of stopping at the first. Only files
    inside the inputs folder are read: links and paths that leave it are refused. ``inputs`` is a folder
    (a str or a path); ``period`` the reporting month (a Period, or text such as '2026-09')."""
    folder = Path(inputs)
    with reading_inside(folder):
        return _validate(folder, as_period(period))


def _validate(inputs: Path, period: Period | None) -> LoadResult:
    problems = Problems()
    label = inputs.as_posix().rstrip("/")
    if not inputs.is_dir():
        problems.error(label, "is not a folder of inputs (expected pack.yaml, indicators.csv and monthly/)",
                       reason=Reason.NOT_FOUND)
        return LoadResult(None, problems)
    sources: list[tuple[str, SourceFile | None]] = []

    settings, pack_document = (None, None)
    if (inputs / "pack.yaml").is_file():
        settings, pack_document = load_pack_file(inputs / "pack.yaml", f"{label}/pack.yaml", problems)
        sources.append(("pack.yaml", pack_document.source if pack_document else None))
    else:
        problems.error(f"{label}/pack.yaml", "not found: expected the meeting's details (council, committee, "
                                             "meeting_date, report_title, author)", reason=Reason.NOT_FOUND)

    indicators: tuple[Indicator, ...] = ()
    rejected: frozenset[str] = frozenset()
    catalogue_source: SourceFile | None = None
    catalogues = [name for name in CATALOGUES if (inputs / name).is_file()]
    if len(catalogues) > 1:
        problems.error(f"{label}/{catalogues[1]}", f"{catalogues[0]} is there too: keep one indicator catalogue",
                       reason=Reason.DUPLICATE)
    elif catalogues:
        indicators, rejected, catalogue_source = load_catalogue(inputs / catalogues[0], f"{label}/{catalogues[0]}",
                                                                problems)
        sources.append((catalogues[0], catalogue_source))
    else:
        problems.error(f"{label}/indicators.csv", "not found: expected the indicator catalogue "
                                                  "(indicators.csv or indicators.xlsx)", reason=Reason.NOT_FOUND)
    if len(indicators) > MAX_INDICATORS:
        problems.error(f"{label}/{catalogues[0]}", f"has {len(indicators)} indicators; a dashboard takes at most "
                       f"{MAX_INDICATORS}: is it the right file?", reason=Reason.TOO_LARGE)
        indicators, rejected, catalogue_source = (), frozenset(), None
    if catalogue_source is None:   # no usable catalogue: every id elsewhere would be reported unknown
        rejected = _EVERY_ID
    catalogue = {indicator.id: indicator for indicator in indicators}

    observations: dict[str, dict[Period, Observation]] = {i.id: {} for i in indicators}
    periods: list[Period] = []
    month_labels: dict[Period, str] = {}
    for month in month_sources(inputs, label, problems):
        rows, source = load_month(month, catalogue, rejected, problems, settings.population if settings else None)
        sources.append((month.label, source))
        if source is not None:
            periods.append(month.period)
            month_labels[month.period] = month.where
        for observation in rows:
            observations[observation.indicator_id][month.period] = observation

    catalogue_label = f"{label}/{catalogues[0]}" if catalogues else f"{label}/indicators.csv"
    chosen = reporting_period(period, settings, periods, (f"{label}/monthly", f"monthly/{{p}}.csv (or .xlsx, or "
                                                          f"a sheet {{p}} in {MONTHLY_WORKBOOK})"), problems)
    if chosen is not None and (not periods or chosen in periods):
        missing_figures(indicators, observations, chosen, settings,
                        lambda month: month_labels.get(month, f"{label}/monthly/{month}.csv"), problems)
        population_groups(indicators, settings, catalogue_label, problems)

    previous = previous_period(settings, chosen, periods, f"{label}/pack.yaml", problems)

    if settings is not None and pack_document is not None:
        for indicator_id, line in zip(settings.spotlight, settings.spotlight_lines):
            if indicator_id not in catalogue and indicator_id not in rejected:
                problems.error(f"{label}/pack.yaml", "unknown indicator id in spotlight: expected an id from "
                               "indicators.csv" + closest_id(indicator_id, list(catalogue)), line=line,
                               column="spotlight", found=indicator_id, reason=Reason.UNKNOWN_ID)
        document = pack_document
        public_summary_ids(settings, catalogue, rejected, f"{label}/pack.yaml",
                           lambda index: document.line("public_summary", "indicators", index), problems)
        account = settings.local_account
        given = ("local_account", "indicators") in pack_document.lines   # else public_summary's, checked above
        named: list[tuple[tuple[str, ...], int | str, str]] = [
            (("local_account", "indicators"), i, i_id) for i, i_id in enumerate(account.indicators) if given]
        named += [(("local_account", "activity"), i, i_id) for i, i_id in enumerate(account.activity or ())]
        named += [(("local_account", "care_market", "indicators"), i, i_id)
                  for i, i_id in enumerate(account.care_market)]
        for key in ("meanings", "aims", "target_changes"):
            named += [(("local_account", key), i_id, i_id) for i_id in getattr(account, key)]
        for keys, index, indicator_id in named:
            setting = ".".join(keys)
            if indicator_id not in catalogue and indicator_id not in rejected:
                problems.error(f"{label}/pack.yaml", f"unknown indicator id in {setting}: expected "
                               "an id from indicators.csv" + closest_id(indicator_id, list(catalogue)),
                               line=pack_document.line(*keys, index), column=setting, found=indicator_id,
                               reason=Reason.UNKNOWN_ID)
            elif keys[-1] in ("aims", "target_changes") and indicator_id not in account.indicators:
                problems.warning(f"{label}/pack.yaml", f"not a key measure of the Local Account, so its {keys[-1]} "
                                 "sentence is not printed: add it to local_account.indicators",
                                 line=pack_document.line(*keys, index), column=setting, found=indicator_id,
                                 reason=Reason.IGNORED)

    benchmarks: tuple[Benchmark, ...] = ()
    finance: tuple[Amount, ...] = ()
    activity: tuple[Amount, ...] = ()
    income: tuple[Amount, ...] = ()
    activity_by_age: tuple[Amount, ...] = ()
    for name in ("benchmarks", "finance", "activity"):
        if not (inputs / f"{name}.csv").is_file():
            problems.warning(f"{label}/{name}.csv", f"not found: {LEFT_OUT[name]}", reason=Reason.LEFT_OUT)
    if (inputs / "benchmarks.csv").is_file():
        benchmarks, source = load_benchmarks(inputs / "benchmarks.csv", f"{label}/benchmarks.csv", catalogue,
                                             problems)
        sources.append(("benchmarks.csv", source))
    if (inputs / "finance.csv").is_file():
        money, source = load_amounts(inputs / "finance.csv", f"{label}/finance.csv", "category", "amount",
                                     problems, "kind", FINANCE_KINDS)
        finance, income = money["spend"], money["income"]
        sources.append(("finance.csv", source))
    if (inputs / "activity.csv").is_file():
        people, source = load_amounts(inputs / "activity.csv", f"{label}/activity.csv", "client_group",
                                      "people", problems, "breakdown", ACTIVITY_BREAKDOWNS)
        activity, activity_by_age = people["support_need"], people["age_group"]
        sources.append(("activity.csv", source))

    written = pack_document.data if pack_document is not None and isinstance(pack_document.data, dict) else {}
    where = pack_document.line if pack_document is not None else (lambda *path: None)
    narrative: tuple[NarrativeSection, ...] = ()
    if settings is not None and _inside(settings.narrative, "narrative", pack_document, label, problems):
        folder = inputs / settings.narrative
        if "narrative" in written and not folder.is_dir():
            problems.error(f"{label}/pack.yaml", f"the narrative folder {settings.narrative!r} is not a folder in "
                           f"{label}: check the name (every section would say 'Not applicable')",
                           line=where("narrative"), column="narrative", found=settings.narrative,
                           reason=Reason.NOT_FOUND)
        else:
            narrative, narrative_sources = load_narrative(folder, f"{label}/{settings.narrative}", problems)
            sources.extend((s.path.name, s) for s in narrative_sources)

    introduction = None
    if settings is not None:
        introduction, source = load_introduction(inputs, label, settings.local_account.introduction, problems)
        sources.append(("introduction", source))

    self_assessment = None
    if settings is not None and _inside(settings.self_assessment, "self_assessment", pack_document, label,
                                        problems):
        path = inputs / settings.self_assessment
        file_label = f"{label}/{settings.self_assessment}"
        if path.is_file():
            known_ids = None if catalogue_source is None else [i.id for i in indicators]
            self_assessment, source = load_self_assessment(path, file_label, known_ids, problems)
            sources.append((file_label, source))
        elif "self_assessment" in written:
            problems.error(f"{label}/pack.yaml", f"the self-assessment file {settings.self_assessment!r} is not "
                           f"in {label}: check the name", line=where("self_assessment"),
                           column="self_assessment", found=settings.self_assessment, reason=Reason.NOT_FOUND)
        else:
            problems.warning(file_label, "not found: the pack will have no self-assessment summary",
                             reason=Reason.LEFT_OUT)

    if settings is None or chosen is None:
        return LoadResult(None, problems, rejected=rejected)
    check_quoted_figures(live_texts(narrative, settings, f"{label}/pack.yaml"),
                         {"finance": len({a.year for a in finance}), "activity": len({a.year for a in activity})},
                         previous, {name: f"{name}.csv" for name in ("finance", "activity", "benchmarks")},
                         problems, {b.indicator_id for b in benchmarks})
    pack = PackData(settings=settings, indicators=indicators, observations=observations,
                    periods=tuple(sorted(periods)), period=chosen, previous_period=previous, benchmarks=benchmarks,
                    finance=finance, activity=activity, activity_by_age=activity_by_age, income=income,
                    local_account_introduction=introduction, narrative=narrative, self_assessment=self_assessment,
                    files=_record(sources, inputs), warnings=problems.warnings)
    if problems.errors:
        return LoadResult(None, problems, partial=pack, rejected=rejected, sources=month_labels)
    return LoadResult(pack, problems, partial=pack, sources=month_labels)


def load_inputs(inputs: str | os.PathLike[str], period: Period | str | None = None) -> PackData:
    """The validated pack data; raise InputError (with every problem) when the inputs have errors. Its
    ``warnings`` are also logged (logger ``scrutinyreport``), as is what was read."""
    result = validate_inputs(inputs, period)
    if result.pack is None:
        raise InputError(result.problems)
    pack = result.pack
    for warning in pack.warnings:
        log.warning("%s", warning)
    log.info("Read %d indicators over %d months from %s; reporting period %s", len(pack.indicators),
             len(pack.periods), Path(inputs).as_posix(), pack.period)
    return pack
