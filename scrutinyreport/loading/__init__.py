"""Loading and validating an inputs folder (the v1 input contract): the only place that reads input files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..analysis.assessment import DEFAULT_WINDOW_MONTHS
from ..analysis.periods import last_complete
from ..model import Indicator, InputFile, Observation, PackData, PackSettings, Period
from .catalogue import load_catalogue
from .comparisons import load_amounts, load_benchmarks
from .monthly import closest_id, load_month, month_files
from .narrative import load_introduction, load_narrative
from .pack_file import load_pack_file
from .problems import InputError, Problem, Problems, Severity
from .self_assessment import load_self_assessment
from .text import TextFile

FINANCE_KINDS = ("spend", "income")
ACTIVITY_BREAKDOWNS = ("support_need", "age_group")

__all__ = ["InputError", "LoadResult", "Problem", "Problems", "Severity", "load_inputs", "validate_inputs"]


@dataclass(frozen=True)
class LoadResult:
    """The pack data (None when there are errors) and every problem found."""

    pack: PackData | None
    problems: Problems


def _relative(path: Path, inputs: Path) -> str:
    """The path as the manifest records it: within the inputs folder, or as given when it lies outside."""
    try:
        return path.relative_to(inputs).as_posix()
    except ValueError:
        return path.as_posix()


def _record(sources: list[tuple[str, TextFile | None]], inputs: Path) -> tuple[InputFile, ...]:
    return tuple(sorted((InputFile(_relative(s.path, inputs), s.sha256) for _, s in sources if s is not None),
                        key=lambda f: f.path))


def _previous_period(settings: PackSettings | None, chosen: Period | None, periods: list[Period], label: str,
                     problems: Problems) -> Period | None:
    """The period of the committee's previous report: pack.yaml's, or the latest earlier month with a file."""
    if chosen is None:
        return None
    given = settings.previous_period if settings else None
    if given is not None:
        if given >= chosen:
            problems.error(f"{label}/pack.yaml", f"expected previous_period before the reporting period {chosen}",
                           column="previous_period", found=str(given))
            return None
        if given not in periods:
            problems.warning(f"{label}/pack.yaml", f"there is no monthly file for previous_period {given}: each "
                             "indicator is compared with its latest figure before then",
                             column="previous_period", found=str(given))
        return given
    earlier = [p for p in periods if p < chosen]
    return max(earlier) if earlier else None


def _warn_missing_figures(indicators: tuple[Indicator, ...], observations: dict[str, dict[Period, Observation]],
                          chosen: Period, settings: PackSettings | None, label: str, problems: Problems) -> None:
    """A warning for each indicator without a figure for the period the report expects (a month, the latest
    quarter or the latest financial year), saying what the dashboard will show instead."""
    window = settings.latest_window_months if settings else DEFAULT_WINDOW_MONTHS
    for indicator in indicators:
        expected = last_complete(indicator.frequency, chosen)
        observation = observations[indicator.id].get(expected.end)
        if observation is not None and observation.value is not None:
            continue
        where = "has no row" if observation is None else "has no figure"
        earlier = [p for p, o in observations[indicator.id].items()
                   if o.value is not None and p < expected.end and expected.end.months_since(p) <= window]
        shown = (f"its latest earlier figure ({max(earlier)}) marked 'no new data'" if earlier
                 else "'No data'")
        problems.warning(f"{label}/monthly/{expected.end}.csv", f"{where} for indicator {indicator.id!r} "
                         f"({indicator.title}): the dashboard will show {shown}")


def validate_inputs(inputs: Path, period: Period | None = None) -> LoadResult:
    """Read every input file, collecting all problems at once instead of stopping at the first."""
    problems = Problems()
    label = inputs.as_posix().rstrip("/")
    if not inputs.is_dir():
        problems.error(label, "is not a folder of inputs (expected pack.yaml, indicators.csv and monthly/)")
        return LoadResult(None, problems)
    sources: list[tuple[str, TextFile | None]] = []

    settings, pack_document = (None, None)
    if (inputs / "pack.yaml").is_file():
        settings, pack_document = load_pack_file(inputs / "pack.yaml", f"{label}/pack.yaml", problems)
        sources.append(("pack.yaml", pack_document.source if pack_document else None))
    else:
        problems.error(f"{label}/pack.yaml", "not found: expected the meeting's details (council, committee, "
                                             "meeting_date, report_title, author)")

    indicators, rejected, catalogue_source = (), frozenset(), None
    if (inputs / "indicators.csv").is_file():
        indicators, rejected, catalogue_source = load_catalogue(inputs / "indicators.csv", f"{label}/indicators.csv",
                                                      problems)
        sources.append(("indicators.csv", catalogue_source))
    else:
        problems.error(f"{label}/indicators.csv", "not found: expected the indicator catalogue")
    catalogue = {indicator.id: indicator for indicator in indicators}

    observations: dict[str, dict[Period, Observation]] = {i.id: {} for i in indicators}
    periods: list[Period] = []
    if (inputs / "monthly").is_dir():
        for month, path, file_label in month_files(inputs / "monthly", f"{label}/monthly", problems):
            rows, source = load_month(path, file_label, month, catalogue, rejected, problems,
                                      settings.population if settings else None)
            sources.append((file_label, source))
            if source is not None:
                periods.append(month)
            for observation in rows:
                observations[observation.indicator_id][month] = observation
    else:
        problems.error(f"{label}/monthly", "not found: expected a folder of monthly YYYY-MM.csv files")

    chosen = period or (settings.period if settings else None) or (max(periods) if periods else None)
    if chosen is not None and periods and chosen not in periods:
        problems.error(f"{label}/monthly", f"no file for the reporting period {chosen}: expected {chosen}.csv",
                       found=str(chosen))
    elif chosen is not None:
        _warn_missing_figures(indicators, observations, chosen, settings, label, problems)
        for indicator in indicators:
            if indicator.unit.value == "rate_per_100k" and indicator.population_group and settings and \
                    indicator.population_group not in settings.population:
                problems.warning(f"{label}/indicators.csv", f"population group {indicator.population_group!r} "
                                 "is not in pack.yaml's population, so rates cannot be worked out from counts",
                                 column="population_group", found=indicator.population_group)

    previous = _previous_period(settings, chosen, periods, label, problems)

    if settings is not None and pack_document is not None:
        for indicator_id, line in zip(settings.spotlight, settings.spotlight_lines):
            if indicator_id not in catalogue and indicator_id not in rejected:
                problems.error(f"{label}/pack.yaml", "unknown indicator id in spotlight: expected an id from "
                               "indicators.csv" + closest_id(indicator_id, list(catalogue)), line=line,
                               column="spotlight", found=indicator_id)
        for index, indicator_id in enumerate(settings.public_summary_indicators):
            if indicator_id not in catalogue and indicator_id not in rejected:
                problems.error(f"{label}/pack.yaml", "unknown indicator id in public_summary: expected an id "
                               "from indicators.csv" + closest_id(indicator_id, list(catalogue)),
                               line=pack_document.line("public_summary", "indicators", index),
                               column="public_summary.indicators", found=indicator_id)
        account = settings.local_account
        given = ("local_account", "indicators") in pack_document.lines   # else public_summary's, checked above
        named = [(("local_account", "indicators", i), i_id) for i, i_id in enumerate(account.indicators) if given]
        named += [(("local_account", "meanings", i_id), i_id) for i_id in account.meanings]
        for path, indicator_id in named:
            if indicator_id not in catalogue and indicator_id not in rejected:
                problems.error(f"{label}/pack.yaml", f"unknown indicator id in local_account.{path[1]}: expected "
                               "an id from indicators.csv" + closest_id(indicator_id, list(catalogue)),
                               line=pack_document.line(*path), column=".".join(map(str, path[:2])),
                               found=indicator_id)

    benchmarks, finance, activity, income, activity_by_age = (), (), (), (), ()
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

    narrative = ()
    if settings is not None:
        narrative, narrative_sources = load_narrative(inputs / settings.narrative,
                                                      f"{label}/{settings.narrative}", problems)
        sources.extend((s.path.name, s) for s in narrative_sources)

    introduction = None
    if settings is not None:
        introduction, source = load_introduction(inputs, label, settings.local_account.introduction, problems)
        sources.append(("introduction", source))

    self_assessment = None
    if settings is not None:
        path = inputs / settings.self_assessment
        file_label = f"{label}/{settings.self_assessment}"
        if path.is_file():
            self_assessment, source = load_self_assessment(path, file_label, [i.id for i in indicators], problems)
            sources.append((file_label, source))
        else:
            problems.warning(file_label, "not found: the pack will have no self-assessment summary")

    if problems.errors or settings is None or chosen is None:
        return LoadResult(None, problems)
    pack = PackData(settings=settings, indicators=indicators, observations=observations,
                    periods=tuple(sorted(periods)), period=chosen, previous_period=previous, benchmarks=benchmarks,
                    finance=finance, activity=activity, activity_by_age=activity_by_age, income=income,
                    local_account_introduction=introduction, narrative=narrative, self_assessment=self_assessment,
                    files=_record(sources, inputs))
    return LoadResult(pack, problems)


def load_inputs(inputs: Path | str, period: Period | None = None) -> PackData:
    """The validated pack data; raise InputError (with every problem) when the inputs have errors."""
    result = validate_inputs(Path(inputs), period)
    if result.pack is None:
        raise InputError(result.problems)
    return result.pack
