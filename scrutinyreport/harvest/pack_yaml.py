"""The recommendations block of pack.yaml replaced line by line: every other line of the file, comments
included, stays byte for byte, and so does each recommendation that did not change."""

from __future__ import annotations

import re
import textwrap

import yaml

KEY = re.compile(r"^recommendations\s*:")
WIDTH = 100


def recommendations(text: str) -> list[str]:
    """The recommendations as pack.yaml gives them (as the loader reads them: stripped)."""
    data = yaml.safe_load(text) or {}
    items = data.get("recommendations") if isinstance(data, dict) else None
    return [str(item).strip() for item in items or [] if item is not None]


EXPRESSION = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
KEEP = "\x00"   # a space inside a live figure while folding: a line never breaks inside {{ }}


def _item_lines(text: str) -> str:
    if not text:
        return '  - ""\n'
    held = EXPRESSION.sub(lambda found: found.group().replace(" ", KEEP), text)
    wrapped = textwrap.wrap(held, WIDTH - 4, break_long_words=False, break_on_hyphens=False)
    return "  - >-\n" + "".join(f"    {line.replace(KEEP, ' ')}\n" for line in wrapped)


def _block_items(lines: list[str]) -> list[list[str]]:
    """The block's lines grouped by sequence item."""
    indent = next((len(line) - len(line.lstrip(" ")) for line in lines if line.lstrip(" ").startswith("-")), None)
    items: list[list[str]] = []
    for line in lines:
        if indent is not None and line[:indent].strip() == "" and line[indent:].startswith("-"):
            items.append([line])
        elif items:
            items[-1].append(line)
    return items


def replace_recommendations(text: str, new: list[str]) -> str:
    """pack.yaml with its recommendations replaced by ``new``; checked by reading the result back."""
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if KEY.match(line)), None)
    if start is None:
        before, block, after = lines, [], []
        if before and not before[-1].endswith("\n"):
            before[-1] += "\n"
        old_items: list[str] = []
    else:
        end = start + 1
        while end < len(lines) and (not lines[end].strip() or lines[end][0] in " \t-"):
            end += 1
        while end > start + 1 and not lines[end - 1].strip():
            end -= 1
        before, block, after = lines[:start], lines[start + 1:end], lines[end:]
        old_items = recommendations(text)
    kept = dict(zip(old_items, ["".join(item) for item in _block_items(block)])) \
        if len(_block_items(block)) == len(old_items) else {}
    body = "".join(kept.get(item) or _item_lines(item) for item in new)
    heading = "recommendations:\n" if new else "recommendations: []\n"
    result = "".join(before) + heading + body + "".join(after)
    if recommendations(result) != new:
        raise ValueError("the recommendations could not be written back into pack.yaml exactly")
    return result
