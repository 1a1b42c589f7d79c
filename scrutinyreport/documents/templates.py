"""The Word templates: the ones shipped in this package (package data, read through importlib.resources),
or a council's restyled copies in a folder of its own (``generate --templates DIR``).

The shipped files are ordinary Word documents: restyle them in Word, never from code (nothing here writes
them, except to copy them out for a council to restyle).
"""

from __future__ import annotations

import contextlib
import importlib.resources
import zipfile
from collections.abc import Iterator
from pathlib import Path

from ..errors import TemplateFolderError
from ..files import atomic_write

SHIPPED = "scrutinyreport.templates"   # the package that holds the .docx files
FILES = ("committee_update.docx", "self_assessment_summary.docx", "dashboard_appendix.docx", "local_account.docx")
REGION_FILE = "regional_summary.docx"   # the region's document, built by the region command


def shipped(name: str) -> bytes:
    """The bytes of one shipped template."""
    return importlib.resources.files(SHIPPED).joinpath(name).read_bytes()


def check_folder(folder: Path) -> None:
    """Raise TemplateFolderError unless the folder holds every template as a Word document."""
    if not folder.is_dir():
        raise TemplateFolderError(f"{folder.as_posix()} is not a folder: expected a folder holding "
                                  f"{', '.join(FILES)}")
    for name in FILES:
        path = folder / name
        if not path.is_file():
            raise TemplateFolderError(f"{path.as_posix()} not found: a templates folder must hold all of "
                                      f"{', '.join(FILES)} (`scrutinyreport templates DIR` copies the shipped ones)")
        if not zipfile.is_zipfile(path):
            raise TemplateFolderError(f"{path.as_posix()} is not a Word document (.docx): save it from Word "
                                      "as a Word Document")


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
    """Write the shipped templates into target for restyling; files already there are never replaced."""
    existing = [target / name for name in FILES if (target / name).exists()]
    if existing:
        raise TemplateFolderError(f"{existing[0].as_posix()} already exists: choose an empty folder, or move "
                                  "the existing templates away first")
    for name in FILES:
        atomic_write(target / name, shipped(name))
    return [target / name for name in FILES]
