"""narrative/*.md: the committee report's sections, one Markdown file each, named by section key."""

from __future__ import annotations

from pathlib import Path

from ..errors import Problems, Reason, UnreadableInput
from ..model import NarrativeSection
from .limits import MAX_NARRATIVE_FILES
from .text import TextFile, read_text


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
