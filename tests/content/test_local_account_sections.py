"""The Local Account's parts that published Local Accounts have (the seeds 000 and 003): our priorities, the
year's activity, the spending split in words, the local care market, our aim for next year and why a target
changed, what the quality of life score means, the self-assessment's top achievements and challenges with
what peer challenge is, the co-production forum and how views are gathered, and the date it was last
updated. The Word copy and the web page carry the same parts (they share the content); each part is left out
when its inputs are missing; the new pack.yaml settings are checked with reason codes."""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
import pytest

from helpers.documents import EN, local_account_docx, planned
from helpers.inputs_factory import small_numbers_inputs
from scrutinyreport.analysis import analyse
from scrutinyreport.content import blocks
from scrutinyreport.content.local_account import local_account
from scrutinyreport.content.local_account_parts import ASCOF_MEANINGS, lower_first, split_sentence
from scrutinyreport.errors import Reason
from scrutinyreport.loading import load_inputs, validate_inputs
from scrutinyreport.model import Amount
from scrutinyreport.web.local_account import build_local_account_page

ROOT = Path(__file__).resolve().parents[2]
NEW_PARTS = ("Our priorities", "What we did this year", "The local care market", "Our self-assessment",
             "Our top achievements", "Our biggest challenges", "Working with you",
             "The Fenmoor Care and Support Forum", "How we hear your views")


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def sample():
    """The sample's Local Account as content, as a Word document's paragraphs and tables, and as a page."""
    analysis = analyse(load_inputs(ROOT / "inputs"))
    content = local_account(analysis, planned(analysis, ("local-account-",)), EN)
    word = docx.Document(io.BytesIO(local_account_docx(analysis)))
    html = build_local_account_page(content)[0].decode("utf-8")
    page = flat(re.sub(r"<[^>]+>", " ", re.sub(r"<svg.*?</svg>", "", html, flags=re.S)).replace("&#x27;", "'")
                .replace("&quot;", '"').replace("&amp;", "&"))
    words = flat(" ".join([p.text for p in word.paragraphs] + [c.text for t in word.tables for r in t.rows
                                                                 for c in r.cells]))
    return {"analysis": analysis, "content": content, "word": word, "words": words, "page": page}


def headings(content: blocks.Document) -> list[str]:
    return [b.text for b in content.body if isinstance(b, blocks.Heading)]


def test_the_sample_has_every_new_part_in_the_word_copy_and_on_the_page(sample):
    order = headings(sample["content"])
    assert [h for h in order if h in NEW_PARTS] == list(NEW_PARTS)
    assert order.index("Our priorities") == 1                                  # after the director's message
    word_headings = [p.text for p in sample["word"].paragraphs if p.style.name.startswith("Heading")]
    assert [h for h in word_headings if h in NEW_PARTS] == list(NEW_PARTS)
    for heading in NEW_PARTS:
        assert heading in sample["page"], heading


SAYINGS = (
    # the director's priorities
    "These are our priorities for adult social care in Fenmoor: Help people to stay independent at home for longer",
    # the year's activity: a flow's total (rounded to 5 under disclosure control) and the average month
    "Contacts received by the Adult Early Help front door Phone calls, emails and online forms from people asking "
    "us for help, information or advice. 2025/26: the total for April 2025 to March 2026.",
    "2025/26: the average month, April 2025 to March 2026.",
    # the spending split in words
    "Of the £78.2m we spent in 2025/26, £56.6m (72%) was for care packages (net of income), £10.9m (14%) for "
    "staffing for social care teams",
    "Of the £32.0m we received in 2025/26, £11.9m (37%) came from charges paid by people who use services, £8.8m "
    "(28%) from Better Care Fund",
    # the local care market, from the catalogue's care-home indicator, and the providers in the pack's words
    "Care homes in Fenmoor rated 'Good' or 'Outstanding' by CQC: 81.8% (at the end of March 2026), compared with "
    "85.7% a year before. Our target is 85.0%. We did not meet our target",
    "38 home care agencies, 14 supported living services and 4 extra care housing schemes",
    # why a target changed and our aim for next year
    "Why the target changed: We lowered the target from 80% to 77.5%",
    "Our aim for 2026/27: Offer reablement to more people leaving hospital",
    # what the quality of life score means (ASCOF 1A's meaning, under the measure in the comparisons)
    "Social care-related quality of life score (out of 24) The quality of life score comes from a national survey",
    # the self-assessment: ADASS, peer challenge, top achievements and challenges
    "Association of Directors of Adult Social Services (ADASS). We sent ours to the region on 31 October 2026.",
    "In a peer challenge, a director of adult social services from another council reads our self-assessment",
    "The therapy-led reablement model, with goals agreed by an occupational therapist in the first 72 hours.",
    "Recruitment and retention of qualified social workers and occupational therapists.",
    # the forum, its priorities, and how views are gathered
    "The priorities the Fenmoor Care and Support Forum has agreed with us are: Information and advice that "
    "everyone can use",
    "A short questionnaire at the end of every reablement service.",
    # last updated: the meeting's date
    "Last updated: 17 November 2026",
)


@pytest.mark.parametrize("saying", SAYINGS, ids=lambda s: s[:40])
def test_the_sample_says_it_in_both_copies(sample, saying):
    assert saying in sample["words"], saying
    assert saying in sample["page"], saying


def test_the_activity_table_has_each_measure_by_its_basis_with_the_year_before(sample):
    table = next(t for t in sample["content"].body if isinstance(t, blocks.Table)
                 and t.caption == "What we did in 2025/26")
    assert table.headers == ["What we did", "2024/25", "2025/26"]
    rows = {row[0].text: [c.text for c in row[1:]] for row in table.rows}
    ids = sample["analysis"].pack.settings.local_account.activity
    assert len(rows) == len(ids) == 7
    # a total of months is rounded like any count; 2024/25's total is left out: only six months have figures
    assert rows["Contacts received by the Adult Early Help front door"] == ["No data", "41,735"]
    assert rows["Adult safeguarding concerns received"] == ["No data", "1,700"]
    assert rows["Planned reviews of long-term care and support completed (year to date)"] == ["1,350", "1,370"]
    assert rows["Average days from hospital referral to discharge with social care support"] == ["2.6", "2.5"]
    assert rows["New client contacts that result in a Care Act assessment"] == ["18.6%", "19.4%"]


def test_the_quality_of_life_meaning_is_the_national_one_unless_the_pack_gives_its_own():
    assert "The highest possible score is 24." in ASCOF_MEANINGS["1A"]


def test_the_split_in_words_names_every_part_largest_first():
    amounts = (Amount("2025/26", "Staffing", 25.0), Amount("2025/26", "Care packages", 75.0))
    assert split_sentence(amounts, "Of the {total} in {year},", "was for", "for", "en_GB") == \
        "Of the £100 in 2025/26, £75 (75%) was for care packages and £25 (25%) for staffing."
    assert split_sentence(amounts[:1], "{total}", "was", "for", "en_GB") is None
    assert lower_first("Better Care Fund") == "Better Care Fund" and lower_first("Care packages") == "care packages"
    assert lower_first("NHS contributions") == "NHS contributions"


SETTINGS = """\
local_account:
  area: Testshire
  indicators: [reablement, direct_payments]
  priorities: [Keep people safe.]
  activity: [concerns, reviews_ytd]
  care_market:
    indicators: [direct_payments]
    notes: [There are 12 care homes in Testshire.]
  forum:
    name: the Testshire Forum
    about: People who use services and carers.
    priorities: [Transport.]
  views: [A questionnaire.]
  aims:
    reablement: Keep it up.
  target_changes:
    reablement: It was too low.
  contact:
    - "Email: views@testshire.example.gov.uk"
"""


def with_settings(root: Path, settings: str) -> Path:
    inputs = small_numbers_inputs(root, "none")
    text = (inputs / "pack.yaml").read_text(encoding="utf-8")
    start = text.index("local_account:")
    end = text.index("disclosure:")
    (inputs / "pack.yaml").write_text(text[:start] + settings + text[end:], encoding="utf-8")
    return inputs


def test_the_settings_are_read_and_each_part_follows_them(tmp_path):
    pack = load_inputs(with_settings(tmp_path / "in", SETTINGS))
    account = pack.settings.local_account
    assert account.priorities == ("Keep people safe.",) and account.activity == ("concerns", "reviews_ytd")
    assert account.care_market == ("direct_payments",)
    assert account.care_market_notes == ("There are 12 care homes in Testshire.",)
    assert account.forum.name == "the Testshire Forum" and account.forum.priorities == ("Transport.",)
    assert account.views == ("A questionnaire.",) and account.aims == {"reablement": "Keep it up."}
    analysis = analyse(pack)
    content = local_account(analysis, {}, EN)
    found = headings(content)
    for heading in ("Our priorities", "What we did this year", "The local care market", "Working with you",
                    "The Testshire Forum", "How we hear your views", "Our self-assessment"):
        assert heading in found, heading
    activity = next(t for t in content.body if isinstance(t, blocks.Table) and t.caption.startswith("What we did"))
    rows = {row[0].text: [c.text for c in row[1:]] for row in activity.rows}
    assert rows["Safeguarding concerns received"] == ["12", "fewer than 5"]      # 3 concerns: protected
    html = build_local_account_page(content)[0].decode("utf-8")
    assert "fewer than 5" in html and "Why the target changed: It was too low." in html


def test_without_the_settings_the_new_parts_are_left_out(tmp_path):
    bare = "local_account:\n  area: Testshire\n"
    inputs = with_settings(tmp_path / "in", bare)
    (inputs / "self_assessment.yaml").unlink()
    content = local_account(analyse(load_inputs(inputs)), {}, EN)
    found = headings(content)
    for heading in NEW_PARTS:
        assert heading not in found, heading
    assert content.body[-1] == blocks.Paragraph((blocks.Run("Last updated: 13 January 2026"),), blocks.Style.NOTE)


def test_the_activity_defaults_to_the_catalogues_yearly_totals(tmp_path):
    inputs = with_settings(tmp_path / "in", "local_account:\n  area: Testshire\n")
    catalogue = (inputs / "indicators.csv").read_text(encoding="utf-8").splitlines()
    catalogue[0] += ",year_basis"
    catalogue = [line + (",sum" if line.startswith("concerns,") else ",") if i else line
                 for i, line in enumerate(catalogue)]
    (inputs / "indicators.csv").write_text("\n".join(catalogue) + "\n", encoding="utf-8")
    analysis = analyse(load_inputs(inputs))
    content = local_account(analysis, {}, EN)
    table = next(t for t in content.body if isinstance(t, blocks.Table) and t.caption.startswith("What we did"))
    assert [row[0].text for row in table.rows] == ["Safeguarding concerns received"]
    (inputs / "pack.yaml").write_text((inputs / "pack.yaml").read_text(encoding="utf-8").replace(
        "  area: Testshire\n", "  area: Testshire\n  activity: []\n"), encoding="utf-8")
    assert "What we did this year" not in headings(local_account(analyse(load_inputs(inputs)), {}, EN))


def test_bad_settings_are_named_with_their_line_and_reason(tmp_path):
    settings = (SETTINGS.replace("activity: [concerns, reviews_ytd]", "activity: [concerns, review_ytd]")
                .replace("    indicators: [direct_payments]", "    indicators: [direct_payment]\n    note: x")
                .replace("  views: [A questionnaire.]", "  views: [A questionnaire.]\n  aim: x")
                .replace("    reablement: Keep it up.", "    reablement: Keep it up.\n    concerns: Fewer."))
    problems = validate_inputs(with_settings(tmp_path / "in", settings)).problems
    errors = {(p.column, p.found, p.reason) for p in problems.errors}
    assert ("local_account.activity", "review_ytd", Reason.UNKNOWN_ID) in errors
    assert ("local_account.care_market.indicators", "direct_payment", Reason.UNKNOWN_ID) in errors
    text = [str(p) for p in problems.errors]
    assert any("review_ytd" in t and "did you mean 'reviews_ytd'" in t and "line " in t for t in text), text
    warnings = {(p.column, p.found, p.reason) for p in problems.warnings}
    assert ("local_account.aims", "concerns", Reason.IGNORED) in warnings            # not a key measure
    assert ("local_account.aim", "aim", Reason.UNKNOWN_KEY) in warnings
    assert ("local_account.care_market.note", "note", Reason.UNKNOWN_KEY) in warnings


def test_settings_of_the_wrong_kind_are_errors(tmp_path):
    settings = (SETTINGS.replace("  views: [A questionnaire.]", "  views: {survey: yes}")
                .replace("    about: People who use services and carers.", "    about: [a, b]")
                .replace("  care_market:\n", "  care_market: [x]\n  unused:\n")
                .replace("    reablement: It was too low.", "    reablement: [It was, too low]"))
    problems = validate_inputs(with_settings(tmp_path / "in", settings)).problems
    wrong = {p.column for p in problems.errors if p.reason is Reason.WRONG_TYPE}
    assert {"local_account.views", "local_account.forum.about", "local_account.care_market",
            "local_account.target_changes"} <= wrong, [str(p) for p in problems.errors]
