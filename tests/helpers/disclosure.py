"""Solving published tables for their hidden cells: what a reader could work out from what is shown."""

from __future__ import annotations


def _feasible(assignment: dict[str, int], hidden: dict[str, tuple[int, int]],
              equations: list[tuple[list[str], int]]) -> dict[str, int] | None:
    """A whole-number solution extending ``assignment`` (equations with one unknown left are solved for it;
    otherwise the unknown with the narrowest range is tried value by value), or None."""
    assignment = dict(assignment)
    changed = True
    while changed:
        changed = False
        for cells, total in equations:
            unknown = [c for c in cells if c not in assignment]
            rest = total - sum(assignment[c] for c in cells if c in assignment)
            if not unknown and rest != 0:
                return None
            if len(unknown) == 1:
                low, high = hidden[unknown[0]]
                if not low <= rest <= high:
                    return None
                assignment[unknown[0]] = rest
                changed = True
    free = [n for n in hidden if n not in assignment]
    if not free:
        return assignment
    name = min(free, key=lambda n: hidden[n][1] - hidden[n][0])
    for value in range(hidden[name][0], hidden[name][1] + 1):
        found = _feasible({**assignment, name: value}, hidden, equations)
        if found is not None:
            return found
    return None


def possible_values(name: str, hidden: dict[str, tuple[int, int]], equations: list[tuple[list[str], int]]) -> set[int]:
    """Every value the hidden cell ``name`` can take in a whole-number solution of the published equations,
    each hidden cell within its (low, high) range: what a reader could work out about it."""
    low, high = hidden[name]
    return {v for v in range(low, high + 1) if _feasible({name: v}, hidden, equations) is not None}
