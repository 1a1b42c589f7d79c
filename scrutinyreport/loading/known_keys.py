"""The keys pack.yaml and self_assessment.yaml know. Any other key is most likely a typo (a mistyped
``previous_perod`` would otherwise do nothing at all), so it is a warning with the nearest known key."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Any

from ..errors import Problems, Reason
from .yamlfile import YamlDocument

# Every top-level key of pack.yaml, and the keys known inside those that hold a mapping of fixed keys.
# Add a new setting here when its reader is added. (population's keys are the user's own group names.)
PACK_YAML_KEYS: dict[str, frozenset[str] | None] = {
    "council": None, "committee": None, "meeting_date": None, "report_title": None,
    "author": frozenset({"name", "role", "email"}),
    "cabinet_member": None, "locale": None, "population": None, "period": None, "previous_period": None,
    "latest_window_months": None, "narrative": None, "self_assessment": None, "missing_sections": None,
    "rag_rule": None, "recommendations": None, "background_documents": None,
    "timescales": frozenset({"major_policy_item", "cabinet_date"}),
    "public_summary": frozenset({"indicators"}),
    "disclosure": None, "dashboard_charts": None, "charts": None, "spotlight": None,
    "local_account": frozenset({"title", "area", "introduction", "introduction_by", "indicators", "meanings",
                                "contact", "priorities", "activity", "care_market", "forum", "views", "aims",
                                "target_changes"}),
    "spc": frozenset({"shift_run", "trend_run"}),
}
# Mappings of fixed keys one level further in (meanings, aims and target_changes are keyed by indicator id).
PACK_YAML_INNER_KEYS: dict[tuple[str, str], frozenset[str]] = {
    ("local_account", "care_market"): frozenset({"indicators", "notes"}),
    ("local_account", "forum"): frozenset({"name", "about", "priorities"}),
}

SELF_ASSESSMENT_KEYS = frozenset({"submitted", "themes", "adass"})
THEME_KEYS = frozenset({"name", "statements"})
STATEMENT_KEYS = frozenset({"id", "name", "score", "evidence", "i_statements", "commitment", "strengths",
                            "areas_for_development"})


def did_you_mean(key: str, known: frozenset[str] | set[str] | list[str]) -> str:
    match = difflib.get_close_matches(key.lower(), sorted(known), n=1, cutoff=0.6)
    return f"; did you mean {match[0]!r}?" if match else ""


def warn_unknown_keys(data: Any, known: frozenset[str] | set[str], path: tuple[Any, ...],
                      document: YamlDocument, label: str, problems: Problems) -> None:
    """A warning, on its line, for each key of the mapping data that is not known."""
    if not isinstance(data, Mapping):
        return
    for key in data:
        if str(key) not in known:
            problems.warning(label, "unknown key, ignored" + did_you_mean(str(key), known),
                             line=document.line(*path, key), column=".".join(str(p) for p in (*path, key)),
                             found=str(key), reason=Reason.UNKNOWN_KEY)


def warn_unknown_pack_keys(document: YamlDocument, label: str, problems: Problems) -> None:
    """pack.yaml's unknown keys, at the top level, inside author, timescales, public_summary, local_account and
    spc, and inside local_account's care_market and forum."""
    data = document.data
    warn_unknown_keys(data, frozenset(PACK_YAML_KEYS), (), document, label, problems)
    for key, inner in PACK_YAML_KEYS.items():
        if inner is not None and isinstance(data.get(key), Mapping):
            warn_unknown_keys(data[key], inner, (key,), document, label, problems)
    for (outer, key), inner in PACK_YAML_INNER_KEYS.items():
        found = data.get(outer)
        if isinstance(found, Mapping) and isinstance(found.get(key), Mapping):
            warn_unknown_keys(found[key], inner, (outer, key), document, label, problems)
