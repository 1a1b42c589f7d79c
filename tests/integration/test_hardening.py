"""Every bad input, environment fault and second run, driven through the command line in a subprocess with
real files: the exit status, the message, the previous pack byte-identical, no stray folder or process.

Faults a test cannot cause for real when it runs as root (a permission taken away, a full disk) and kills
at a chosen point are injected by tests/helpers/faults.py, which runs the same command line."""

from __future__ import annotations

import io
import os
import select
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import docx
import pytest

from helpers.hardening import NARRATIVE, cli, consistent, snapshot
from helpers.inputs_factory import PACK_YAML, month_csv

ROOT = Path(__file__).resolve().parents[2]
PERIOD = "2025-07"
SELF_ASSESSMENT = """\
submitted: 2026-01-05
themes:
  - name: Working with people
    statements:
      - id: assessing_needs
        score: 3
        evidence: [reablement]
"""


def leftovers(out: Path) -> list[str]:
    """What a run stopped part-way could leave behind: staging and previous folders, temporary files."""
    found = [p.name for p in out.iterdir() if p.name.endswith((".staging", ".previous"))] if out.is_dir() else []
    return found + [p.name for p in out.rglob("*.tmp")]


def marked_processes(mark: str) -> list[int]:
    """Processes (the run's pool workers among them) started with this test's mark in their environment."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if f"SCRUTINY_TEST_MARK={mark}".encode() in (entry / "environ").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def processes_left(mark: str, within: float = 5.0) -> list[int]:
    """The marked processes still running after waiting up to ``within`` seconds for each to end (a worker
    notices within a fraction of a second that its parent has gone)."""
    deadline = time.monotonic() + within
    for pid in marked_processes(mark):
        try:
            handle = os.pidfd_open(pid)   # readable once the process has ended
        except ProcessLookupError:
            continue
        try:
            select.select([handle], [], [], max(deadline - time.monotonic(), 0))
        finally:
            os.close(handle)
    left = marked_processes(mark)
    for pid in left:   # a failing test leaves nothing running either
        os.kill(pid, signal.SIGKILL)
    return left


def _generate(work: Path, *extra: str, **kwargs) -> subprocess.CompletedProcess:
    return cli("generate", "--inputs", str(work / "in"), "--out", str(work / "out"), *extra, **kwargs)


def _draw_in_the_pool(work: Path) -> None:
    """Every figure to be drawn again as a picture (native charts are not drawn in a pool), and enough charts
    (every indicator's) for the worker pool."""
    shutil.rmtree(work / "out" / ".figure-cache", ignore_errors=True)
    with (work / "in" / "pack.yaml").open("a", encoding="utf-8") as pack_file:
        pack_file.write("dashboard_charts: all\ncharts: picture\n")


def _change_narrative(work: Path) -> None:
    (work / "in" / "narrative" / "background.md").write_text(NARRATIVE + "\nA new paragraph.\n")


# 1. Files and folders as the umask allows ---------------------------------------------------------------

@pytest.mark.parametrize("umask, file_mode, folder_mode", [(0o022, 0o644, 0o755), (0o027, 0o640, 0o750)])
def test_files_and_folders_follow_the_users_umask(work, umask, file_mode, folder_mode):
    shutil.rmtree(work / "out" / PERIOD)
    done = _generate(work, umask=umask)
    assert done.returncode == 0, done.stderr
    folder = work / "out" / PERIOD
    for path in [folder, folder / "figures", *folder.rglob("*")]:
        expected = folder_mode if path.is_dir() else file_mode
        assert path.stat().st_mode & 0o777 == expected, path


# 2. One run at a time ----------------------------------------------------------------------------------

HOLD = ("import sys; from pathlib import Path; from scrutinyreport.pack.lock import OutputLock\n"
        "with OutputLock(Path(sys.argv[1])):\n    print('held', flush=True); sys.stdin.read()\n")


def test_a_second_run_stops_naming_the_holder_and_a_dead_holders_lock_is_taken_over(work):
    before = snapshot(work / "out" / PERIOD)
    _change_narrative(work)
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(work / "out")], cwd=ROOT, stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        started = time.monotonic()
        done = _generate(work, "--wait", "0.5", "--verbose")
        assert done.returncode == 1
        assert time.monotonic() - started < 30
        assert f"another run is writing to {work / 'out'}: process {holder.pid} of " in done.stderr
        assert "Waiting up to 0.5 s" in done.stderr   # said even when the output is piped
        assert snapshot(work / "out" / PERIOD) == before
    finally:
        holder.kill()   # SIGKILL: the holder leaves its record in the lock file but cannot unlock
        holder.wait()
    assert (work / "out" / ".scrutinyreport.lock").read_text().startswith("{")
    done = _generate(work, "--wait", "0", "--verbose")
    assert done.returncode == 0, done.stderr
    assert f"Took over the lock left by a run that was stopped: process {holder.pid}" in done.stdout
    assert snapshot(work / "out" / PERIOD) != before and leftovers(work / "out") == []


def test_two_runs_at_once_never_mix_their_outputs(work):
    other = work / "in2"
    shutil.copytree(work / "in", other)
    (other / "narrative" / "background.md").write_text(NARRATIVE + "\nThe other run's paragraph.\n")
    _change_narrative(work)
    environment = dict(os.environ, SCRUTINY_TEST_MARK=uuid.uuid4().hex)
    runs = [subprocess.Popen([sys.executable, "-m", "scrutinyreport.cli", "generate", "--inputs", str(inputs),
                              "--out", str(work / "out")], cwd=ROOT, env=environment, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for inputs in (work / "in", other)]
    results = [(run.wait(timeout=120), run.stderr.read()) for run in runs]
    assert all(code == 0 for code, _ in results), results
    folder = work / "out" / PERIOD
    assert consistent(folder)
    assert not list(folder.glob("*.new*.docx")) and leftovers(work / "out") == []


# 3. Only the inputs folder, a bounded sandbox, bounded files ------------------------------------------

def test_a_link_to_a_file_outside_the_inputs_is_refused(work, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n")
    (work / "in" / "narrative" / "origin.md").symlink_to(secret)
    done = cli("validate", "--inputs", str(work / "in"))
    assert done.returncode == 1
    assert "narrative/origin.md: is a symbolic link: refused" in done.stdout and "root:x" not in done.stdout
    before = snapshot(work / "out" / PERIOD)
    done = _generate(work)
    assert done.returncode == 1 and "is a symbolic link" in done.stderr
    assert snapshot(work / "out" / PERIOD) == before


def test_a_linked_folder_and_an_absolute_narrative_path_are_refused(work, tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "origin.md").write_text("# Origin of report\n\nFrom outside.\n")
    (work / "in" / "narrative" / "linked").symlink_to(outside)   # not read: only *.md files are
    (work / "in" / "narrative" / "shared.md").symlink_to(outside / "origin.md")
    shutil.move(str(work / "in" / "monthly"), str(tmp_path / "monthly"))
    (work / "in" / "monthly").symlink_to(tmp_path / "monthly")
    done = cli("validate", "--inputs", str(work / "in"))
    assert done.returncode == 1
    assert "monthly/2025-06.csv: lies outside the inputs folder" in done.stdout
    assert "copy the file into the inputs folder (the same in 2025-07.csv)" in done.stdout
    assert "narrative/shared.md: is a symbolic link" in done.stdout
    pack_yaml = work / "in" / "pack.yaml"
    pack_yaml.write_text(pack_yaml.read_text() + f"narrative: {outside.as_posix()}\n")
    done = cli("validate", "--inputs", str(work / "in"))
    assert f"pack.yaml, line 14, column 'narrative': found '{outside.as_posix()}': expected a path inside the " \
           "inputs folder" in done.stdout


@pytest.mark.parametrize("expression, message", [
    ("{{ counts.update({'red': 99}) }}", "not allowed in narrative: access to attribute 'update'"),
    ("{{ indicators.reablement }}", "prints a group of figures"),
    ("{{ none }}", "prints nothing ('none')"),
    ("{{ indicators.reablement.nope }}", "has no attribute 'nope'"),
    ("{% for a in range(9999) %}{% for b in range(9999) %}{% endfor %}{% endfor %}", "take too long"),
    ("{{ 10 ** 100000 }}", "a power above 1000"),
    ("{{ 'x' * 10 ** 9 }}", "longer than 1,000,000"),
    ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "a macro calls itself without end"),
])
def test_narrative_sandbox_refuses_with_file_and_line(work, expression, message):
    (work / "in" / "narrative" / "reasons.md").write_text(f"# Reasons\n\nText.\n\n{expression}\n")
    started = time.monotonic()
    done = cli("validate", "--inputs", str(work / "in"), timeout=60)
    assert done.returncode == 1 and time.monotonic() - started < 30
    assert "narrative/reasons.md, line 5: " in done.stdout and message in done.stdout, done.stdout


def test_a_yaml_bomb_is_refused_quickly(work):
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]" for n in range(1, 10)]
    (work / "in" / "pack.yaml").write_text(PACK_YAML + "\n".join(lines) + "\n")
    started = time.monotonic()
    done = cli("validate", "--inputs", str(work / "in"), timeout=60)
    assert done.returncode == 1 and time.monotonic() - started < 20
    assert "expands to more than 50,000 values (through &anchors and *aliases)" in done.stdout


def test_oversized_files_and_row_counts_are_refused(work):
    rows = "".join(f"2025/26,Group {n},{n}\n" for n in range(100_000))
    (work / "in" / "activity.csv").write_text("year,client_group,people\n" + rows)
    (work / "in" / "narrative" / "big.md").write_text("# Big\n\n" + "word " * 1_100_000)
    done = cli("validate", "--inputs", str(work / "in"))
    assert done.returncode == 1
    assert "activity.csv, line 5002: has more than 5,000 rows" in done.stdout
    assert "narrative/big.md: is larger than 5 MB" in done.stdout
    header, first = (work / "in" / "indicators.csv").read_text().splitlines()[:2]
    many = "".join(first.replace("reablement", f"reablement_{n}", 1) + "\n" for n in range(501))
    (work / "in" / "indicators.csv").write_text(header + "\n" + many)
    done = cli("validate", "--inputs", str(work / "in"))
    assert "indicators.csv: has 501 indicators; a dashboard takes at most 500" in done.stdout
    assert "unknown indicator id" not in done.stdout   # the monthly rows are not reported a second time
    (work / "in" / "activity.csv").write_text("year,client_group,people\n" + rows[:2000])
    (work / "in" / "narrative" / "big.md").unlink()
    done = cli("validate", "--inputs", str(work / "in"))
    assert "kinds of client group in 2025/26: a chart can show at most 30" in done.stdout


# 4. No traceback: messages, exit statuses, the previous pack intact -------------------------------------

@pytest.mark.parametrize("file, text, where", [
    ("pack.yaml", PACK_YAML.replace("2026-01-13", "2026-02-30"), "pack.yaml, line 3: is not valid YAML: "
                                                                 "'2026-02-30' is not a real date"),
    ("self_assessment.yaml", SELF_ASSESSMENT.replace("2026-01-05", "2026-02-30"),
     "self_assessment.yaml, line 1: is not valid YAML: '2026-02-30' is not a real date"),
    ("pack.yaml", PACK_YAML.replace("Adult social care performance", '"Adult \\0 social care"'),
     "pack.yaml, line 4: holds a control character (U+0000)"),
    ("narrative/background.md", "# Background\n\nText\x00 more.\n",
     "narrative/background.md: holds control characters that Word cannot show, at line 3 (U+0000)"),
    (f"monthly/{PERIOD}.csv", month_csv(commentary="Rose \x0b sharply"),
     f"{PERIOD}.csv: holds control characters that Word cannot show, at line 2 (U+000B)"),
])
def test_bad_inputs_give_a_message_with_file_and_line(work, file, text, where):
    (work / "in" / file).write_text(text, encoding="utf-8")
    before = snapshot(work / "out" / PERIOD)
    done = cli("validate", "--inputs", str(work / "in"))
    assert done.returncode == 1 and where in done.stdout, done.stdout
    done = _generate(work)
    assert done.returncode == 1 and where in done.stderr and "Nothing was generated" in done.stderr
    assert snapshot(work / "out" / PERIOD) == before and leftovers(work / "out") == []


def test_title_with_a_nul_is_an_error_not_a_crash(work):
    indicators = work / "in" / "indicators.csv"
    indicators.write_text(indicators.read_text().replace("Gross spend", "Gross\x00spend"))
    done = _generate(work)
    assert done.returncode == 1
    assert "indicators.csv: holds control characters that Word cannot show, at line 6 (U+0000)" in done.stderr


@pytest.mark.parametrize("point", ["figures", "staging", "swap"])
def test_killed_at_any_point_the_next_run_finds_the_pack_whole(work, point):
    before = snapshot(work / "out" / PERIOD)
    if point == "figures":
        _draw_in_the_pool(work)
    _change_narrative(work)
    mark = uuid.uuid4().hex
    done = _generate(work, fault=f"sigkill:{point}", mark=mark)
    assert done.returncode == -signal.SIGKILL
    assert processes_left(mark) == []   # the pool's workers left with their parent
    if point == "swap":
        assert not (work / "out" / PERIOD).exists()
        assert snapshot(work / "out" / f".{PERIOD}.previous") == before
    else:
        assert snapshot(work / "out" / PERIOD) == before
    done = _generate(work)
    assert done.returncode == 0, done.stderr
    assert leftovers(work / "out") == [] and consistent(work / "out" / PERIOD)
    assert snapshot(work / "out" / PERIOD) != before


@pytest.mark.parametrize("signal_name, point, status, said", [
    ("sigint", "figures", 130, "Stopped (Ctrl-C)"), ("sigint", "staging", 130, "Stopped (Ctrl-C)"),
    ("sigterm", "figures", 143, "Stopped (terminated)")])
def test_ctrl_c_or_sigterm_stops_with_the_previous_pack_and_no_workers_left(work, signal_name, point, status,
                                                                             said):
    before = snapshot(work / "out" / PERIOD)
    if point == "figures":
        _draw_in_the_pool(work)
    _change_narrative(work)
    mark = uuid.uuid4().hex
    done = _generate(work, fault=f"{signal_name}:{point}", mark=mark)
    assert done.returncode == status
    assert f"{said}. Nothing was generated: the previous pack, if any, is as it was." in done.stderr
    assert snapshot(work / "out" / PERIOD) == before and leftovers(work / "out") == []
    assert processes_left(mark) == []


def test_a_full_disk_leaves_the_previous_pack(work):
    before = snapshot(work / "out" / PERIOD)
    _change_narrative(work)
    done = _generate(work, fault="enospc:2")
    assert done.returncode == 1
    assert "the disk is full: free some space and run again. Nothing was changed" in done.stderr
    assert snapshot(work / "out" / PERIOD) == before and leftovers(work / "out") == []


def test_output_folder_faults(work, tmp_path):
    (tmp_path / "a-file").write_text("mine")
    done = cli("generate", "--inputs", str(work / "in"), "--out", str(tmp_path / "a-file"))
    assert done.returncode == 1 and "is a file, not a folder: give --out a folder" in done.stderr
    shutil.rmtree(work / "out" / PERIOD)
    (work / "out" / PERIOD).write_text("the user's own file")
    done = _generate(work)
    assert done.returncode == 1 and f"{PERIOD} is a file, not a folder" in done.stderr
    assert (work / "out" / PERIOD).read_text() == "the user's own file" and leftovers(work / "out") == []
    done = cli("generate", "--inputs", str(work / "in"), "--out", str(tmp_path / "ro"),
               fault=f"eacces:{tmp_path / 'ro'}")
    assert done.returncode == 1 and "cannot use the output folder" in done.stderr
    assert "Permission denied; choose a folder you can write to with --out" in done.stderr
    done = cli("generate", "--inputs", str(work / "in"), "--out", str(tmp_path / "new" / "deep"), "--quiet")
    assert done.returncode == 0 and consistent(tmp_path / "new" / "deep" / PERIOD)


def test_an_unreadable_monthly_file_is_named(work):
    done = cli("validate", "--inputs", str(work / "in"), fault=f"unreadable:{PERIOD}.csv")
    assert done.returncode == 1
    assert f"monthly/{PERIOD}.csv: cannot be read: Permission denied" in done.stdout


def test_usage_errors_exit_2_and_a_program_fault_is_a_message(work):
    assert cli("generate", "--wait", "soon").returncode == 2
    done = _generate(work, fault="bug")
    assert done.returncode == 1 and "unexpected failure (KeyError" in done.stderr
    assert "This is a fault in scrutinyreport, not in your inputs" in done.stderr


# 5. One error base class --------------------------------------------------------------------------------

def test_every_deliberate_error_inherits_the_one_base():
    import importlib
    import pkgutil

    import scrutinyreport
    from scrutinyreport.errors import ScrutinyReportError
    # caught and turned into a NarrativeError or a problem; Terminated is a stop (SIGTERM), not an error
    internal = {"NarrativeLimit", "NotPrintable", "YamlRefused", "Terminated"}
    found = []
    for module in pkgutil.walk_packages(scrutinyreport.__path__, "scrutinyreport."):
        loaded = importlib.import_module(module.name)
        for value in vars(loaded).values():
            if isinstance(value, type) and issubclass(value, BaseException) and \
                    value.__module__.startswith("scrutinyreport") and value.__name__ not in internal:
                found.append(value)
    assert len(found) >= 10
    assert [e.__name__ for e in found if not issubclass(e, ScrutinyReportError)] == []


def test_every_exception_class_is_defined_in_the_errors_module():
    import importlib
    import pkgutil

    import scrutinyreport
    defined = {}
    for module in pkgutil.walk_packages(scrutinyreport.__path__, "scrutinyreport."):
        loaded = importlib.import_module(module.name)
        for value in vars(loaded).values():
            if isinstance(value, type) and issubclass(value, BaseException) and \
                    value.__module__.startswith("scrutinyreport"):
                defined[value.__name__] = value.__module__
    assert len(defined) >= 20
    assert {name: where for name, where in defined.items() if where != "scrutinyreport.errors"} == {}


# 6. Everything at once, nothing twice -------------------------------------------------------------------

def test_one_bad_header_is_one_error(work):
    indicators = work / "in" / "indicators.csv"
    indicators.write_text(indicators.read_text().replace("id,title", "idd,title", 1))
    (work / "in" / "self_assessment.yaml").write_text(SELF_ASSESSMENT)
    done = cli("validate", "--inputs", str(work / "in"))
    assert done.returncode == 1
    errors = [line for line in done.stdout.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "missing required column(s): id" in errors[0], done.stdout


def test_the_same_problem_in_every_month_is_said_once(work):
    for month in ("2025-06", "2025-07"):
        path = work / "in" / "monthly" / f"{month}.csv"
        path.write_text(path.read_text().replace("concerns,", "concerns_typo,"))
    done = cli("validate", "--inputs", str(work / "in"))
    errors = [line for line in done.stdout.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, done.stdout
    assert errors[0].endswith("found 'concerns_typo': unknown indicator id: expected an id from indicators.csv; "
                              "did you mean 'concerns'? (the same in 2025-07.csv line 5)")
    assert "2 error(s)" in done.stdout   # the count is of every place


def test_a_mistyped_narrative_folder_is_an_error_not_a_report_of_empty_sections(work):
    (work / "in" / "pack.yaml").write_text(PACK_YAML + "narrative: narative\n")
    done = cli("validate", "--inputs", str(work / "in"))
    assert done.returncode == 1
    assert "pack.yaml, line 14, column 'narrative': found 'narative': the narrative folder 'narative' is not a " \
           "folder in" in done.stdout


@pytest.mark.parametrize("encoding, delimiter, message", [
    ("utf-16", ",", "this file looks like UTF-16 (Excel's 'Unicode Text'): save it as CSV UTF-8"),
    ("utf-8", ";", "this file looks semicolon-separated, not comma-separated: save it as CSV UTF-8"),
    ("utf-8", "\t", "this file looks tab-separated, not comma-separated: save it as CSV UTF-8"),
])
def test_other_encodings_and_delimiters_are_named(work, encoding, delimiter, message):
    text = month_csv().replace(",", delimiter) if delimiter != "," else month_csv()
    (work / "in" / "monthly" / f"{PERIOD}.csv").write_bytes(text.encode(encoding))
    done = cli("validate", "--inputs", str(work / "in"))
    assert done.returncode == 1 and f"{PERIOD}.csv" in done.stdout and message in done.stdout, done.stdout
    assert "missing required column" not in done.stdout


def test_narrative_and_data_errors_come_in_one_report(work):
    (work / "in" / "monthly" / f"{PERIOD}.csv").write_text(month_csv(direct="lots"))
    (work / "in" / "narrative" / "reasons.md").write_text("# Reasons\n\n{{ counts.reed }} are red.\n")
    done = cli("validate", "--inputs", str(work / "in"))
    assert done.returncode == 1
    assert "found 'lots'" in done.stdout and "narrative/reasons.md, line 3: 'dict object' has no attribute " \
                                              "'reed'" in done.stdout
    assert "2 error(s)" in done.stdout


def _timescales_answer(document: Path) -> str:
    for table in docx.Document(str(document)).tables:
        for row in table.rows:
            if row.cells[0].text.startswith("Is this a major policy item"):
                return row.cells[1].text
    raise AssertionError("no timescales table")


def test_yes_and_no_are_read_strictly(work):
    pack_yaml = work / "in" / "pack.yaml"
    pack_yaml.write_text(PACK_YAML + 'timescales:\n  major_policy_item: "no"\n')
    assert _generate(work).returncode == 0
    assert _timescales_answer(work / "out" / PERIOD / "committee-update.docx") == "No"
    pack_yaml.write_text(PACK_YAML + 'timescales:\n  major_policy_item: "maybe"\n')
    done = cli("validate", "--inputs", str(work / "in"))
    assert done.returncode == 1
    assert "line 15, column 'timescales.major_policy_item': found 'maybe': expected yes or no" in done.stdout


def test_unknown_keys_are_warnings_with_the_nearest_known_key(work):
    (work / "in" / "pack.yaml").write_text(PACK_YAML + "previous_perod: 2025-06\nauthor_email: x@y\n")
    (work / "in" / "self_assessment.yaml").write_text(SELF_ASSESSMENT.replace("score: 3", "score: 3\n        scroe: 4"))
    done = cli("validate", "--inputs", str(work / "in"))
    assert done.returncode == 0, done.stdout
    assert "pack.yaml, line 14, column 'previous_perod': found 'previous_perod': unknown key, ignored; did you " \
           "mean 'previous_period'?" in done.stdout
    assert "column 'themes.0.statements.0.scroe': found 'scroe': unknown key, ignored; did you mean 'score'?" \
           in done.stdout


# 7. An edited document moved away is written again ------------------------------------------------------

def test_an_edited_document_moved_away_is_written_again(work, tmp_path):
    folder = work / "out" / PERIOD
    document = docx.Document(str(folder / "committee-update.docx"))
    document.add_paragraph("A reviewer's note.")
    buffer = io.BytesIO()
    document.save(buffer)
    (folder / "committee-update.docx").write_bytes(buffer.getvalue())
    _change_narrative(work)
    assert _generate(work).returncode == 0
    assert (folder / "committee-update.new.docx").is_file()
    shutil.move(str(folder / "committee-update.docx"), str(tmp_path / "reviewed.docx"))
    done = _generate(work)
    assert done.returncode == 0 and "Up to date" not in done.stdout
    assert (folder / "committee-update.docx").is_file() and not (folder / "committee-update.new.docx").exists()
    assert consistent(folder)
    assert "Up to date" in _generate(work).stdout
