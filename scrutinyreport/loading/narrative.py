"""narrative/*.md: the committee report's sections, one Markdown file each, named by section key."""

from __future__ import annotations

from collections.abc import Collection
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import Problems, Reason, UnreadableInput
from ..markdown_dialect import flattened_markdown
from ..model import NarrativeSection, PackSettings, Period
from .limits import MAX_NARRATIVE_FILES
from .text import TextFile, read_text

if TYPE_CHECKING:
    import jinja2


def check_markdown(sections: tuple[NarrativeSection, ...], problems: Problems) -> None:
    """A warning for each heading or list the report cannot show as written (printed a level up)."""
    for section in sections:
        for line, message in flattened_markdown(section.text):
            problems.warning(section.path, message, line=line, reason=Reason.NARRATIVE)


def _keys(years: int) -> set[str]:
    """The names a total offers with this many years of figures (see content/live_figures.py)."""
    return ({"year", "total"} if years else set()) | ({"previous_year", "previous_total"} if years > 1 else set())


@lru_cache(maxsize=1)
def _jinja() -> jinja2.Environment:
    """Parses only (never renders): the names a text quotes."""
    import jinja2

    return jinja2.Environment()


def live_texts(narrative: tuple[NarrativeSection, ...], settings: PackSettings,
               settings_label: str) -> list[tuple[str, str, int]]:
    """(file, text, first line) of everything that may quote live figures: narrative and recommendations."""
    lines = settings.recommendation_lines
    return [(n.path, n.text, 1) for n in narrative] + [
        (settings_label, text, (lines[i] or 1) if i < len(lines) else 1)
        for i, text in enumerate(settings.recommendations)]


COMPARISON_NAMES = ("england", "benchmark", "benchmark_year", "compared", "rank")   # indicators.ID.<name>


def check_quoted_figures(texts: list[tuple[str, str, int]], years: dict[str, int], previous: Period | None,
                         sources: dict[str, str], problems: Problems, benchmarked: Collection[str] = ()) -> None:
    """An error (naming file and line) for each live figure in the narrative and recommendations that quotes
    data the pack does not have: a finance or people total without finance or activity figures (or the
    previous year's, with one year), the previous report's period without one, a comparison with England
    for an indicator with no published comparison (or any, without one). Caught here, with what to do,
    rather than when the pack is built. ``texts`` are (file, text, first line); ``years`` the number of years
    of finance and of activity figures; ``sources`` says where each would come from (finance, activity,
    benchmarks); ``benchmarked`` the ids of the indicators with a published comparison."""
    import jinja2
    from jinja2 import nodes

    names = {"finance": "finance", "people_supported": "activity"}
    environment = _jinja()
    for label, text, first in texts:
        if "{" not in text:
            continue
        try:
            tree = environment.parse(text)
        except jinja2.TemplateSyntaxError:
            continue   # said when the narrative is checked in full
        for node in tree.find_all((nodes.Getattr, nodes.Name)):
            line = first + node.lineno - 1
            if isinstance(node, nodes.Name) and node.name == "previous_period" and previous is None:
                problems.error(label, "there is no previous report to name: set previous_period in pack.yaml, or "
                               "take the figure out", line=line,
                               found="{{ previous_period }}", reason=Reason.NARRATIVE)
            elif (isinstance(node, nodes.Getattr) and node.attr in COMPARISON_NAMES
                  and isinstance(node.node, nodes.Getattr) and isinstance(node.node.node, nodes.Name)
                  and node.node.node.name == "indicators" and node.node.attr not in benchmarked):
                quoted = f"{{{{ indicators.{node.node.attr}.{node.attr} }}}}"
                problems.error(label, f"'{node.node.attr}' has no published comparison with England to quote "
                                      f"({sources['benchmarks']}): add its row, or take the figure out", line=line,
                               found=quoted, reason=Reason.NARRATIVE)
            elif (isinstance(node, nodes.Getattr) and isinstance(node.node, nodes.Name)
                  and node.node.name == "england" and not benchmarked):
                problems.error(label, f"there are no comparisons with England to quote ({sources['benchmarks']}): "
                                      "add them, or take the figure out", line=line,
                               found=f"{{{{ england.{node.attr} }}}}", reason=Reason.NARRATIVE)
            elif isinstance(node, nodes.Getattr) and isinstance(node.node, nodes.Name) and node.node.name in names:
                name, data = node.node.name, names[node.node.name]
                quoted = f"{{{{ {name}.{node.attr} }}}}"
                if node.attr in _keys(years[data]) or node.attr not in _keys(2):
                    continue   # there, or a misspelt name (said when the narrative is checked in full)
                if years[data] == 0:
                    problems.error(label, f"there are no {data} figures to quote ({sources[data]}): add them, or "
                                          "take the figure out", line=line, found=quoted,
                                   reason=Reason.NARRATIVE)
                else:
                    problems.error(label, f"the {data} figures ({sources[data]}) have one year, so there is no "
                                          "year before to quote: add it, or take the figure out", line=line,
                                   found=quoted, reason=Reason.NARRATIVE)


def load_narrative(folder: Path, label: str, problems: Problems) -> tuple[tuple[NarrativeSection, ...],
                                                                          list[TextFile]]:
    """Every .md file of the folder, by file name; a missing folder is a warning (no narrative)."""
    if not folder.is_dir():
        problems.warning(label, "no narrative folder: the committee report will have no narrative sections",
                         reason=Reason.LEFT_OUT)
        return (), []
    sections: list[NarrativeSection] = []
    sources: list[TextFile] = []
    paths = sorted(folder.glob("*.md"))
    if len(paths) > MAX_NARRATIVE_FILES:
        problems.error(label, f"has {len(paths)} Markdown files; a report takes at most {MAX_NARRATIVE_FILES} "
                              "sections: is it the right folder?", reason=Reason.TOO_LARGE)
        return (), []
    for path in paths:
        file_label = f"{label}/{path.name}"
        try:
            source = read_text(path)
        except UnreadableInput as error:
            problems.error(file_label, str(error), reason=Reason.UNREADABLE)
            continue
        sources.append(source)
        sections.append(NarrativeSection(path.stem, file_label, source.text.replace("\r\n", "\n")))
    check_markdown(tuple(sections), problems)
    return tuple(sections), sources


def load_introduction(inputs: Path, label: str, relative: str, problems: Problems
                      ) -> tuple[NarrativeSection | None, TextFile | None]:
    """The Local Account's introduction (pack.yaml ``local_account: introduction:``), a Markdown file inside
    the inputs folder; missing is a warning (the Local Account then opens without it)."""
    file_label = f"{label}/{relative}"
    path = inputs / relative
    try:
        inside = path.resolve().is_relative_to(inputs.resolve())
    except OSError:
        inside = False
    if not inside:
        problems.error(file_label, "expected a file inside the inputs folder", column="local_account.introduction",
                       found=relative, reason=Reason.OUTSIDE_INPUTS)
        return None, None
    if not path.is_file():
        problems.warning(file_label, "not found: the Local Account will have no introduction", reason=Reason.LEFT_OUT)
        return None, None
    try:
        source = read_text(path)
    except UnreadableInput as error:
        problems.error(file_label, str(error), reason=Reason.UNREADABLE)
        return None, None
    return NarrativeSection("introduction", file_label, source.text.replace("\r\n", "\n")), source
