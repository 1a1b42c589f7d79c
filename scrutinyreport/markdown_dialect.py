"""The Markdown the narrative is written in: CommonMark with pipe tables. One parser for the narrative's
checks (loading), its rendering (word) and its harvest, and the one check of what the report's numbering
cannot show as written."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt


def markdown_parser() -> MarkdownIt:
    """CommonMark with pipe tables, the dialect narrative files are written in."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table")


@lru_cache(maxsize=1)
def _block_parser() -> MarkdownIt:
    """The narrative's dialect, reading blocks only (headings and lists are all the check needs)."""
    return markdown_parser().disable("inline")


def flattened_markdown(markdown_text: str) -> list[tuple[int, str]]:
    """(line, what happens) for Markdown the report cannot show as written: headings deeper than ###, and
    lists nested more than two deep, are printed at the deepest level the numbering has."""
    found: list[tuple[int, str]] = []
    list_depth = 0
    for token in _block_parser().parse(markdown_text or ""):
        line = token.map[0] + 1 if token.map else 0
        if token.type == "heading_open" and int(token.tag[1:]) > 3:
            found.append((line, f"a level-{token.tag[1:]} heading is printed as a level-3 heading (like 4.2.3): "
                                "the report numbers three levels of heading"))
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            list_depth += 1
            if list_depth == 3:
                found.append((line, "a list nested three deep is printed at the second level"))
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            list_depth -= 1
    return found
