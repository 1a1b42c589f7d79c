"""Grouping the councils' top risks and innovations by the framework's themes, from the words they use.

The returns do not tag their ADASS lists with a theme, so each line goes under the CQC theme whose subjects
it mentions most (the first of them on a tie), or under "Other" when it mentions none. The word lists are
short and plain so that a reader can see why a line sits where it does.
"""

from __future__ import annotations

OTHER = "Other"

# Lower-case word stems per CQC theme (the default framework's theme names).
THEME_WORDS: dict[str, tuple[str, ...]] = {
    "Working with people": (
        "assess", "waiting", "review", "prevent", "early help", "early intervention", "reablement", "independen",
        "carer", "equity", "equalit", "inequalit", "wellbeing", "direct payment", "technology", "advice",
        "front door", "strengths-based", "personalis"),
    "Providing support": (
        "market", "provider", "home care", "homecare", "care home", "residential", "nursing", "capacity",
        "partnership", "integrat", "voluntary", "housing", "commission", "health", "continuity"),
    "How the local authority ensures safety within the system": (
        "safeguard", "hospital", "discharge", "transition", "safety", "deprivation of liberty", "dols",
        "pathway"),
    "Leadership": (
        "workforce", "recruit", "retention", "retain", "staff", "agency", "social worker", "budget", "financ",
        "funding", "cost", "demand", "governance", "leadership", "learning", "improvement", "data", "digital"),
}


def theme_of(text: str, themes: list[str] | None = None) -> str:
    """The theme a line of text belongs to (themes: the order to prefer on a tie; the default framework's)."""
    lowered = text.lower()
    order = [theme for theme in (themes or list(THEME_WORDS)) if theme in THEME_WORDS]
    order += [theme for theme in THEME_WORDS if theme not in order]
    best, hits = OTHER, 0
    for theme in order:
        found = sum(1 for word in THEME_WORDS[theme] if word in lowered)
        if found > hits:
            best, hits = theme, found
    return best


def group_by_theme(items: list[tuple[str, str]],
                   themes: list[str] | None = None) -> list[tuple[str, list[tuple[str, str]]]]:
    """(council, text) lines grouped as [(theme, lines)], themes in framework order then Other, lines in the
    order given; themes with no lines are left out."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for council, text in items:
        groups.setdefault(theme_of(text, themes), []).append((council, text))
    order = [theme for theme in (themes or []) if theme in groups]
    order += [theme for theme in THEME_WORDS if theme in groups and theme not in order]
    if OTHER in groups:
        order.append(OTHER)
    return [(theme, groups[theme]) for theme in order]
