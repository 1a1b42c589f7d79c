"""PDF copies of the documents through LibreOffice, all converted in one call (it starts slowly).

LibreOffice is optional: only ``--pdf`` needs it. It is found on PATH, else where its installers put it on
Windows and macOS (and the tarball's /opt folder on Linux); SCRUTINYREPORT_SOFFICE names the program outright
(a portable copy in a user's own folder, where a managed laptop allows no installation).
"""

from __future__ import annotations

import glob
import ntpath
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from ..errors import PdfUnavailable
from .folder import OutputFile

TIMEOUT_SECONDS = 300


PROGRAM_VARIABLE = "SCRUTINYREPORT_SOFFICE"
INSTALL_ADVICE = ("install LibreOffice (from its website; on Debian or Ubuntu: apt-get install "
                  f"libreoffice-writer-nogui), or set {PROGRAM_VARIABLE} to the path of its soffice program")


def usual_places(platform: str = sys.platform, environ: Mapping[str, str] = os.environ) -> list[str]:
    """Where LibreOffice's installers put its program, for this platform, most likely first (none of them need
    be there)."""
    if platform == "win32":
        folders = [environ.get(name) for name in ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)")]
        local = environ.get("LOCALAPPDATA")   # an installation for one user, without administrator rights
        folders.append(ntpath.join(local, "Programs") if local else None)
        return list(dict.fromkeys(ntpath.join(folder, "LibreOffice", "program", "soffice.exe")
                                  for folder in folders if folder))
    if platform == "darwin":
        bundle = "LibreOffice.app/Contents/MacOS/soffice"
        home = environ.get("HOME")
        return [f"/Applications/{bundle}"] + ([f"{home}/Applications/{bundle}"] if home else [])
    return sorted(glob.glob("/opt/libreoffice*/program/soffice"), reverse=True)   # the newest version first


def soffice(environ: Mapping[str, str] = os.environ) -> str | None:
    """LibreOffice's program: the one SCRUTINYREPORT_SOFFICE names, else soffice on PATH, else one in the usual
    places; None when there is none."""
    named = environ.get(PROGRAM_VARIABLE)
    if named:
        return named if os.path.isfile(named) else None
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    return next((place for place in usual_places(sys.platform, environ) if os.path.isfile(place)), None)


def require_soffice() -> str:
    """LibreOffice's program; PdfUnavailable, saying where it was looked for and what to do, when there is none."""
    program = soffice()
    if program is not None:
        return program
    named = os.environ.get(PROGRAM_VARIABLE)
    if named:
        raise PdfUnavailable(f"PDF copies cannot be made: {PROGRAM_VARIABLE} names {named}, which is not a file: "
                             "correct it, or unset it to look on PATH and in the usual places")
    looked = ", ".join(["PATH", *usual_places()])
    raise PdfUnavailable(f"PDF copies cannot be made: LibreOffice was not found (looked on {looked}): "
                         f"{INSTALL_ADVICE}; or build without --pdf")


def convert_to_pdf(documents: Sequence[OutputFile]) -> list[OutputFile]:
    """PDF copies named like their documents; raise PdfUnavailable with what to do when it cannot be done."""
    program = require_soffice()
    with tempfile.TemporaryDirectory(prefix="scrutinyreport-pdf-") as work:
        folder = Path(work)
        for document in documents:
            (folder / document.path).write_bytes(document.data)
        command = [program, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
                   "--convert-to", "pdf", "--outdir", str(folder / "pdf"),
                   *[str(folder / d.path) for d in documents]]
        try:
            subprocess.run(command, capture_output=True, timeout=TIMEOUT_SECONDS, check=True)
        except subprocess.CalledProcessError as error:
            said = (error.stderr or b"").decode("utf-8", "replace").strip().splitlines()
            raise PdfUnavailable(f"PDF copies were not made: LibreOffice ({program}) stopped with exit status "
                                 f"{error.returncode}" + (f": {said[-1]}" if said else "")) from error
        except subprocess.TimeoutExpired as error:
            raise PdfUnavailable(f"PDF copies were not made: LibreOffice ({program}) did not finish within "
                                 f"{TIMEOUT_SECONDS} seconds") from error
        except OSError as error:
            raise PdfUnavailable(f"PDF copies were not made: LibreOffice ({program}) could not be started: "
                                 f"{error.strerror or error}") from error
        copies = []
        for document in documents:
            pdf = folder / "pdf" / (Path(document.path).stem + ".pdf")
            if not pdf.is_file():
                raise PdfUnavailable(f"PDF copies were not made: LibreOffice produced no PDF for {document.path}")
            copies.append(OutputFile(pdf.name, pdf.read_bytes(), "pdf", document.title))
        return copies
