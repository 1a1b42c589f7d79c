"""Random reviewers against the harvest: for each document kind, scripts of edits (tracked and not)
applied as Word saves them, harvested (a dry run), regenerated, and checked:

- the regenerated text equals the edited text (what the reviewer saw, changes accepted);
- live figures stay live wherever their printed value was untouched, and typed text gets none;
- nothing outside the edited chunks changes;
- comments and replies come back with their author, text and anchor;
- a figure typed over is named in a warning quoting exactly what was typed, and no warning is false;
- the review report shows moves as moves and replies under their comment;
- (the emulator's own check) the saved document reads as the model of the edits says.

Reviewers type words, the month's printed values, Markdown's special characters and literal Jinja ({{ }},
{% %}, {# #}), which must come back as text. Every example runs to the end and its problems are collected by
property and kind of failure, so one run reports all that fails (with the shortest script that shows each),
then the test fails if anything did. Examples per kind: 200 from a fixed seed (derandomized; set
WORD_HABITS_EXAMPLES to change, WORD_HABITS_JINJA=0 to leave literal Jinja out). About a minute per kind on
two cores: marked slow, so `-m "not slow"` leaves it out while working; the README's test command runs it.
"""

from __future__ import annotations

import os
import re
import time
from collections import Counter, defaultdict

import pytest
import yaml
from hypothesis import HealthCheck, given, settings

from helpers.edit_scripts import (
    Edit,
    accepted_text_problems,
    apply_script,
    comment_problems,
    edit_scripts,
    layout_of,
    live_figure_problems,
    regenerated_text_problems,
    report_problems,
    untouched_problems,
    warning_problems,
)
from helpers.round_trip import SamplePack

EXAMPLES = int(os.environ.get("WORD_HABITS_EXAMPLES", "200"))
JINJA = os.environ.get("WORD_HABITS_JINJA", "1") == "1"     # reviewers also type literal {{ }} and {% %}
KINDS = ("committee-update", "dashboard", "self-assessment", "local-account")



def category(prop: str, problem: str, script: tuple[Edit, ...]) -> str:
    """A short name for the kind of failure, so that 200 examples read as a handful of findings."""
    ops = "+".join(sorted({e.op for e in script}))
    if problem.startswith("text box"):
        return "a text box's text comes back " + ("twice" if "2 time" in problem else "wrongly")
    if problem.startswith("comment"):
        return "a comment is lost or anchored elsewhere"
    if prop == "live":
        state = problem.split(" paragraph")[0]
        history = re.search(r"\[(.*?)\]:", problem)
        how = sorted({h.split(" (")[0].split(" with")[0] for h in history.group(1).split(", ")}) if history else []
        kind = "frozen" if "frozen" in problem else "given expressions"
        if "frozen" in problem and "given" in problem:
            kind = "frozen and given others"
        return f"{state} paragraph ({' + '.join(how)}): live figures {kind}"
    if prop == "warnings":
        return "false warning" if "false warning" in problem else \
            "typed-over warning does not quote the typed text" if "does not quote" in problem else "no warning"
    if prop == "report":
        return "tracked move listed as insertion and deletion" if "move" in problem else "reply not threaded"
    if prop == "text" and problem.startswith("dashboard row"):
        why = re.search(r"\(([^()]*)\):\n", problem)
        return "dashboard analysis: " + (why.group(1) if why else "differs") + \
            (f" (edits: {ops})" if why and "differs" in why.group(1) else "")
    if prop == "untouched":
        return f"an untouched chunk changed (edits: {ops})"
    return f"{prop} (edits: {ops})"


@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS)
def test_reviewers_edits_come_back(pack: SamplePack, kind: str) -> None:
    docx, record = pack.document(kind)
    layout = layout_of(docx, record)
    found: dict[str, dict[str, list[tuple[tuple[Edit, ...], str]]]] = defaultdict(lambda: defaultdict(list))
    examples: Counter[str] = Counter()
    clock: Counter[str] = Counter()
    started = time.perf_counter()

    @settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(script=edit_scripts(layout, jinja=JINJA))
    def run(script: tuple[Edit, ...]) -> None:
        examples["run"] += 1
        examples.update(f"{e.op} ({'tracked' if e.track else 'untracked'})" for e in script)
        moment = time.perf_counter()
        outcome = apply_script(docx, layout, script, seed=len(script))
        clock["edit and save as Word"] += time.perf_counter() - moment
        moment = time.perf_counter()
        result = pack.harvest(outcome.docx, pack.name(kind))
        clock["harvest (dry run)"] += time.perf_counter() - moment
        moment = time.perf_counter()
        try:
            regenerated = pack.regenerate(result.files, kind)
        except Exception as error:  # noqa: BLE001 - the next generate failing is a finding, not a crash
            found["text"]["the next generate fails on the harvested inputs"].append((script, str(error)[:300]))
            return
        finally:
            clock["regenerate"] += time.perf_counter() - moment
        after = pack.after(result.files)
        narrative = {name: text for name, text in after.items() if name.endswith(".md")}
        recommendations = [" ".join(str(r).split()) for r in
                           (yaml.safe_load(after["pack.yaml"]) or {}).get("recommendations") or []]
        checks = {
            "model": accepted_text_problems(outcome),
            "text": regenerated_text_problems(outcome, regenerated),
            "live": live_figure_problems(outcome, narrative, recommendations),
            "untouched": untouched_problems(outcome, pack.originals, after),
            "comments": comment_problems(outcome, result.comments),
            "warnings": warning_problems(outcome, result.warnings),
            "report": report_problems(outcome, result.changes, result.report),
        }
        for prop, problems in checks.items():
            for problem in problems:
                found[prop][category(prop, problem, script)].append((script, problem))

    run()
    elapsed = time.perf_counter() - started
    lines = [f"{kind}: {examples['run']} examples in {elapsed:.0f} s "
             f"({', '.join(f'{k} {v:.1f} s' for k, v in clock.items())})",
             "edits drawn: " + ", ".join(f"{k} {v}" for k, v in sorted(examples.items()) if k != "run")]
    names = {"model": "the emulator's saved document reads as its model",
             "text": "regenerated text equals the edited text",
             "live": "live figures stay live where untouched; typed text gets none",
             "untouched": "nothing outside the edited chunks changes",
             "comments": "comments come back with their anchors",
             "warnings": "a typed-over figure's warning quotes what was typed; no false warnings",
             "report": "the review report shows moves as moves and replies under their comment"}
    for prop, name in names.items():
        failures = found.get(prop, {})
        count = len({id(s) for cases in failures.values() for s, _ in cases})
        lines.append(f"\n[{'FAIL' if failures else 'pass'}] {name}" + (f": {count} failing example(s)" if failures
                                                                          else ""))
        for label, cases in sorted(failures.items(), key=lambda item: -len(item[1])):
            script, problem = min(cases, key=lambda case: (len(case[0]), len(case[1])))
            lines.append(f"  - {label}: {len(cases)} case(s); shortest:\n      {list(script)}\n      "
                         + problem.replace("\n", "\n      ")[:900])
    report = "\n".join(lines)
    print("\n" + report)
    assert examples["run"] >= EXAMPLES, f"only {examples['run']} of {EXAMPLES} examples ran:\n" + report
    assert not found.get("model"), "the emulator disagrees with its own model:\n" + report
    assert not found, report
