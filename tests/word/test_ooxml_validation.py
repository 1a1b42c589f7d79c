"""The OOXML validator the tests rely on finds the faults Word repairs or refuses, so a pass means something."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from helpers.rendering import COMMITTEE_UPDATE, validate_ooxml


def _copy_with(path: Path, part: str, change: Callable[[str], str]) -> Path:
    """A copy of the committee update template with one part changed."""
    with zipfile.ZipFile(COMMITTEE_UPDATE) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            data = source.read(name)
            if name == part:
                changed = change(data.decode("utf-8")).encode("utf-8")
                assert changed != data, f"the change did not apply to {part}"
                data = changed
            target.writestr(name, data)
    return path


def _numbering_instances_first(xml: str) -> str:
    """Every w:num moved before the first w:abstractNum, against the schema's order."""
    instances = re.findall(r"<w:num [^>]*>.*?</w:num>", xml, re.DOTALL)
    for instance in instances:
        xml = xml.replace(instance, "", 1)
    first = xml.index("<w:abstractNum ")
    return xml[:first] + "".join(instances) + xml[first:]


def _run_before_paragraph_properties(xml: str) -> str:
    match = re.search(r"(<w:pPr>.*?</w:pPr>)(<w:r>.*?</w:r>)", xml, re.DOTALL)
    assert match
    return xml[:match.start()] + match.group(2) + match.group(1) + xml[match.end():]


FAULTS = {
    "abstractNum after num": ("word/numbering.xml", _numbering_instances_first, "abstractNum"),
    "run before paragraph properties": ("word/document.xml", _run_before_paragraph_properties, "pPr"),
    "dangling relationship": ("word/_rels/document.xml.rels",
                              lambda xml: xml.replace('Target="styles.xml"', 'Target="missing.xml"'), "missing.xml"),
    "value outside its list": ("word/styles.xml",
                               lambda xml: re.sub(r'<w:jc w:val="\w+"/>', '<w:jc w:val="middling"/>', xml, count=1),
                               "middling"),
}


def test_the_template_itself_passes():
    validate_ooxml(COMMITTEE_UPDATE)


@pytest.mark.parametrize("fault", list(FAULTS))
def test_each_fault_is_found_and_named(tmp_path, fault):
    part, change, named = FAULTS[fault]
    broken = _copy_with(tmp_path / "broken.docx", part, change)
    with pytest.raises(AssertionError) as failure:
        validate_ooxml(broken)
    assert named in str(failure.value)
