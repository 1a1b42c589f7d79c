"""Reading a .docx that came from outside (a reviewed document for harvest, any document for check, a
council's template) within bounds, before anything is parsed.

A .docx is a zip of XML parts. The zip's own directory gives each part's size once unpacked: a package whose
parts would unpack to more than MAX_PART_BYTES each, or MAX_PACKAGE_BYTES in all, or that has more than
MAX_PARTS parts, is refused before a byte is inflated (a "zip bomb" of a few kilobytes can unpack to
gigabytes); a part that inflates to more than it declared fails its check and is refused too. XML is parsed
with entities never expanded, no DTD loaded, nothing fetched from the network and libxml2's own limits on
(no "huge tree"); a part that declares a DOCTYPE, which no part of a Word document has, is refused (the
"billion laughs" lives there). Every refusal names the file and the part.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

from ..errors import UndecodableFile, UnreadableDocument, UnreadableInput
from ..files import read_regular_file

MAX_DOCX_BYTES = 100_000_000        # the .docx file itself
MAX_PART_BYTES = 50_000_000         # one part once unpacked (a 500-indicator dashboard's text is 2.5 million)
MAX_PACKAGE_BYTES = 250_000_000     # every part together once unpacked
MAX_PARTS = 5_000                   # parts in the package

_PARSER = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False,
                          dtd_validation=False)
_GENERATED = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=True)


def _size(count: float) -> str:
    return f"{count / 1_000_000:,.0f} MB" if count >= 1_000_000 else f"{count:,.0f} bytes"


_DOCTYPE = (b"<!DOCTYPE", "<!DOCTYPE".encode("utf-16-le"), "<!DOCTYPE".encode("utf-16-be"))


def parse_part(data: bytes, label: str, part: str, bounded: bool = True) -> Any:
    """One XML part parsed safely; UnreadableDocument naming the file and part when it cannot be. A part that
    declares a DOCTYPE is refused before it is parsed (libxml2 would read its entity declarations). Not
    ``bounded`` (a document just generated): libxml2's limits on a text's size are lifted."""
    doctype = (f"{label}: the part {part} declares a DOCTYPE (entities), which no part of a Word document has: "
               "refused, unread (has the file been tampered with?)")
    if any(mark in data for mark in _DOCTYPE):
        raise UnreadableDocument(doctype)
    try:
        root = etree.fromstring(data, _PARSER if bounded else _GENERATED)
    except etree.XMLSyntaxError as error:
        raise UnreadableDocument(f"{label}: the part {part} is not well-formed XML ({error}): the document is "
                                 "damaged; open it in Word and save it again") from error
    if root.getroottree().docinfo.doctype:   # type: ignore[union-attr]  # a parsed tree always has its DocInfo
        raise UnreadableDocument(doctype)
    return root


@dataclass
class Package:
    """A .docx's parts, checked for size before any is read."""

    zip: zipfile.ZipFile
    label: str
    bounded: bool = True

    @classmethod
    def from_bytes(cls, data: bytes, label: str, bounded: bool = True) -> Package:
        """The package in data; ``bounded`` False for a document this program has just generated (its size
        is its content's, not a trick), which is read without the limits."""
        try:
            package = zipfile.ZipFile(io.BytesIO(data))
            infos = package.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as error:
            raise UnreadableDocument(f"{label}: not a Word document (.docx) that can be read: {error}") from error
        if not bounded:
            return cls(package, label, bounded=False)
        if len(infos) > MAX_PARTS:
            raise UnreadableDocument(f"{label}: has {len(infos):,} parts; a Word document has far fewer (at most "
                                     f"{MAX_PARTS:,} are read): refused, unread")
        total = 0
        for info in infos:
            if info.file_size > MAX_PART_BYTES:
                raise UnreadableDocument(f"{label}: the part {info.filename} would unpack to {_size(info.file_size)}, "
                                         f"more than the {_size(MAX_PART_BYTES)} a part may have: refused, unread "
                                         "(a compressed file built to fill the disk?)")
            total += info.file_size
        if total > MAX_PACKAGE_BYTES:
            raise UnreadableDocument(f"{label}: would unpack to {_size(total)}, more than the "
                                     f"{_size(MAX_PACKAGE_BYTES)} a document may have: refused, unread")
        return cls(package, label)

    @classmethod
    def open(cls, path: Path, label: str | None = None) -> Package:
        """A document file (a named pipe or device refused unopened, the file's size bounded)."""
        label = label or str(path)
        try:
            data = read_regular_file(path, MAX_DOCX_BYTES, f"is larger than {_size(MAX_DOCX_BYTES)}: not a Word "
                                                           "document this program reads")
        except (UnreadableInput, UndecodableFile) as error:
            raise UnreadableDocument(f"{label}: {error}") from error
        return cls.from_bytes(data, label)

    @property
    def names(self) -> set[str]:
        return set(self.zip.namelist())

    def read(self, part: str) -> bytes | None:
        """A part's bytes (None when the package has no such part)."""
        if part not in self.names:
            return None
        try:
            with self.zip.open(part) as stream:
                data = stream.read(MAX_PART_BYTES + 1) if self.bounded else stream.read()
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as error:
            raise UnreadableDocument(f"{self.label}: the part {part} cannot be unpacked ({error}): the document "
                                     "is damaged") from error
        if len(data) > MAX_PART_BYTES and self.bounded:
            raise UnreadableDocument(f"{self.label}: the part {part} unpacks to more than it says: refused")
        return data

    def xml(self, part: str) -> Any:
        """A part parsed safely (None when the package has no such part)."""
        data = self.read(part)
        return None if data is None else parse_part(data, self.label, part, self.bounded)
