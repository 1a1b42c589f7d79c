"""The review report: the reviewers' comments (never dropped), the tracked changes and what the harvest
did, as Markdown printed and written beside the inputs (review/NAME-comments.md)."""

from __future__ import annotations

from ..word.reader import Comment
from ..word.tracked_changes import TrackedChange


def _quote(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return (text if len(text) <= limit else text[:limit - 1] + "…").replace("“", '"').replace("”", '"')


def _comment_line(comment: Comment, indent: str, reply: bool) -> list[str]:
    when = comment.date[:16].replace("T", " ") if comment.date else "no date"
    who = f"**{comment.author or 'Unknown'}**, {when}"
    if reply:
        return [f"{indent}- reply by {who}: {_quote(comment.text)}"]
    where = comment.section or "the title block"
    place = f" ({comment.where})" if comment.where else ""
    lines = [f"{indent}- {who}, in “{where}”{place}: {_quote(comment.text)}"]
    if comment.anchored:
        lines.append(f"{indent}  - on the text: “{_quote(comment.anchored)}”")
    return lines


def _change_line(change: TrackedChange) -> str:
    when = change.date[:16].replace("T", " ") if change.date else "no date"
    who = f"{change.author or 'Unknown'}, {when}"
    if change.kind == "move":
        places = (f" from {change.moved_from}" if change.moved_from else "") + \
            (f" to {change.where}" if change.where else "")
        return f"- moved by {who}{places}: “{_quote(change.text, 120)}”"
    place = f", in {change.where}" if change.where else ""
    return f"- {change.kind} by {who}{place}: “{_quote(change.text, 120)}”"


def review_report(document: str, comments: list[Comment], changes: list[TrackedChange], mode: str,
                  written: list[str], warnings: list[str]) -> str:
    """The report: each comment with its replies threaded under it, each tracked change (a move once, from
    where to where) with the section's number as Word shows it and its paragraph's first words, the files
    written and the warnings."""
    lines = [f"# Review of {document}", ""]
    lines += [f"## Comments ({len(comments)})", ""]
    if not comments:
        lines.append("No comments.")
    ids = {comment.id for comment in comments}
    replies: dict[str, list[Comment]] = {}
    for comment in comments:
        if comment.parent in ids and comment.parent != comment.id:
            replies.setdefault(comment.parent or "", []).append(comment)

    def thread(comment: Comment, depth: int, seen: set[str]) -> None:
        seen.add(comment.id)
        lines.extend(_comment_line(comment, "  " * depth, depth > 0))
        for reply in replies.get(comment.id, []):
            if reply.id not in seen:
                thread(reply, depth + 1, seen)

    shown: set[str] = set()
    for comment in comments:
        if comment.id not in shown and not (comment.parent in ids and comment.parent != comment.id):
            thread(comment, 0, shown)
    for comment in comments:            # replies whose thread loops back on itself
        if comment.id not in shown:
            thread(comment, 0, shown)
    lines.append("")
    verb = {"accept": "accepted", "reject": "rejected", "stop": "pending"}[mode]
    lines += [f"## Tracked changes ({len(changes)}, {verb})", ""]
    if not changes:
        lines.append("No tracked changes.")
    lines += [_change_line(change) for change in changes]
    lines.append("")
    lines += ["## Harvested into the inputs", ""]
    lines += [f"- {path}" for path in written] or ["Nothing changed."]
    lines.append("")
    if warnings:
        lines += ["## Warnings", ""] + [f"- {warning}" for warning in warnings] + [""]
    return "\n".join(lines)
