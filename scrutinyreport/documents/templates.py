"""The Word templates: the ones shipped in this package (package data, read through importlib.resources),
or a council's restyled copies in a folder of its own (``generate --templates DIR``).

The shipped files are ordinary Word documents: restyle them in Word, never from code (nothing here writes
them, except to copy them out for a council to restyle).
"""

from __future__ import annotations

import contextlib
import importlib.resources
from collections.abc import Iterator
from pathlib import Path

from ..errors import TemplateFolderError, UnreadableDocument
from ..files import atomic_write
from ..word.package import Package

SHIPPED = "scrutinyreport.templates"   # the package that holds the .docx files
FILES = ("committee_update.docx", "self_assessment_summary.docx", "dashboard_appendix.docx", "local_account.docx")
REGION_FILE = "regional_summary.docx"   # the region's document, built by the region command


def shipped(name: str) -> bytes:
    """The bytes of one shipped template."""
    return importlib.resources.files(SHIPPED).joinpath(name).read_bytes()


def check_template(path: Path) -> None:
    """Raise TemplateFolderError unless path is a Word document (read within the bounds any document from
    outside is read in: a zip that is not a .docx, a damaged part or a zip bomb is named)."""
    save_as = "save it from Word as a Word Document (.docx)"
    try:
        package = Package.open(path, path.as_posix())
        missing = [part for part in ("[Content_Types].xml", "word/document.xml") if part not in package.names]
        if missing:
            raise TemplateFolderError(f"{path.as_posix()} is a zip file but not a Word document (it has no "
                                      f"{' and no '.join(missing)}): {save_as}")
        for part in ("[Content_Types].xml", "word/document.xml", "word/styles.xml"):
            package.xml(part)
    except UnreadableDocument as error:
        raise TemplateFolderError(f"{error}; {save_as}") from error


def check_folder(folder: Path) -> None:
    """Raise TemplateFolderError unless the folder holds every template as a Word document."""
    if not folder.is_dir():
        what = "is a file" if folder.is_file() else "does not exist" if not folder.exists() else "is not a folder"
        raise TemplateFolderError(f"{folder.as_posix()} {what}: --templates takes a folder holding "
                                  f"{', '.join(FILES)} (`scrutinyreport templates DIR` copies the shipped ones)")
    for name in FILES:
        path = folder / name
        if not path.exists():
            raise TemplateFolderError(f"{path.as_posix()} not found: a templates folder must hold all of "
                                      f"{', '.join(FILES)} (`scrutinyreport templates DIR` copies the shipped ones)")
        check_template(path)


@contextlib.contextmanager
def template_folder(chosen: Path | None = None) -> Iterator[Path]:
    """The folder to read templates from: the chosen one (checked), or the shipped one as a real folder."""
    if chosen is not None:
        check_folder(chosen)
        yield chosen
        return
    with importlib.resources.as_file(importlib.resources.files(SHIPPED)) as folder:
        yield folder


def copy_shipped(target: Path) -> list[Path]:
    """Write the shipped templates into target for restyling; files already there are never replaced. Says
    truthfully which were written when one cannot be."""
    if target.exists() and not target.is_dir():
        raise TemplateFolderError(f"{target.as_posix()} is a file, not a folder: give `templates` the folder to "
                                  "copy the templates into (it is made if it does not exist); nothing was written")
    blocked = next((parent for parent in target.parents if parent.exists() and not parent.is_dir()), None)
    if blocked is not None:
        raise TemplateFolderError(f"{blocked.as_posix()} is a file, so {target.as_posix()} cannot be a folder: "
                                  "choose another folder; nothing was written")
    existing = [target / name for name in FILES if (target / name).exists() or (target / name).is_symlink()]
    if existing:
        raise TemplateFolderError(f"{existing[0].as_posix()} already exists: choose an empty folder, or move "
                                  "the existing templates away first; nothing was written")
    written: list[Path] = []
    for name in FILES:
        try:
            atomic_write(target / name, shipped(name))
        except OSError as error:
            done = f"wrote {', '.join(p.name for p in written)}, not the others" if written else "nothing was written"
            raise TemplateFolderError(f"{target / name}: cannot be written ({error.strerror or error}); "
                                      f"{done}") from error
        written.append(target / name)
    return written
