"""self_assessment.yaml: quality statements by CQC theme with scores 1 to 4, and the ADASS lists."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ..cqc_framework import STATEMENT_NAMES, STATEMENT_THEMES
from ..errors import Problems, Reason
from ..model import AdassSummary, QualityStatement, SelfAssessment
from .known_keys import SELF_ASSESSMENT_KEYS, STATEMENT_KEYS, THEME_KEYS, warn_unknown_keys
from .monthly import closest_id
from .text import TextFile
from .yamlfile import YamlChecker, read_yaml

ADASS_LISTS = ("risks_and_challenges", "innovations_and_achievements", "proud_of", "working_to_improve",
               "next_steps")


class _Checker(YamlChecker):

    def text(self, value: Any, path: tuple[Any, ...]) -> str:
        """One line of text ('' for none, or for a yes/no or number, which is an error)."""
        return " ".join(str(value or "").split()) if self.is_text(path, value) else ""

    def texts(self, value: Any, path: tuple[Any, ...], prose: bool = True) -> tuple[str, ...]:
        """A list of lines; ``prose`` (lines printed as text, not ids) refuses a yes/no or a number in it."""
        if value is None:
            return ()
        if not isinstance(value, list) or any(isinstance(v, (dict, list)) for v in value):
            self.fail(path, "expected a list of lines of text, each starting with '- '", value,
                      reason=Reason.WRONG_TYPE)
            return ()
        if prose and not all([self.is_text(path + (index,), v) for index, v in enumerate(value)]):
            return ()
        return tuple(" ".join(str(v).split()) for v in value if v is not None)


def _statement(checker: _Checker, entry: Any, theme: str, path: tuple[Any, ...],
               indicator_ids: list[str] | None) -> QualityStatement | None:
    if not isinstance(entry, dict):
        checker.fail(path, "expected a quality statement with id, score and its lists", entry, reason=Reason.WRONG_TYPE)
        return None
    errors_before = len(checker.problems.errors)
    warn_unknown_keys(entry, STATEMENT_KEYS, path, checker.document, checker.label, checker.problems)
    statement_id = str(entry.get("id") or "").strip()
    name = checker.text(entry.get("name"), path + ("name",)) or STATEMENT_NAMES.get(statement_id, "")
    if not name:
        checker.fail(path + ("name",), "expected a name (the id is not one of CQC's quality statements: "
                                       + ", ".join(STATEMENT_NAMES) + ")", statement_id, reason=Reason.MISSING_VALUE)
    score: Any = entry.get("score")
    if isinstance(score, bool) or not isinstance(score, int) or not 1 <= score <= 4:
        checker.fail(path + ("score",), "expected a score of 1, 2, 3 or 4", score, reason=Reason.OUT_OF_RANGE)
    evidence = checker.texts(entry.get("evidence"), path + ("evidence",), prose=False)
    for index, indicator_id in enumerate(evidence):
        if indicator_ids is not None and indicator_id not in indicator_ids:
            checker.fail(path + ("evidence", index), "unknown indicator id: expected an id from indicators.csv"
                         + closest_id(indicator_id, indicator_ids), indicator_id, reason=Reason.UNKNOWN_ID)
    if len(checker.problems.errors) > errors_before:
        return None
    return QualityStatement(
        id=statement_id or name, name=name, theme=theme, score=int(score),
        i_statements=checker.texts(entry.get("i_statements"), path + ("i_statements",)),
        commitment=checker.text(entry.get("commitment"), path + ("commitment",)),
        strengths=checker.texts(entry.get("strengths"), path + ("strengths",)),
        areas_for_development=checker.texts(entry.get("areas_for_development"), path + ("areas_for_development",)),
        evidence=evidence)


def load_self_assessment(path: Path, label: str, indicator_ids: list[str] | None,
                         problems: Problems) -> tuple[SelfAssessment | None, TextFile | None]:
    """Read and check the file; None when it has errors (all recorded). indicator_ids None: the catalogue
    could not be read, so evidence ids are not checked (each would be a follow-on error)."""
    document = read_yaml(path, label, problems)
    if document is None:
        return None, None
    data = document.data
    checker = _Checker(document, label, problems)
    if not isinstance(data, dict) or not isinstance(data.get("themes"), list) or not data["themes"]:
        problems.error(label, "expected 'themes:', a list of CQC themes each with its 'statements:'", line=1,
                       reason=Reason.WRONG_TYPE)
        return None, document.source
    errors_before = len(problems.errors)
    warn_unknown_keys(data, SELF_ASSESSMENT_KEYS, (), document, label, problems)
    warn_unknown_keys(data.get("adass"), frozenset(ADASS_LISTS), ("adass",), document, label, problems)
    submitted = data.get("submitted")
    if submitted is not None and not isinstance(submitted, dt.date):
        checker.fail(("submitted",), "expected the date of submission as YYYY-MM-DD", submitted,
                     reason=Reason.BAD_PERIOD)
        submitted = None
    statements: list[QualityStatement] = []
    for t, theme in enumerate(data["themes"]):
        if not isinstance(theme, dict) or not isinstance(theme.get("statements"), list):
            checker.fail(("themes", t), "expected a theme with a name and a list of 'statements:'", theme,
                         reason=Reason.WRONG_TYPE)
            continue
        warn_unknown_keys(theme, THEME_KEYS, ("themes", t), document, label, problems)
        entries = theme["statements"]
        default_theme = STATEMENT_THEMES.get(str((entries[0] or {}).get("id", "")) if entries and
                                             isinstance(entries[0], dict) else "", "")
        name = checker.text(theme.get("name"), ("themes", t, "name")) or default_theme
        if not name:
            checker.fail(("themes", t), "expected the theme's name", "", reason=Reason.MISSING_VALUE)
        for s, entry in enumerate(entries):
            statement = _statement(checker, entry, name, ("themes", t, "statements", s), indicator_ids)
            if statement is not None:
                statements.append(statement)
    adass = data.get("adass") or {}
    if not isinstance(adass, dict):
        checker.fail(("adass",), "expected the ADASS lists (" + ", ".join(ADASS_LISTS) + ") on indented lines",
                     adass, reason=Reason.WRONG_TYPE)
        adass = {}
    summary = AdassSummary(**{key: checker.texts(adass.get(key), ("adass", key)) for key in ADASS_LISTS})
    if len(problems.errors) > errors_before:
        return None, document.source
    return SelfAssessment(submitted, tuple(statements), summary), document.source
