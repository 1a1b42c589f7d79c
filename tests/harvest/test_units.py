"""The harvest's parts on their own: chunks, Markdown written back from blocks, live figures, tracked
changes, the pack.yaml and CSV edits."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from scrutinyreport.content.markdown_chunks import join_chunks, split_chunks
from scrutinyreport.errors import HarvestError
from scrutinyreport.harvest.blocks import markdown_blocks
from scrutinyreport.harvest.commentary import replace_commentary
from scrutinyreport.harvest.markdown_writer import Substitution, chunk_markdown
from scrutinyreport.harvest.merge import merge
from scrutinyreport.harvest.pack_yaml import recommendations, replace_recommendations
from scrutinyreport.harvest.restore import recorded_figures, restore
from scrutinyreport.word.blocks import BULLET, HEADING, NUMBER, PARAGRAPH, TABLE, Block, Span
from scrutinyreport.word.tracked_changes import W, list_changes, resolve

REPO = Path(__file__).resolve().parents[2]

TRICKY = """\
# Title

A paragraph
over two lines.


- item one
- item two
  - nested

1. first
2. second

<!-- a comment -->

```
code
```

| a | b |
| --- | --- |
| 1 | 2 |

[ref]: https://example.org

Last line."""


@pytest.mark.parametrize("name", sorted(p.name for p in (REPO / "inputs" / "narrative").glob("*.md")))
def test_the_chunks_of_every_sample_file_join_back_exactly(name):
    text = (REPO / "inputs" / "narrative" / name).read_text(encoding="utf-8")
    assert join_chunks(split_chunks(text)) == text


def test_chunks_of_tricky_markdown():
    chunks = split_chunks(TRICKY + "\n")
    assert join_chunks(chunks) == TRICKY + "\n"
    bodies = [c.body for c in chunks]
    assert "- item two\n  - nested" in bodies and "2. second" in bodies and "<!-- a comment -->" in bodies
    assert join_chunks([c for c in chunks if c.body != "- item one"]).count("- item two\n  - nested\n\n1.") == 1


@pytest.mark.parametrize("text", [
    "Costs rose 5% * 2 [draft] a_b _c_ and \\ back`tick`",
    "1. not a list", "# not a heading", "- not a bullet", "+ plus", "> not a quote", "<b>not html</b>",
    "Two  spaces", "3) also not a list",
])
def test_reviewers_text_comes_back_as_written(text):
    block = Block(PARAGRAPH, (Span(text),))
    markdown, _ = chunk_markdown((block,))
    assert markdown_blocks(markdown) == [block]


def test_formatting_lists_and_tables_come_back_as_the_same_blocks():
    groups = [
        (Block(PARAGRAPH, (Span("Plain "), Span("bold", bold=True), Span(" and "), Span("both", True, True),
                           Span(" and "), Span("a link", href="https://example.org/a_(b)"), Span(".")),),),
        (Block(HEADING, (Span("Heading "), Span("italic", italic=True)), 2),),
        (Block(NUMBER, (Span("First line\nsecond line"),), 1),
         Block(BULLET, (Span("nested"),), 2)),
        (Block(TABLE, rows=((((Span("Col | one"),)), (Span("Two", bold=True),)),
                            ((Span("1"),), (Span("2"),)))),),
    ]
    for group in groups:
        markdown, _ = chunk_markdown(group, 3)
        assert markdown_blocks(markdown) == list(group), markdown


def test_a_figure_left_alone_is_restored_and_one_typed_over_is_named():
    source = "Reablement: {{ x.latest }} against {{ x.target }}, {{ x.rag }}."
    figures, old = recorded_figures(source, ["82.8%", "78.0%", "Green"], markdown_blocks)
    assert old == "Reablement: 82.8% against 78.0%, Green."
    new = "Reablement: over four in five against 78.0%, Green (provisional)."
    kept, typed_over, replaced_by = restore(figures, old, new)
    assert [f.expression for f in typed_over] == ["{{ x.latest }}"] and replaced_by == ["over four in five"]
    markdown, applied = chunk_markdown((Block(PARAGRAPH, (Span(new),)),), substitutions=kept)
    assert markdown == "Reablement: over four in five against {{ x.target }}, {{ x.rag }} (provisional)."
    assert applied == set(kept)


def test_a_figure_split_by_a_formatting_change_is_not_restored():
    block = Block(PARAGRAPH, (Span("At 8"), Span("2.8%", bold=True)))
    markdown, applied = chunk_markdown((block,), substitutions=[Substitution(3, 8, "{{ x }}")])
    assert not applied and "{{" not in markdown


def _body(xml: str):
    return etree.fromstring(f'<w:body xmlns:w="{W}">{xml}</w:body>')


def _text(body) -> list[str]:
    return ["".join(t.text or "" for t in p.iter(f"{{{W}}}t")) for p in body.iter(f"{{{W}}}p")]


CHANGED = (
    '<w:p><w:r><w:t>Kept </w:t></w:r><w:ins w:author="A" w:date="2026-10-01T00:00:00Z"><w:r><w:t>added </w:t>'
    '</w:r></w:ins><w:del w:author="B"><w:r><w:delText>removed </w:delText></w:r></w:del>'
    '<w:r><w:rPr><w:b/><w:rPrChange w:author="C"><w:rPr/></w:rPrChange></w:rPr><w:t>end</w:t></w:r></w:p>'
    '<w:p><w:pPr><w:pStyle w:val="Heading1"/><w:pPrChange w:author="C"><w:pPr><w:pStyle w:val="BodyText"/>'
    '</w:pPr></w:pPrChange></w:pPr><w:r><w:t>Restyled</w:t></w:r></w:p>')


def test_tracked_changes_are_listed_accepted_and_rejected():
    changes = list_changes(_body(CHANGED))
    assert [(c.kind, c.author) for c in changes] == [("insertion", "A"), ("deletion", "B"), ("formatting", "C"),
                                                     ("formatting", "C")]
    accepted = _body(CHANGED)
    resolve(accepted, "accept")
    assert _text(accepted) == ["Kept added end", "Restyled"]
    assert accepted.find(f".//{{{W}}}b") is not None
    rejected = _body(CHANGED)
    resolve(rejected, "reject")
    assert _text(rejected) == ["Kept removed end", "Restyled"]
    assert rejected.find(f".//{{{W}}}b") is None
    assert rejected.find(f".//{{{W}}}pStyle").get(f"{{{W}}}val") == "BodyText"


def test_merge_takes_each_sides_changes_and_reports_a_clash():
    base = ["a", "b", "c", "d"]
    merged, conflicts = merge(base, ["a", "B", "c", "d"], ["a", "b", "c", "D", "e"])
    assert merged == ["a", "B", "c", "D", "e"] and not conflicts
    merged, conflicts = merge(base, ["a", "B1", "c", "d"], ["a", "B2", "c", "d"])
    assert conflicts == [(["b"], ["B1"], ["B2"])]
    merged, conflicts = merge(base, ["a", "B", "c", "d"], ["a", "b", "d"])      # edit beside a deletion
    assert merged == ["a", "B", "d"] and not conflicts


def test_pack_yaml_keeps_every_other_line():
    text = ("# a comment\ncouncil: X\nrecommendations:\n  - >-\n    Keep this one,\n    folded.\n"
            "  - Drop this one.\n# trailing comment\nauthor: Y\n")
    result = replace_recommendations(text, ["Keep this one, folded.", "A new one: with {{ counts.red }} # hash"])
    assert result.startswith("# a comment\ncouncil: X\nrecommendations:\n  - >-\n    Keep this one,\n    folded.\n")
    assert result.endswith("# trailing comment\nauthor: Y\n")
    assert recommendations(result) == ["Keep this one, folded.", "A new one: with {{ counts.red }} # hash"]
    assert recommendations(replace_recommendations("council: X\n", ["One."])) == ["One."]


def test_csv_commentary_rewrites_only_its_row():
    text = ('indicator_id,value,commentary\r\na,"1,200",\r\nb,5,"Old, quoted\r\nover two lines"\r\nc,7,x\r\n')
    result = replace_commentary(text, "monthly/2026-09.csv", {"b": 'New "text"'})
    assert result == 'indicator_id,value,commentary\r\na,"1,200",\r\nb,5,"New ""text"""\r\nc,7,x\r\n'
    with pytest.raises(HarvestError, match="no row for z"):
        replace_commentary(text, "monthly/2026-09.csv", {"z": "text"})
    with pytest.raises(HarvestError, match="line 1: expected indicator_id and commentary columns"):
        replace_commentary("indicator_id,value\na,1\n", "monthly/2026-09.csv", {"a": "text"})
