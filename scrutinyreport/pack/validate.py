"""Every problem in an inputs folder at once, as ``validate`` reports them: the files' own problems
(loading), the checks that need the analysis's rules (a benchmark against the monthly figures for its year),
and every live figure of the narrative and recommendations that cannot be worked out, checked on the good
rows even when the data has errors, so that one report has it all."""

from __future__ import annotations

from os import PathLike
from pathlib import Path

from ..analysis import analyse
from ..analysis.input_checks import benchmark_agreement
from ..content.committee_update import narrative_problems
from ..errors import Reason
from ..formatting import Printer
from ..loading import LoadResult
from ..loading import validate_inputs as read_and_check
from ..model import PackData, Period
from ..word.markdown import flattened_markdown


def validate_inputs(inputs: str | PathLike[str], period: Period | None = None) -> LoadResult:
    """Read every input file and check it, collecting all problems instead of stopping at the first."""
    folder = Path(inputs)
    result = read_and_check(folder, period)
    if result.partial is not None:
        label = folder.as_posix().rstrip("/")
        benchmark_agreement(result.partial, f"{label}/benchmarks.csv",
                            lambda month: result.sources.get(month, f"{label}/monthly/{month}.csv"), result.problems)
        _narrative(result, result.partial, f"{label}/pack.yaml")
    return result


def _narrative(result: LoadResult, pack: PackData, pack_file: str) -> None:
    """Live figures that cannot be worked out (not those that fail only because their indicator's row was
    rejected: that problem is reported already), and Markdown that Word would flatten."""
    for error in narrative_problems(analyse(pack), Printer.for_locale(pack.settings.locale), pack_file):
        no_catalogue = not pack.indicators and "has no attribute" in error.message
        if not no_catalogue and not any(f"'{r}'" in error.message for r in result.rejected):
            result.problems.error(error.source, error.message, line=error.line, reason=Reason.NARRATIVE)
    for section in pack.narrative:
        for line, message in flattened_markdown(section.text):
            result.problems.warning(section.path, message, line=line, reason=Reason.NARRATIVE)
