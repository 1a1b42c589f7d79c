"""The whole pack through the command line, as an officer runs it, and read back as a reviewer sees it."""

import io
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from helpers.inputs_factory import PACK_YAML, write_inputs
from helpers.rendering import convert_to_pdf, number_of, numbered_lines, pdf_text, validate_ooxml

ROOT = Path(__file__).resolve().parents[2]

BACKGROUND = """\
# Background and key issues

## Background

The committee asked for this report in {{ period }}.

## Key issues

### Reablement

Reablement outcomes were {{ indicators.reablement.latest }} against a target of {{ indicators.reablement.target }}.

Waits of > 28 days & "long" waits fell; <none> of this is markup.

### Safeguarding

There were {{ counts.red }} indicators rated Red.
"""

PACK = PACK_YAML.replace("report_title: Adult social care performance",
                         'report_title: "Adults & Carers: <update> {{ not a tag }}"') + """\
recommendations:
  - Note the performance to the end of {{ period }}.
  - Agree the next steps.
"""


def generate(inputs: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "generate.py"), "--inputs", str(inputs), "--out", str(out),
                           *extra], capture_output=True, text=True, cwd=ROOT, timeout=300)


def snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    """Every file below folder with its modification time and bytes."""
    return {p.relative_to(folder).as_posix(): (p.stat().st_mtime_ns, p.read_bytes())
            for p in sorted(folder.rglob("*")) if p.is_file()}


def fixture_inputs(root: Path, background: str = BACKGROUND) -> Path:
    inputs = write_inputs(root, pack_yaml=PACK)
    (inputs / "narrative").mkdir()
    (inputs / "narrative" / "origin.md").write_text("# Origin of report\n\nThe committee asked for it.\n")
    (inputs / "narrative" / "background.md").write_text(background)
    return inputs


@pytest.fixture(scope="module")
def built(tmp_path_factory, soffice_profile):
    root = tmp_path_factory.mktemp("pack")
    inputs = fixture_inputs(root / "inputs")
    done = generate(inputs, root / "out")
    assert done.returncode == 0, done.stderr
    document = root / "out" / "2025-07" / "committee-update.docx"
    text = pdf_text(convert_to_pdf([document], root / "pdf", soffice_profile)[0])
    return root, inputs, document, text, done


def test_sections_and_paragraphs_are_numbered_where_the_markdown_puts_them(built):
    text = built[3]
    assert number_of(text, "ORIGIN OF REPORT") == "1."
    assert number_of(text, "The committee asked for it") == "1.1"
    assert number_of(text, "TIMESCALES") == "3."
    assert number_of(text, "BACKGROUND AND KEY ISSUES") == "4."
    assert ("4.1", "Background") in numbered_lines(text)
    assert number_of(text, "The committee asked for this report") == "4.1.1"
    assert ("4.2.1", "Reablement") in numbered_lines(text)
    assert number_of(text, "Reablement outcomes were") == "4.2.1i"
    assert number_of(text, "Waits of > 28 days") == "4.2.1ii"
    assert ("4.2.2", "Safeguarding") in numbered_lines(text)
    assert number_of(text, "CONSULTATION") == "5."
    assert number_of(text, "APPENDICES") == "11."


def test_recommendations_restart_at_1_and_quote_live_figures(built):
    text = built[3]
    assert number_of(text, "Note the performance to the end of July 2025") == "1."
    assert number_of(text, "Agree the next steps") == "2."
    assert "Reablement outcomes were 80.5% against a target of 77.5%" in text
    assert "There were 0 indicators rated Red." in " ".join(text.split())


def test_special_characters_appear_verbatim_and_no_tag_survives(built):
    text = built[3]
    flat = " ".join(text.split())
    assert 'Waits of > 28 days & "long" waits fell; <none> of this is markup.' in flat
    assert "Adults & Carers: <update> {{ not a tag }}" in flat
    without_title = flat.replace("{{ not a tag }}", "")
    assert "{{" not in without_title and "{%" not in without_title and "}}" not in without_title


def test_missing_sections_say_not_applicable(built):
    text = built[3]
    assert number_of(text, "CONSULTATION") == "5."
    assert "Not applicable." in text


def test_document_is_schema_valid_with_properties_and_language(built):
    document = built[2]
    validate_ooxml(document)
    properties = docx.Document(str(document)).core_properties
    assert properties.title == "Adults & Carers: <update> {{ not a tag }}"
    assert properties.language == "en-GB"
    assert properties.subject == "Adults Scrutiny Committee, 13 January 2026"


def test_piped_output_is_the_outcome_alone(built):
    lines = built[4].stdout.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Wrote ") and lines[0].endswith("2025-07"), lines


def test_quiet_prints_nothing_and_the_same_inputs_give_identical_bytes(built, tmp_path):
    root, inputs, document, _, _ = built
    done = generate(inputs, tmp_path / "again", "--quiet")
    assert done.returncode == 0 and done.stdout == ""
    assert (tmp_path / "again" / "2025-07" / "committee-update.docx").read_bytes() == document.read_bytes()


def test_a_rerun_with_nothing_changed_is_a_no_op(tmp_path):
    inputs = fixture_inputs(tmp_path / "inputs")
    assert generate(inputs, tmp_path / "out").returncode == 0
    folder = tmp_path / "out" / "2025-07"
    before = snapshot(folder)
    done = generate(inputs, tmp_path / "out")
    assert done.returncode == 0 and "Up to date" in done.stdout
    assert snapshot(folder) == before


def test_a_document_edited_in_word_is_kept_and_the_new_one_written_beside_it(tmp_path):
    inputs = fixture_inputs(tmp_path / "inputs")
    assert generate(inputs, tmp_path / "out").returncode == 0
    document = tmp_path / "out" / "2025-07" / "committee-update.docx"
    edited = docx.Document(str(document))
    edited.add_paragraph("A reviewer's added paragraph.")
    edited.save(str(document))
    edited_bytes = document.read_bytes()
    (inputs / "monthly" / "2025-07.csv").write_text(
        (inputs / "monthly" / "2025-07.csv").read_text().replace("80.5", "81.5"))
    done = generate(inputs, tmp_path / "out")
    assert done.returncode == 0, done.stderr
    assert document.read_bytes() == edited_bytes
    new = document.with_name("committee-update.new.docx")
    assert "81.5%" in "\n".join(p.text for p in docx.Document(str(new)).paragraphs)
    assert "committee-update.docx was edited since it was generated" in done.stderr
    assert "committee-update.new.docx" in done.stderr


def test_a_bad_narrative_expression_names_file_and_line_and_leaves_the_old_pack(tmp_path):
    inputs = fixture_inputs(tmp_path / "inputs")
    assert generate(inputs, tmp_path / "out").returncode == 0
    folder = tmp_path / "out" / "2025-07"
    before = snapshot(folder)
    (inputs / "narrative" / "background.md").write_text(BACKGROUND.replace("counts.red", "counts.reed"))
    done = generate(inputs, tmp_path / "out")
    assert done.returncode == 1
    assert "narrative/background.md, line 17" in done.stderr and "reed" in done.stderr
    assert snapshot(folder) == before


def test_bad_inputs_write_nothing(tmp_path):
    inputs = fixture_inputs(tmp_path / "inputs")
    (inputs / "monthly" / "2025-07.csv").write_text("indicator_id,value\nreablement,lots\n")
    done = generate(inputs, tmp_path / "out")
    assert done.returncode == 1 and "found 'lots'" in done.stderr and "Nothing was generated" in done.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.libreoffice
def test_pdf_copies_in_one_libreoffice_call(tmp_path):
    inputs = fixture_inputs(tmp_path / "inputs")
    done = generate(inputs, tmp_path / "out", "--pdf")
    assert done.returncode == 0, done.stderr
    pdf = tmp_path / "out" / "2025-07" / "committee-update.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")


def check(*paths: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scrutinyreport.cli", "check", *map(str, paths)],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)


def test_check_passes_the_generated_document(built):
    done = check(built[2])
    assert done.returncode == 0, done.stdout
    assert "0 accessibility problem(s) in 1 document(s)" in done.stdout


def test_check_reports_what_a_reviewer_broke(tmp_path, built):
    document = docx.Document(str(built[2]))
    document.core_properties.title = ""
    document.add_heading("A level 3 heading straight after level 1", level=3)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).merge(table.cell(0, 1))
    shaded = table.cell(1, 0)._tc.get_or_add_tcPr()
    shading = docx.oxml.OxmlElement("w:shd")
    shading.set(docx.oxml.ns.qn("w:fill"), "444444")  # black text on dark grey: 2.2:1
    shaded.append(shading)
    table.cell(1, 0).text = "Black on dark grey"
    png = io.BytesIO()
    from matplotlib.figure import Figure
    Figure(figsize=(1, 1)).savefig(png, format="png")
    document.add_picture(io.BytesIO(png.getvalue()))
    broken = tmp_path / "broken.docx"
    document.save(str(broken))
    done = check(broken)
    assert done.returncode == 1
    report = done.stdout
    assert "has no title" in report
    assert "has no alt text" in report
    assert "is level 3 after level 2" in report or "is level 3 after level 1" in report
    assert "has no header row marked to repeat" in report
    assert "has merged cells" in report
    assert "below 4.5:1" in report


def test_validate_and_generate_report_every_bad_expression_at_once(tmp_path):
    inputs = fixture_inputs(tmp_path / "inputs", BACKGROUND.replace("counts.red", "counts.reed")
                            .replace("{{ period }}", "{{ perod }}"))
    (inputs / "pack.yaml").write_text(PACK.replace("{{ period }}", "{{ finance.total }}"))
    done = subprocess.run([sys.executable, "-m", "scrutinyreport.cli", "validate", "--inputs", str(inputs)],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 1
    assert "narrative/background.md, line 5: 'perod' is undefined in {{ perod }}" in done.stdout
    assert "narrative/background.md, line 17" in done.stdout and "{{ counts.reed }}" in done.stdout
    # no finance.csv: quoting the budget is an error at its line, never a blank in the paper
    assert "pack.yaml, line 15" in done.stdout and "{{ finance.total }}" in done.stdout
    assert "3 error(s)" in done.stdout
    generated = generate(inputs, tmp_path / "out")
    assert generated.returncode == 1 and generated.stderr.count("error: ") == 3


def test_an_extra_narrative_file_without_a_heading_becomes_its_own_section(tmp_path, soffice_profile):
    inputs = fixture_inputs(tmp_path / "inputs")
    (inputs / "narrative" / "risk_register.md").write_text("The main risks are listed here.\n")
    assert generate(inputs, tmp_path / "out").returncode == 0
    document = tmp_path / "out" / "2025-07" / "committee-update.docx"
    text = pdf_text(convert_to_pdf([document], tmp_path / "pdf", soffice_profile)[0])
    assert number_of(text, "RISK REGISTER") == "9."
    assert number_of(text, "The main risks are listed here") == "9.1"
    assert number_of(text, "IMPLICATIONS") == "10."


def test_check_follows_colours_and_shading_set_by_styles(tmp_path, built):
    # a council restyles its table headings light grey: on the table style's grey header fill, unreadable
    document = docx.Document(str(built[2]))
    document.styles["Table Heading"].font.color.rgb = docx.shared.RGBColor(0xBF, 0xBF, 0xBF)
    restyled = tmp_path / "restyled.docx"
    document.save(str(restyled))
    done = check(restyled)
    assert done.returncode == 1
    assert "cell 'Question'" in done.stdout and "below 4.5:1" in done.stdout
