"""Breakdown chart for the public summary: spend by category or people by client group, two years side by
side as horizontal bars (GOV.UK guidance prefers bars to pies), every bar labelled."""

from __future__ import annotations

from collections.abc import Sequence

from ..content.alt_text import amount_text, amounts_by_year, breakdown_text
from ..model import Amount
from . import _layout, fit, style
from .rendered import RenderedFigure

KINDS = ("money", "people")
GROUP_CM = 1.05
LABEL_PAD_CM = 6 * 2.54 / 72 + 0.25   # the tick labels' pad and a margin at the figure's left edge


def latest_years(amounts: Sequence[Amount], count: int = 2) -> list[str]:
    """The last ``count`` years present, oldest first ('2024/25' sorts before '2025/26')."""
    return sorted({a.year for a in amounts})[-count:]


def breakdown_chart(amounts: Sequence[Amount], title: str, kind: str = "money", locale: str = "en_GB",
                    years: Sequence[str] | None = None, name: str | None = None,
                    width_cm: float = style.PORTRAIT_WIDTH_CM, by: str = "",
                    withheld: tuple[tuple[str, str, str], ...] = (), largest_first: bool = True,
                    measure: str = "", total_texts: tuple[str, ...] = ()) -> RenderedFigure:
    """Bars for the two latest years in ``amounts`` (or the given years), categories largest first by the
    later year; values printed as £m (kind 'money') or counts (kind 'people'). ``by`` names the breakdown in
    the alt text ('by age group'); ``withheld`` gives (category, year, text) for figures not published
    (disclosure control), printed as that text where the bar would be. ``largest_first`` False keeps the
    categories in the order given (age groups); ``measure`` replaces 'Spending, £ million' in the subtitle;
    ``total_texts`` are the totals as published, one per year, for the alt text (rounded figures need not add
    up to them)."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    years = list(years) if years is not None else latest_years(amounts)
    notes = {(category, year): text for category, year, text in withheld}
    rows = [(category, [None if (category, year) in notes else value for year, value in zip(years, values)])
            for category, values in amounts_by_year(amounts, years)]
    if largest_first:
        rows.sort(key=lambda row: (-(row[1][-1] if row[1][-1] is not None else float("-inf")), row[0]))
    alt, description = breakdown_text(title, kind, years, rows, locale, by, notes, total_texts, largest_first)
    what = measure or ("Spending, £ million" if kind == "money" else "Number of people")
    subtitle = f"{what}, {' and '.join(years)}." if years else f"{what}."

    labels_cm = 5.2
    categories = ["\n".join(_layout.wrap(category, labels_cm - LABEL_PAD_CM, style.LABEL_SIZE))
                  for category, _ in rows]
    group_cm = max([GROUP_CM, *(fit.text_size_cm(c, style.LABEL_SIZE)[1] + 0.25 for c in categories)])
    amount_texts = [amount_text(v, kind, locale) for _, vs in rows for v in vs if v is not None]
    right_cm = max(1.2, fit.widest_cm(amount_texts, style.SMALL_SIZE, "bold") + 4 * _layout.PT_CM + _layout.EDGE_CM)
    top = _layout.title_height(width_cm, title, subtitle) + 0.65
    height_cm = top + max(1, len(rows)) * group_cm + 0.25
    figure = style.new_figure(width_cm, height_cm)
    _layout.title_block(figure, width_cm, height_cm, title, subtitle)
    ax = _layout.place_axes(figure, width_cm, height_cm, labels_cm, right_cm, top, 0.15)
    _layout.clean_axes(ax, grid_axis="")
    for side in ("bottom", "top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_xticks([])
    colours = [style.EARLIER, style.HIGHLIGHT][-len(years):] if years else []
    bar = 0.8 / max(1, len(years))
    values = [v for _, vs in rows for v in vs if v is not None]
    high = max([0.0, *values]) or 1.0
    ax.set_xlim(0, high * 1.02)
    ax.set_ylim(-0.5, max(1, len(rows)) - 0.5)
    centres = list(range(len(rows)))[::-1]
    for (category, row_values), centre in zip(rows, centres):
        for j, (value, colour) in enumerate(zip(row_values, colours)):
            yy = centre + 0.4 - bar * (j + 0.5)
            if value is None:
                ax.text(0, yy, " " + notes.get((category, years[j]), "No data"), va="center", ha="left",
                        fontsize=style.SMALL_SIZE, color=style.SECONDARY_TEXT)
                continue
            ax.barh(yy, value, height=bar * 0.92, color=colour, zorder=2)
            ax.annotate(amount_text(value, kind, locale), xy=(value, yy), xytext=(4, 0), textcoords="offset points",
                        ha="left", va="center", fontsize=style.SMALL_SIZE, color=style.TEXT,
                        fontweight="bold" if j == len(years) - 1 else "normal", annotation_clip=False)
    ax.set_yticks(centres, categories)
    ax.tick_params(axis="y", length=0, pad=6, labelsize=style.LABEL_SIZE)
    if not rows:
        ax.set_yticks([])
        ax.text(0.5, 0.5, "No data", transform=ax.transAxes, ha="center", va="center", color=style.SECONDARY_TEXT)
    ax.axvline(0, color=style.MID_GREY, linewidth=0.8, zorder=3)
    _layout.key(figure, width_cm, height_cm, [({"patch": c}, y) for y, c in zip(years, colours)],
                x_cm=labels_cm - 0.15, y_cm=height_cm - top + 0.38, size=style.LABEL_SIZE)
    slug = "spend" if kind == "money" else "people"
    name = name or f"breakdown-{slug}"
    return RenderedFigure(name=name, png=style.to_png(figure, name), alt_text=alt, description=description,
                          width_cm=width_cm)
