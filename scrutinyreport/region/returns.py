"""Reading the councils' self-assessment returns: each checked against the schema of its own version (1.0 or
1.1), every problem reported at once in plain words with the file and the JSON path, e.g.
``returns/fenmoor.json: themes[1].statements[0].score: 5 is above 4``.

A return comes from another council's machine, so it is read within bounds before the schema sees it: at
most MAX_RETURN_BYTES, nested at most MAX_RETURN_DEPTH deep, no list longer than MAX_RETURN_ITEMS, no text
longer than MAX_RETURN_TEXT; NaN, Infinity and numbers too large to print are refused, and so are control
characters and lone surrogates (which Word cannot hold) in any text or key, each with the file and JSON path.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, cast

import jsonschema

from ..analysis.self_assessment import IndicativeRating, indicative_rating
from ..content.regional_return import SCHEMA_PATHS, load_return_schema
from ..errors import Problems, Reason, UnreadableInput
from ..files import read_regular_file
from ..formatting import format_month
from ..loading.limits import MAX_INDICATORS, MAX_NUMBER
from ..loading.text import CONTROL
from ..model import Period, Polarity, QualityStatement, Unit

MAX_RETURN_BYTES = 20 * 1024 * 1024
RETURN_LOCALE = "en_GB"   # a return's printed labels are English, as the schema's examples are
MAX_RETURN_DEPTH = 20           # the schema's deepest value (a statement's evidence figure) is 6 levels down
MAX_RETURN_ITEMS = MAX_INDICATORS   # any one list: a council's key indicators are its dashboard (at most 500)
MAX_RETURN_TEXT = 5_000         # characters in any one text: a paragraph, not a document
MAX_RETURN_PROBLEMS = 20        # problems of these kinds said for one file (then how many more)
_SURROGATE = re.compile("[\ud800-\udfff]")
MONTH_PATTERN = "^[0-9]{4}-(0[1-9]|1[0-2])$"
DATE_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
PATTERNS = {MONTH_PATTERN: "a month as YYYY-MM", DATE_PATTERN: "a date as YYYY-MM-DD"}
TYPE_WORDS = {"integer": "a whole number", "number": "a number", "string": "text", "array": "a list",
              "object": "an object ({...})", "null": "null", "boolean": "true or false"}


@dataclass(frozen=True)
class StatementScore:
    """One quality statement as a council scored it."""

    id: str
    name: str
    theme: str
    score: int
    score_meaning: str


@dataclass(frozen=True)
class KeyIndicator:
    """One of a council's indicators at its latest figure (schema 1.1 ``indicators``; for a 1.0 return, the
    evidence indicators of its statements)."""

    id: str
    title: str
    ascof: str | None
    unit: Unit
    polarity: Polarity
    decimals: int
    period: Period                    # the month that ends the figure's period
    period_label: str                 # 'September 2026', 'Q2 2026/27', '2025/26'
    value: float | None
    value_text: str
    target: float | None
    target_text: str
    rag: str


@dataclass(frozen=True)
class CouncilReturn:
    """A valid return, as the region reads it."""

    source: str                       # the file, as given on the command line
    version: str
    council: str
    period: Period
    framework: str
    submitted: dt.date | None
    statements: tuple[StatementScore, ...]
    indicators: tuple[KeyIndicator, ...]
    recorded_rating: str | None       # the return's own indicative rating text, e.g. '24 of 36 (67%): Good'
    risks: tuple[str, ...]
    innovations: tuple[str, ...]

    def rating(self) -> IndicativeRating | None:
        """The indicative rating the scores give (None with no scores)."""
        if not self.statements:
            return None
        return indicative_rating([QualityStatement(s.id, s.name, s.theme, s.score) for s in self.statements])


# ------------------------------------------------------------------------------------------------ words

def json_path(parts: Iterable[Any]) -> str:
    """('themes', 1, 'statements', 0, 'score') -> 'themes[1].statements[0].score'."""
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def shown(value: Any, limit: int = 40) -> str:
    """A found value as the reader would write it: 5, "three", null, a list, an object."""
    if isinstance(value, dict):
        return "an object ({...})"
    if isinstance(value, list):
        return "a list"
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[:limit - 1] + "\u2026\""


def _type_words(expected: Any) -> str:
    kinds: list[str] = expected if isinstance(expected, list) else [expected]
    return " or ".join(TYPE_WORDS.get(kind, kind) for kind in kinds)


def _branch_errors(error: jsonschema.ValidationError) -> list[jsonschema.ValidationError]:
    """For oneOf/anyOf: the errors of the branch meant for a value of this type (a rating object rather than
    null), so the reader hears what is wrong inside it."""
    branches: dict[Any, list[jsonschema.ValidationError]] = {}
    for sub in error.context or ():
        branches.setdefault(sub.relative_schema_path[0], []).append(sub)
    for errors in branches.values():
        if not any(e.validator == "type" and not e.relative_path for e in errors):
            return errors
    return []


def describe(error: jsonschema.ValidationError, version: str) -> list[tuple[str, str]]:
    """(JSON path, what is wrong in plain words) for one schema error (several for a oneOf)."""
    path = list(error.absolute_path)
    where = json_path(path)
    # set on every error a validator reports (the stubs allow for errors made by hand, where they are not)
    value: Any = error.instance
    rule: Any = error.validator_value
    kind: Any = error.validator
    if kind == "required":
        present = value if isinstance(value, dict) else {}
        return [(json_path(path + [name]), "missing") for name in rule if name not in present]
    if kind == "additionalProperties":
        known = set(cast(Mapping[str, Any], error.schema).get("properties", {}))
        return [(json_path(path + [name]), f"is not a field of a version {version} return")
                for name in value if name not in known]
    if kind in ("oneOf", "anyOf"):
        inner = _branch_errors(error)
        if inner:
            return [found for sub in inner for found in describe(sub, version)]
        kinds = [branch.get("type") for branch in rule if isinstance(branch, dict) and "type" in branch]
        return [(where, f"expected an object ({{...}}) or {_type_words(kinds)}, found {shown(value)}")]
    if kind == "type":
        text = f"expected {_type_words(rule)}, found {shown(value)}"
    elif kind == "maximum":
        text = f"{shown(value)} is above {rule}"
    elif kind == "minimum":
        text = f"{shown(value)} is below {rule}"
    elif kind == "enum":
        options = ", ".join("null" if option is None else str(option) for option in rule)
        text = f"{shown(value)} is not one of: {options}"
    elif kind == "const":
        text = f"expected {shown(rule)}, found {shown(value)}"
    elif kind == "minLength":
        text = "is empty" if rule == 1 else f"is shorter than {rule} characters"
    elif kind == "pattern":
        text = f"expected {PATTERNS.get(rule, 'text of the form ' + rule)}, found {shown(value)}"
    elif kind == "format":
        text = f"{shown(value)} is not a {rule} that exists"
    else:
        text = error.message
    return [(where, text)]


# ------------------------------------------------------------------------------------------------ reading

@cache
def _validator(version: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(load_return_schema(version),
                                           format_checker=jsonschema.FormatChecker())


def _decimals(text: str) -> int:
    """Decimals of a printed figure: '82.8%' -> 1, '1,924' -> 0."""
    match = re.search(r"\d\.(\d+)", text)
    return len(match.group(1)) if match else 0


def ascof_code(code: str | None) -> str | None:
    """ASCOF codes as the region compares them: '2a (1)' -> '2A(1)'; None or blank -> None."""
    text = "".join((code or "").split()).upper()
    return text or None


def _indicators_1_1(data: dict[str, Any]) -> tuple[KeyIndicator, ...]:
    return tuple(KeyIndicator(
        id=item["id"], title=item["title"], ascof=ascof_code(item["ascof"]), unit=Unit(item["unit"]),
        polarity=Polarity(item["polarity"]), decimals=item["decimals"], period=Period.parse(item["period"]),
        period_label=item["period_label"], value=item["value"]["value"], value_text=item["value"]["text"],
        target=item["target"]["value"], target_text=item["target"]["text"], rag=item["rag"])
        for item in data["indicators"])


def split_printed(text: str, period: Period) -> tuple[str, str]:
    """A 1.0 evidence figure as printed, '5.4% (Q2 2026/27, no new data)', into its value and its period's label
    ('5.4%', 'Q2 2026/27'); a figure with no note is for its month ('82.8%', 'September 2026')."""
    match = re.fullmatch(r"(.*?) \((.+)\)", text)
    notes = [note for note in match.group(2).split(", ") if note != "no new data"] if match else []
    return (match.group(1) if match else text), (notes[0] if notes else format_month(period, RETURN_LOCALE))


def _indicators_1_0(data: dict[str, Any]) -> tuple[KeyIndicator, ...]:
    """A 1.0 return has no key indicators: its statements' evidence stands in for them (each once)."""
    found: dict[str, KeyIndicator] = {}
    for theme in data["themes"]:
        for statement in theme["statements"]:
            for item in statement["evidence"]:
                if item["indicator_id"] in found:
                    continue
                period = Period.parse(item["period"])
                value_text, label = split_printed(item["latest"]["text"], period)
                found[item["indicator_id"]] = KeyIndicator(
                    id=item["indicator_id"], title=item["title"], ascof=ascof_code(item["ascof"]),
                    unit=Unit(item["unit"]), polarity=Polarity(item["polarity"]), decimals=_decimals(value_text),
                    period=period, period_label=label, value=item["latest"]["value"], value_text=value_text,
                    target=item["target"]["value"], target_text=item["target"]["text"], rag=item["rag"])
    return tuple(found.values())


def _council_return(source: str, data: dict[str, Any]) -> CouncilReturn:
    version = data["schema_version"]
    statements = tuple(StatementScore(s["id"], s["name"], theme["name"], s["score"], s["score_meaning"])
                       for theme in data["themes"] for s in theme["statements"])
    rating = data["indicative_rating"]
    return CouncilReturn(
        source=source, version=version, council=" ".join(data["council"].split()),
        period=Period.parse(data["period"]), framework=data["framework"],
        submitted=dt.date.fromisoformat(data["submitted"]) if data["submitted"] else None,
        statements=statements,
        indicators=_indicators_1_1(data) if version != "1.0" else _indicators_1_0(data),
        recorded_rating=rating["text"] if rating else None,
        risks=tuple(data["adass"]["risks_and_challenges"]),
        innovations=tuple(data["adass"]["innovations_and_achievements"]))


class _Refused:
    """Stands, in the parsed data, for a number JSON can write but a return may not hold (NaN, Infinity, a
    number too large to print), so that the walk can name its JSON path."""

    def __init__(self, written: str):
        self.written = written

    def __repr__(self) -> str:
        return self.written


def _constant(written: str) -> _Refused:
    return _Refused(written)


def _float(written: str) -> float | _Refused:
    value = float(written)
    return value if math.isfinite(value) and abs(value) < MAX_NUMBER else _Refused(written)


def _int(written: str) -> int | _Refused:
    digits = written.lstrip("-")
    return int(written) if len(digits) <= 15 else _Refused(written)   # 10^15: MAX_NUMBER


def _text_problem(text: str) -> tuple[str, Reason] | None:
    if len(text) > MAX_RETURN_TEXT:
        return f"a text of {len(text):,} characters: a return's text is at most {MAX_RETURN_TEXT:,}", Reason.TOO_LARGE
    control = CONTROL.search(text)
    if control:
        return (f"holds a control character (U+{ord(control.group()):04X}) that Word cannot show",
                Reason.CONTROL_CHARACTERS)
    surrogate = _SURROGATE.search(text)
    if surrogate:
        return (f"holds a lone surrogate (U+{ord(surrogate.group()):04X}), which is not a character",
                Reason.CONTROL_CHARACTERS)
    return None


def bounds_problems(data: Any) -> list[tuple[str, str, Reason]]:
    """(JSON path, what is wrong, reason) for every value out of bounds, found without recursion: nesting,
    list lengths, text sizes, control characters and lone surrogates (in texts and keys), NaN, Infinity and
    numbers too large. At most MAX_RETURN_PROBLEMS, then one line saying how many more."""
    found: list[tuple[str, str, Reason]] = []
    more = 0
    stack: list[tuple[Any, tuple[Any, ...]]] = [(data, ())]
    while stack:
        value, path = stack.pop()
        problem: tuple[str, Reason] | None = None
        if len(path) > MAX_RETURN_DEPTH:
            problem = (f"is nested more than {MAX_RETURN_DEPTH} levels deep: a return is not", Reason.TOO_LARGE)
        elif isinstance(value, _Refused):
            kind = "is not a number" if value.written in ("NaN",) else \
                "is infinite" if "Infinity" in value.written else "is too large a number to print"
            problem = (f"{shown_text(value.written)} {kind}: a return holds figures as plain numbers, or null for "
                       "none", Reason.NOT_A_NUMBER)
        elif isinstance(value, str):
            problem = _text_problem(value)
        elif isinstance(value, list):
            if len(value) > MAX_RETURN_ITEMS:
                problem = (f"lists {len(value):,} items: a list in a return holds at most {MAX_RETURN_ITEMS:,}",
                           Reason.TOO_LARGE)
            else:
                stack.extend((item, path + (index,)) for index, item in reversed(list(enumerate(value))))
        elif isinstance(value, dict):
            if len(value) > MAX_RETURN_ITEMS:
                problem = (f"has {len(value):,} fields: an object in a return has far fewer", Reason.TOO_LARGE)
            else:
                for key in reversed(list(value)):
                    key_problem = _text_problem(key)
                    if key_problem:
                        found.append((json_path(path + (shown_text(key),)), f"the field's name {key_problem[0]}",
                                      key_problem[1]))
                    else:
                        stack.append((value[key], path + (key,)))
        if problem is not None:
            if len(found) < MAX_RETURN_PROBLEMS:
                found.append((json_path(path), *problem))
            else:
                more += 1
    if more:
        found.append(("", f"and {more:,} more value(s) out of bounds", Reason.TOO_LARGE))
    return found


def shown_text(text: str, limit: int = 40) -> str:
    """A text as a message can show it: shortened, with control characters and surrogates escaped."""
    cut = text if len(text) <= limit else text[:limit - 1] + "\u2026"
    return "".join(character if character.isprintable() else f"\\u{ord(character):04x}" for character in cut)


def read_return(path: Path, label: str, problems: Problems) -> CouncilReturn | None:
    """One return file, or None with its problems added (as errors naming label and the JSON path)."""
    try:
        raw = read_regular_file(path, MAX_RETURN_BYTES, f"is larger than {MAX_RETURN_BYTES:,} bytes, the most a "
                                                        "return may be")
    except UnreadableInput as error:
        problems.error(label, str(error), reason=Reason.TOO_LARGE if "larger" in str(error) else Reason.UNREADABLE)
        return None
    try:
        data = json.loads(raw.decode("utf-8-sig"), parse_constant=_constant, parse_float=_float, parse_int=_int)
    except UnicodeDecodeError as error:
        problems.error(label, f"is not UTF-8 text (byte {error.start + 1}): a return is a JSON file",
                       reason=Reason.UNREADABLE)
        return None
    except json.JSONDecodeError as error:
        problems.error(label, f"is not valid JSON: {error.msg}", line=error.lineno, column=str(error.colno),
                       reason=Reason.UNREADABLE)
        return None
    except RecursionError:
        problems.error(label, f"is nested too deeply to read: a return is at most {MAX_RETURN_DEPTH} levels deep",
                       reason=Reason.TOO_LARGE)
        return None
    out_of_bounds = bounds_problems(data)
    for where, text, reason in out_of_bounds:
        problems.error(label, f"{where}: {text}" if where else text, reason=reason)
    if out_of_bounds:
        return None
    if not isinstance(data, dict):
        problems.error(label, f"a return is a JSON object ({{...}}), found {shown(data)}", reason=Reason.WRONG_TYPE)
        return None
    version = data.get("schema_version")
    if not isinstance(version, str) or version not in SCHEMA_PATHS:
        known = ", ".join(SCHEMA_PATHS)
        what = "missing" if version is None else f"{shown(version)} is not a version this program reads"
        problems.error(label, f"schema_version: {what} (it reads {known})", reason=Reason.SCHEMA)
        return None
    found = []
    for failure in _validator(version).iter_errors(data):
        found.extend(describe(failure, version))
    for where, text in sorted(set(found), key=lambda item: (_order(item[0]), item[1])):
        problems.error(label, f"{where}: {text}" if where else text, reason=Reason.SCHEMA)
    if found:
        return None
    try:
        return _council_return(label, data)
    except ValueError as error:        # a month the schema's pattern lets through, such as 0999-01
        problems.error(label, f"{error}: expected a month between 1900 and 2999", reason=Reason.BAD_PERIOD)
        return None


def _order(path: str) -> list[tuple[int, int, str]]:
    """Sort key: themes[2] before themes[10]."""
    return [(0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"[\[\].]+", path) if part]


def return_files(folder: Path, problems: Problems) -> list[Path]:
    """The *.json files of a folder, in name order (an error when there is none)."""
    label = folder.as_posix()
    if not folder.is_dir():
        problems.error(label, "is not a folder of returns", reason=Reason.NOT_FOUND)
        return []
    files = sorted(p for p in folder.glob("*.json") if p.is_file())
    if not files:
        problems.error(label, "holds no returns (*.json files)", reason=Reason.NOT_FOUND)
    return files


def read_returns(paths: list[Path], problems: Problems) -> list[CouncilReturn]:
    """Every readable, valid return; the problems of all the others are added to problems."""
    returns = []
    for path in paths:
        found = read_return(path, path.as_posix(), problems)
        if found is not None:
            returns.append(found)
    return returns
