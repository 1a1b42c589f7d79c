"""The review report: the reviewers' comments (never dropped), the tracked changes and what the harvest
did, as Markdown printed and written beside the inputs (review/NAME-comments.md)."""

from __future__ import annotations

from ..word.reader import Comment
from ..word.tracked_changes import TrackedChange


def _quote(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return (text if len(text) <= limit else text[:limit - 1] + "…").replace("“", '"').replace("”", '"')


def review_report(document: str, comments: list[Comment], changes: list[TrackedChange], mode: str,
                  written: list[str], warnings: list[str]) -> str:
    lines = [f"# Review of {document}", ""]
    lines += [f"## Comments ({len(comments)})", ""]
    if not comments:
        lines.append("No comments.")
    for comment in comments:
        when = comment.date[:16].replace("T", " ") if comment.date else "no date"
        where = comment.section or "the title block"
        lines.append(f"- **{comment.author or 'Unknown'}**, {when}, in “{where}”: {_quote(comment.text)}")
        if comment.anchored:
            lines.append(f"  - on the text: “{_quote(comment.anchored)}”")
    lines.append("")
    verb = {"accept": "accepted", "reject": "rejected", "stop": "pending"}[mode]
    lines += [f"## Tracked changes ({len(changes)}, {verb})", ""]
    if not changes:
        lines.append("No tracked changes.")
    for change in changes:
        when = change.date[:16].replace("T", " ") if change.date else "no date"
        lines.append(f"- {change.kind} by {change.author or 'Unknown'}, {when}: “{_quote(change.text, 120)}”")
    lines.append("")
    lines += ["## Harvested into the inputs", ""]
    lines += [f"- {path}" for path in written] or ["Nothing changed."]
    lines.append("")
    if warnings:
        lines += ["## Warnings", ""] + [f"- {warning}" for warning in warnings] + [""]
    return "\n".join(lines)
