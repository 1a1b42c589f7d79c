"""The regional summary's content as printed: rows of formatted cells and plain sentences, built from the
regional analysis and nothing else (the Word writing only places them)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..analysis.rag import Rag
from ..content.charts import SCORE_SCALE
from ..content.regional_return import rating_method
from ..formatting import Printer
from ..model import Polarity
from .analysis import Measure, RegionalAnalysis, Spread
from .topics import group_by_theme

DEFAULT_TITLE = "Regional summary of adult social care self-assessments"
NOT_SCORED = "Not scored"
MAX_SCORE_COLUMNS = 5          # score columns (2.5 cm: "Exceptional" in bold unbroken) beside the label column
LABEL_CM = 4.6
TEXT_WIDTH_CM = 17.0


def score_words(score: int) -> str:
    """3 -> 'Good standard' (the words of the self-assessment chart's scale)."""
    return dict(SCORE_SCALE)[score].replace("\n", " ")


def score_cell_text(score: int | None) -> str:
    """'3' over 'Good standard' (a line break between); 'Not scored'."""
    return NOT_SCORED if score is None else f"{score}\n{score_words(score)}"


def join_names(names: list[str] | tuple[str, ...]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    names = list(names)
    if len(names) < 2:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def councils_word(count: int, printer: Printer) -> str:
    return f"{printer.number(count)} council" + ("" if count == 1 else "s")


@dataclass(frozen=True)
class ScoreCell:
    text: str
    score: int | None = None          # shades the cell; None for labels and 'Not scored'


@dataclass(frozen=True)
class ScoreTable:
    lead: str
    header: list[str]
    rows: list[list[ScoreCell]]
    widths_cm: list[float]


@dataclass(frozen=True)
class MeasureSection:
    heading: str
    lead: str
    header: list[str]
    rows: list[list[str]]
    rags: list[Rag]
    notes: list[str]
    figure: str
    caption: str


@dataclass(frozen=True)
class RegionalContent:
    title: str
    subtitle: str
    period_label: str
    about: list[str]
    reading: list[str]
    score_tables: list[ScoreTable]
    rating_header: list[str]
    rating_rows: list[list[str]]
    rating_method: str
    spread_header: list[str]
    spread_rows: list[list[str]]
    risks: list[tuple[str, list[tuple[str, str]]]]
    innovations: list[tuple[str, list[tuple[str, str]]]]
    measures_lead: str
    measures: list[MeasureSection]


def measure_figure_name(measure: Measure) -> str:
    """'ascof-2a-1' for ASCOF 2A(1)."""
    safe = "".join(ch.lower() if ch.isalnum() else "-" for ch in measure.code).strip("-")
    return "ascof-" + "-".join(part for part in safe.split("-") if part)


# ------------------------------------------------------------------------------------------------ scores

def _score_tables(analysis: RegionalAnalysis) -> list[ScoreTable]:
    """Councils as rows and statements as columns when the statements fit the page; otherwise statements as
    rows and councils as columns, in as many tables (of even size) as the councils need."""
    councils, statements = analysis.councils, analysis.statements

    def cell(council: str, statement_id: str) -> ScoreCell:
        score = analysis.scores.get((council, statement_id))
        return ScoreCell(score_cell_text(score), score)

    if len(statements) <= MAX_SCORE_COLUMNS:
        widths = [LABEL_CM] + [(TEXT_WIDTH_CM - LABEL_CM) / max(1, len(statements))] * len(statements)
        rows = [[ScoreCell(c)] + [cell(c, s.id) for s in statements] for c in councils]
        return [ScoreTable("Each council's score for each quality statement:", ["Council"] +
                           [s.name for s in statements], rows, widths)]
    tables = []
    size = math.ceil(len(councils) / math.ceil(len(councils) / MAX_SCORE_COLUMNS))    # tables of even size
    groups = [councils[i:i + size] for i in range(0, len(councils), size)]
    for number, group in enumerate(groups, start=1):
        widths = [LABEL_CM] + [(TEXT_WIDTH_CM - LABEL_CM) / MAX_SCORE_COLUMNS] * len(group)
        rows = [[ScoreCell(s.name)] + [cell(c, s.id) for c in group] for s in statements]
        lead = "Each council's score for each quality statement"
        if len(groups) > 1:
            lead += f" ({join_names(group)}; table {number} of {len(groups)})"
        tables.append(ScoreTable(lead + ":", ["Quality statement"] + list(group), rows, widths))
    return tables


def _rating_rows(analysis: RegionalAnalysis, printer: Printer) -> list[list[str]]:
    rows = []
    for council in analysis.councils:
        rating = analysis.ratings[council]
        scored = sum(1 for s in analysis.statements if (council, s.id) in analysis.scores)
        if rating is None:
            rows.append([council, "0", "No scores", "No scores", "No rating"])
            continue
        rows.append([council, printer.number(scored),
                     f"{printer.number(rating.total)} of {printer.number(rating.maximum)}",
                     f"{printer.number(rating.percentage)}%", rating.rating])
    return rows


def _ends(score: int | None, councils: tuple[str, ...], everyone: int) -> str:
    if score is None:
        return "No scores"
    who = "all councils" if len(councils) == everyone and everyone > 1 else join_names(councils)
    return f"{score}: {who}"


def _spread_rows(analysis: RegionalAnalysis, printer: Printer) -> list[list[str]]:
    rows = []
    for spread in analysis.spreads:
        scored = sum(spread.counts.values())
        rows.append([spread.statement.name, *(printer.number(spread.counts[s]) for s in (1, 2, 3, 4)),
                     "No scores" if spread.mean is None else printer.number(spread.mean, 1),
                     _ends(spread.highest, spread.at_highest, scored), _ends(spread.lowest, spread.at_lowest, scored)])
    return rows


# ------------------------------------------------------------------------------------------------ reading

def _statement_phrase(spread: Spread, printer: Printer) -> str:
    good = sum(n for score, n in spread.counts.items() if score >= 3)
    scored = sum(spread.counts.values())
    return (f"{spread.statement.name} (average score {printer.number(spread.mean or 0, 1)}; "
            f"{printer.number(good)} of {councils_word(scored, printer)} scored 3 or 4)")


def _end_phrase(spreads: list[Spread], printer: Printer) -> str:
    """One or two statements with their figures; more than two share an average, said once."""
    if len(spreads) <= 2:
        return join_names([_statement_phrase(s, printer) for s in spreads])
    return (f"{printer.number(len(spreads))} statements that share an average score of "
            f"{printer.number(spreads[0].mean or 0, 1)}: " + join_names([s.statement.name for s in spreads]))


def _reading(analysis: RegionalAnalysis, printer: Printer) -> list[str]:
    """Where the region is strongest and weakest, the ratings, and the shared measures, in plain sentences."""
    sentences = []
    spreads = [s for s in analysis.spreads if s.mean is not None]
    if spreads:
        means = sorted({round(s.mean or 0, 6) for s in spreads})
        if len(means) == 1:
            sentences.append(f"Every quality statement has the same average score, "
                             f"{printer.number(means[0], 1)}.")
        else:
            top = [s for s in spreads if round(s.mean or 0, 6) == means[-1]]
            bottom = [s for s in spreads if round(s.mean or 0, 6) == means[0]]
            sentences.append(f"The region is strongest on {_end_phrase(top, printer)}.")
            sentences.append(f"It is weakest on {_end_phrase(bottom, printer)}.")
    rated = [r for r in analysis.ratings.values() if r is not None]
    if rated:
        counts: dict[str, int] = {}
        for rating in rated:
            counts[rating.rating] = counts.get(rating.rating, 0) + 1
        order = ["Outstanding", "Good", "Requires improvement", "Inadequate"]
        parts = [f"{printer.number(counts[name])} {name}" for name in order if name in counts]
        sentences.append(f"Of the {councils_word(len(rated), printer)}, the scores give an indicative rating of "
                         f"{join_names(parts)}.")
    if analysis.measures:
        sentences.append(f"The councils share {printer.number(len(analysis.measures))} ASCOF "
                         f"measure{'' if len(analysis.measures) == 1 else 's'}, compared at the end of this summary.")
    return sentences


def _about(analysis: RegionalAnalysis, anonymised: bool, printer: Printer) -> list[str]:
    count = len(analysis.returns)
    usual = printer.month(analysis.usual_period)
    paragraphs = [
        f"This summary brings together the adult social care self-assessments that {councils_word(count, printer)} "
        "sent to the region for the sector-led improvement programme of the Association of Directors of Adult "
        "Social Services (ADASS). Each council scored itself on the Care Quality Commission's (CQC's) scale of "
        "1 to 4 for each quality statement, where 1 means the evidence shows significant shortfalls and 4 "
        "means it shows an exceptional standard. The scores are the councils' own, not CQC's judgement."]
    others = [found for found in analysis.returns if found.period != analysis.usual_period]
    if others:
        listed = join_names([f"{found.council} ({printer.month(found.period)})" for found in others])
        paragraphs.append(f"Most returns are for {usual}; the returns of {listed} are for another month.")
    else:
        paragraphs.append(f"All the returns are for {usual}.")
    if anonymised:
        paragraphs.append("Councils are named by letter, in the order of their indicative ratings, so that "
                          "this paper can be shared beyond the region.")
    return paragraphs


# ------------------------------------------------------------------------------------------------ measures

def _measure_section(measure: Measure, analysis: RegionalAnalysis, printer: Printer) -> MeasureSection:
    unit, decimals = measure.unit, measure.decimals
    median = printer.describe(measure.median, unit, decimals)
    which = {Polarity.HIGHER_IS_BETTER: " Higher is better.", Polarity.LOWER_IS_BETTER: " Lower is better."}
    reporting = [c for c, _ in measure.figures]
    lead = (f"{councils_word(len(reporting), printer)} report this measure. The region's median is {median}"
            + (f" ({measure.usual_label}{' for most councils' if measure.other_period else ''})."
               if measure.median is not None else ".")
            + which.get(measure.polarity, ""))
    rows, rags = [], []
    for council, figure in measure.figures:
        rows.append([council, figure.value_text, figure.period_label, figure.target_text, figure.rag])
        rags.append(Rag(figure.rag))
    notes = []
    if measure.other_period:
        listed = join_names([f"{c} ({i.period_label})" for c, i in measure.figures if c in measure.other_period])
        notes.append(f"Figures for another period than the others' ({measure.usual_label}): {listed}. Compare "
                     "them with care.")
    missing = [c for c in analysis.councils if c not in reporting]
    if missing:
        notes.append(f"Not reported by {join_names(missing)}.")
    return MeasureSection(
        heading=f"ASCOF {measure.code}: {measure.title}", lead=lead,
        header=["Council", "Figure", "Period", "Target", "RAG"], rows=rows, rags=rags, notes=notes,
        figure=measure_figure_name(measure),
        caption=f"ASCOF {measure.code}, each council's latest figure and the region's median")


def regional_content(analysis: RegionalAnalysis, printer: Printer, title: str = DEFAULT_TITLE,
                     anonymised: bool = False) -> RegionalContent:
    """Everything the summary prints, formatted."""
    themes = analysis.themes
    risks = [(found.council, text) for found in analysis.returns for text in found.risks]
    innovations = [(found.council, text) for found in analysis.returns for text in found.innovations]
    usual = printer.month(analysis.usual_period)
    return RegionalContent(
        title=title,
        subtitle=f"Self-assessment returns of {councils_word(len(analysis.returns), printer)}, {usual}.",
        period_label=usual,
        about=_about(analysis, anonymised, printer),
        reading=_reading(analysis, printer),
        score_tables=_score_tables(analysis),
        rating_header=["Council", "Statements scored", "Total", "Share of maximum", "Indicative rating"],
        rating_rows=_rating_rows(analysis, printer),
        rating_method=rating_method(printer),
        spread_header=["Quality statement", "1", "2", "3", "4", "Average", "Highest", "Lowest"],
        spread_rows=_spread_rows(analysis, printer),
        risks=group_by_theme(risks, themes),
        innovations=group_by_theme(innovations, themes),
        measures_lead=("Every council in England reports the same national measures, the Adult Social Care "
                       "Outcomes Framework (ASCOF). These are the measures that two or more councils' returns "
                       "share, each council at its latest figure, with the region's median (the middle figure)."),
        measures=[_measure_section(m, analysis, printer) for m in analysis.measures])
