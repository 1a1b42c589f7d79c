"""What a pack was built from, as the manifest records it: the inputs, the templates, this code, the options
and the versions of the libraries that shape the output. Kept apart from the building so that the
up-to-date check of a rerun reads files and hashes them, and imports nothing of the analysis or the
renderers."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from ..documents.templates import FILES as TEMPLATE_FILES
from ..model import PackData
from ..version import __version__

PACKAGE_DIR = Path(__file__).resolve().parent.parent   # the scrutinyreport package: its code is an input
LIBRARIES = ("python-docx", "docxtpl", "matplotlib", "babel", "Jinja2", "markdown-it-py", "PyYAML", "pandas",
             "openpyxl")


def versions() -> dict[str, str]:
    """The versions of this package and of the libraries that shape its output, for the manifest."""
    import importlib.metadata

    found = {"scrutinyreport": __version__}
    for name in LIBRARIES:
        try:
            found[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            found[name] = "not installed"
    return found


def templates_digest(templates: Path) -> list[tuple[str, str]]:
    """Each template file's name and SHA-256."""
    return [(name, hashlib.sha256((templates / name).read_bytes()).hexdigest()) for name in TEMPLATE_FILES]


def _digest_tree(folder: Path, pattern: str) -> list[tuple[str, str]]:
    return [(p.relative_to(folder).as_posix(), hashlib.sha256(p.read_bytes()).hexdigest())
            for p in sorted(folder.rglob(pattern)) if "__pycache__" not in p.parts]


def fingerprint(pack: PackData, templates: Path, *, pdf: bool, charts: str) -> str:
    """Everything the pack depends on: inputs, templates, this code and the options."""
    parts = {
        "inputs": [(f.path, f.sha256) for f in pack.files],
        "templates": templates_digest(templates),
        "code": _digest_tree(PACKAGE_DIR, "*.py"),
        "period": str(pack.period), "pdf": pdf, "charts": charts,
        "versions": versions(),
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()
