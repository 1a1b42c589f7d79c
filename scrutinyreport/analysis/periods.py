"""Reporting periods as councils report them: months, financial quarters and financial years.

An indicator's own period is identified by its last month, the month whose file holds its figure: a month
for a monthly indicator, June, September, December or March for a quarterly one (financial quarters, Q1 is
April to June), March for an annual one (the financial year April to March).
"""

from __future__ import annotations

from ..model import Frequency, Period, ReportingPeriod, is_period_end

__all__ = ["ReportingPeriod", "is_period_end", "last_complete", "periods_between"]


def last_complete(frequency: Frequency, month: Period) -> ReportingPeriod:
    """The latest period of this frequency that has ended by the end of ``month``: the period a report for
    ``month`` expects a figure for (September 2026: the month itself, Q2 2026/27, or 2025/26)."""
    end = month
    while not is_period_end(frequency, end):
        end = end.shift(-1)
    return ReportingPeriod(end, frequency)


def periods_between(first: Period, last: Period, frequency: Frequency) -> list[ReportingPeriod]:
    """Every period of this frequency that ends within ``first`` to ``last``, oldest first."""
    if last < first:
        return []
    found: list[ReportingPeriod] = []
    current = last_complete(frequency, last)
    while current.end >= first:
        found.append(current)
        current = current.shift(-1)
    return found[::-1]
