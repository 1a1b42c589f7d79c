"""narrative/*.md: the committee report's sections, one Markdown file each, named by section key."""

from __future__ import annotations

from pathlib import Path

from ..model import NarrativeSection
from .limits import MAX_NARRATIVE_FILES
from .problems import Problems
from .text import TextFile, UnreadableInput, read_text


def load_narrative(folder: Path, label: str, problems: Problems) -> tuple[tuple[NarrativeSection, ...],
                                                                          list[TextFile]]:
    """Every .md file of the folder, by file name; a missing folder is a warning (no narrative)."""
    if not folder.is_dir():
        problems.warning(label, "no narrative folder: the committee report will have no narrative sections")
        return (), []
    sections: list[NarrativeSection] = []
    sources: list[TextFile] = []
    paths = sorted(folder.glob("*.md"))
    if len(paths) > MAX_NARRATIVE_FILES:
        problems.error(label, f"has {len(paths)} Markdown files; a report takes at most {MAX_NARRATIVE_FILES} "
                              "sections: is it the right folder?")
        return (), []
    for path in paths:
        file_label = f"{label}/{path.name}"
        try:
            source = read_text(path)
        except UnreadableInput as error:
            problems.error(file_label, str(error))
            continue
        sources.append(source)
        sections.append(NarrativeSection(path.stem, file_label, source.text.replace("\r\n", "\n")))
    return tuple(sections), sources
