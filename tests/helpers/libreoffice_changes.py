"""Tracked changes that LibreOffice itself writes: the document is opened in a headless LibreOffice
through its UNO bridge, edited with change recording on, and stored as "MS Word 2007 XML".

    edited = libreoffice_tracked_edits(docx, [
        LoEdit("replace", "performance update twice a year", old="twice a year", new="three times a year"),
        LoEdit("delete", "This report reflects issues which affect all wards."),
    ], author="Jo Director")

Each LoEdit names its paragraph by text it contains (body or table cell). Operations: replace (old -> new
within the paragraph; new "" deletes), append (a sentence at the end), insert_after (Enter at the end,
then type), delete (the paragraph and its mark, selected from its start to the start of the next, as
Shift+Down then Delete does), move (cut the paragraph, mark and all, and paste it before the paragraph
``new`` names), bold (old). Comments are not offered: inserting one through UNO crashes a headless
LibreOffice 7.4 (the bridge is disposed), tracked or not.

The bridge runs in a separate Python that can import ``uno`` (LibreOffice's own, or the system one with
the python3-uno package), found on PATH; LibreOffice is started for the call with a profile of its own
and stopped afterwards, killed with its process group if it hangs.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

OPERATIONS = ("replace", "append", "insert_after", "delete", "move", "bold")


@dataclass(frozen=True)
class LoEdit:
    op: str
    find: str
    old: str = ""
    new: str = ""


@dataclass(frozen=True)
class LoEdited:
    """The .docx LibreOffice saved, and what LibreOffice shows once it accepts every change: (paragraph
    style's name without spaces, text) for each paragraph, table cells included."""

    docx: bytes
    accepted: tuple[tuple[str, str], ...]


class LibreOfficeUnavailable(RuntimeError):
    """No soffice, or no Python that can import LibreOffice's UNO bridge."""


@functools.cache
def uno_python() -> str:
    """A Python interpreter that can import uno: this one, or the first python3 on PATH that can."""
    candidates = [sys.executable]
    for folder in os.environ.get("PATH", "").split(os.pathsep):
        for name in ("python3", "python"):
            path = Path(folder) / name
            if path.is_file() and os.access(path, os.X_OK) and str(path) not in candidates:
                candidates.append(str(path))
    for candidate in candidates:
        probe = subprocess.run([candidate, "-c", "import uno"], capture_output=True, timeout=60)
        if probe.returncode == 0:
            return candidate
    raise LibreOfficeUnavailable("no Python on PATH can import uno: install LibreOffice's Python-UNO bridge "
                                 "(the python3-uno package)")


def libreoffice_tracked_edits(docx: bytes, edits: Sequence[LoEdit], *, author: str = "Jo Director",
                              timeout: float = 180) -> LoEdited:
    """The document after LibreOffice made the edits with change tracking on, saved as .docx (and its
    text with the changes accepted, in LibreOffice)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        raise LibreOfficeUnavailable("soffice (LibreOffice) is not installed")
    for edit in edits:
        if edit.op not in OPERATIONS:
            raise ValueError(f"unknown LibreOffice edit {edit.op!r}")
    with tempfile.TemporaryDirectory(prefix="lo-edits-") as folder:
        work = Path(folder)
        (work / "in.docx").write_bytes(docx)
        (work / "edits.json").write_text(json.dumps({"author": author, "edits": [asdict(e) for e in edits]}),
                                         encoding="utf-8")
        (work / "driver.py").write_text(DRIVER, encoding="utf-8")
        command = [uno_python(), str(work / "driver.py"), soffice, str(work)]
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                   start_new_session=True)
        try:
            out, err = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _stop_group(process.pid)
            process.communicate()
            raise LibreOfficeUnavailable(f"LibreOffice did not finish the edits in {timeout:.0f} s") from None
        finally:
            _stop_group(process.pid)
        if process.returncode != 0 or not (work / "out.docx").is_file():
            raise RuntimeError(f"LibreOffice could not make the edits:\n{out}\n{err}")
        accepted = json.loads((work / "accepted.json").read_text(encoding="utf-8"))
        return LoEdited((work / "out.docx").read_bytes(), tuple((style, content) for style, content in accepted))


def _stop_group(group: int) -> None:
    """Kill whatever is left of the driver's process group (a soffice that outlived a crash, say)."""
    try:
        os.killpg(group, signal.SIGKILL)
    except ProcessLookupError:
        pass


#: Runs under a Python that has uno: starts soffice, edits, stores, stops soffice (run as a script).
DRIVER = r'''
import json, subprocess, sys, time, uuid
from pathlib import Path

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.text.ControlCharacter import PARAGRAPH_BREAK


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def paragraphs(text):
    """Every paragraph of a text, table cells included, in reading order."""
    found = []
    enumeration = text.createEnumeration()
    while enumeration.hasMoreElements():
        element = enumeration.nextElement()
        if element.supportsService("com.sun.star.text.Paragraph"):
            found.append((text, element))
        elif element.supportsService("com.sun.star.text.TextTable"):
            for name in element.getCellNames():
                found.extend(paragraphs(element.getCellByName(name)))
    return found


def locate(document, words):
    for owner, paragraph in paragraphs(document.getText()):
        if words in paragraph.getString():
            return owner, paragraph
    raise LookupError("no paragraph contains %r" % words)


def select(owner, paragraph, words):
    """A cursor over the words in the paragraph."""
    cursor = owner.createTextCursorByRange(paragraph.getStart())
    cursor.goRight(paragraph.getString().index(words), False)
    cursor.goRight(len(words), True)
    return cursor


def main(soffice, folder):
    work = Path(folder)
    job = json.loads((work / "edits.json").read_text(encoding="utf-8"))
    pipe = "lo" + uuid.uuid4().hex[:12]
    profile = (work / "profile").as_uri()
    office = subprocess.Popen([soffice, "-env:UserInstallation=" + profile, "--headless", "--invisible",
                               "--norestore", "--nologo", "--nodefault", "--accept=pipe,name=%s;urp;" % pipe],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        context = None
        deadline = time.monotonic() + 120
        while context is None:
            try:
                context = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
            except Exception:
                if time.monotonic() > deadline:
                    raise RuntimeError("soffice could not be reached in 120 s")
                try:            # wait for soffice to open its pipe, or to stop (then say so at once)
                    office.wait(timeout=0.1)
                    raise RuntimeError("soffice stopped before it could be reached")
                except subprocess.TimeoutExpired:
                    pass
        manager = context.ServiceManager
        names = job["author"].split(" ", 1)
        provider = manager.createInstanceWithContext("com.sun.star.configuration.ConfigurationProvider", context)
        access = provider.createInstanceWithArguments("com.sun.star.configuration.ConfigurationUpdateAccess",
                                                      (prop("nodepath", "/org.openoffice.UserProfile/Data"),))
        access.setPropertyValue("givenname", names[0])
        access.setPropertyValue("sn", names[1] if len(names) > 1 else "")
        access.setPropertyValue("initials", "".join(n[:1] for n in job["author"].split()))
        access.commitChanges()
        desktop = manager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        document = desktop.loadComponentFromURL((work / "in.docx").as_uri(), "_blank", 0, (prop("Hidden", True),))
        document.setPropertyValue("RecordChanges", True)
        for edit in job["edits"]:
            owner, paragraph = locate(document, edit["find"])
            op = edit["op"]
            if op == "replace":
                select(owner, paragraph, edit["old"]).setString(edit["new"])
            elif op == "append":
                owner.insertString(paragraph.getEnd(), " " + edit["new"], False)
            elif op == "insert_after":
                cursor = owner.createTextCursorByRange(paragraph.getEnd())
                owner.insertControlCharacter(cursor, PARAGRAPH_BREAK, False)
                owner.insertString(cursor, edit["new"], False)
            elif op in ("delete", "move"):
                cursor = owner.createTextCursorByRange(paragraph.getStart())
                cursor.gotoEndOfParagraph(True)
                cursor.goRight(1, True)
                if op == "move":
                    controller = document.getCurrentController()
                    controller.select(cursor)
                    moved = controller.getTransferable()
                    cursor.setString("")
                    target_owner, target = locate(document, edit["new"])
                    controller.select(target_owner.createTextCursorByRange(target.getStart()))
                    controller.insertTransferable(moved)
                else:
                    cursor.setString("")
            elif op == "bold":
                select(owner, paragraph, edit["old"]).setPropertyValue("CharWeight", 150.0)
        document.storeToURL((work / "out.docx").as_uri(), (prop("FilterName", "MS Word 2007 XML"),))
        helper = manager.createInstanceWithContext("com.sun.star.frame.DispatchHelper", context)
        helper.executeDispatch(document.getCurrentController().getFrame(), ".uno:AcceptAllTrackedChanges", "", 0,
                               ())
        accepted = [(p.getPropertyValue("ParaStyleName").replace(" ", ""), p.getString())
                    for _, p in paragraphs(document.getText())]
        (work / "accepted.json").write_text(json.dumps(accepted), encoding="utf-8")
        document.close(True)
        try:
            desktop.terminate()
        except Exception:
            pass
    finally:
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            office.kill()
            office.wait()


main(sys.argv[1], sys.argv[2])
'''
