"""The default framework: CQC's assessment of local authorities' adult social care duties (themes, quality
statements, the score scale and the rating bands). A self-assessment file may rename any of these."""

from __future__ import annotations

THEMES: dict[str, tuple[str, ...]] = {
    "Working with people": ("assessing_needs", "supporting_independence", "equity_in_experience"),
    "Providing support": ("care_provision", "partnerships"),
    "How the local authority ensures safety within the system": ("safe_pathways", "safeguarding"),
    "Leadership": ("governance", "learning"),
}

STATEMENT_NAMES: dict[str, str] = {
    "assessing_needs": "Assessing needs",
    "supporting_independence": "Supporting people to lead healthier lives",
    "equity_in_experience": "Equity in experience and outcomes",
    "care_provision": "Care provision, integration and continuity",
    "partnerships": "Partnerships and communities",
    "safe_pathways": "Safe pathways, systems and transitions",
    "safeguarding": "Safeguarding",
    "governance": "Governance, management and sustainability",
    "learning": "Learning, improvement and innovation",
}

STATEMENT_THEMES: dict[str, str] = {sid: theme for theme, ids in THEMES.items() for sid in ids}

SCORE_MEANINGS: dict[int, str] = {
    1: "Evidence shows significant shortfalls",
    2: "Evidence shows some shortfalls",
    3: "Evidence shows a good standard",
    4: "Evidence shows an exceptional standard",
}

# Scores as a share of the maximum: the lowest percentage of each rating band.
RATING_BANDS: tuple[tuple[float, str], ...] = (
    (88, "Outstanding"), (63, "Good"), (39, "Requires improvement"), (25, "Inadequate"),
)
