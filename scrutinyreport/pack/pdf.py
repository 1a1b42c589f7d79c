"""PDF copies of the documents through LibreOffice, all converted in one call (it starts slowly)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from ..errors import PdfUnavailable
from .folder import OutputFile

TIMEOUT_SECONDS = 300


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_pdf(documents: Sequence[OutputFile]) -> list[OutputFile]:
    """PDF copies named like their documents; raise PdfUnavailable with what to do when it cannot be done."""
    program = soffice()
    if program is None:
        raise PdfUnavailable("PDF copies were not made: LibreOffice is not installed (on Debian or Ubuntu: "
                             "apt-get install libreoffice-writer-nogui); the Word documents are complete")
    with tempfile.TemporaryDirectory(prefix="scrutinyreport-pdf-") as work:
        folder = Path(work)
        for document in documents:
            (folder / document.path).write_bytes(document.data)
        command = [program, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
                   "--convert-to", "pdf", "--outdir", str(folder / "pdf"),
                   *[str(folder / d.path) for d in documents]]
        try:
            subprocess.run(command, capture_output=True, timeout=TIMEOUT_SECONDS, check=True)
        except (subprocess.SubprocessError, OSError) as error:
            raise PdfUnavailable(f"PDF copies were not made: LibreOffice failed ({error})") from error
        copies = []
        for document in documents:
            pdf = folder / "pdf" / (Path(document.path).stem + ".pdf")
            if not pdf.is_file():
                raise PdfUnavailable(f"PDF copies were not made: LibreOffice produced no PDF for {document.path}")
            copies.append(OutputFile(pdf.name, pdf.read_bytes(), "pdf", document.title))
        return copies
