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
from ..model import Period


def validate_inputs(inputs: str | PathLike[str], period: Period | str | None = None) -> LoadResult:
    """Read every input file and check it, collecting all problems instead of stopping at the first."""
    return completed(read_and_check(inputs, period), Path(inputs))


def completed(result: LoadResult, inputs: Path) -> LoadResult:
    """The checks that need the analysis added to what loading found: a benchmark against the monthly
    figures for its year, and every live figure of the narrative and recommendations that cannot be worked
    out (on the rows without errors; each said once: not a follow-on of a rejected catalogue row, nor one
    loading has named already)."""
    pack = result.partial
    if pack is None:
        return result
    label = inputs.as_posix().rstrip("/")
    benchmark_agreement(pack, f"{label}/benchmarks.csv",
                        lambda month: result.sources.get(month, f"{label}/monthly/{month}.csv"), result.problems)
    said = {(p.file, p.line) for p in result.problems.errors if p.reason is Reason.NARRATIVE}
    for error in narrative_problems(analyse(pack), Printer.for_locale(pack.settings.locale), f"{label}/pack.yaml"):
        no_catalogue = not pack.indicators and "has no attribute" in error.message
        if not no_catalogue and not any(f"'{r}'" in error.message for r in result.rejected) \
                and (error.source, error.line) not in said:
            result.problems.error(error.source, error.message, line=error.line, reason=Reason.NARRATIVE)
    return result
