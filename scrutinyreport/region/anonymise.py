"""Council names replaced by letters ("Council A", "Council B" ...) for papers shared beyond the region.

Done to the returns before anything else reads them, so the document, the CSVs and the charts all say the
same letter. The letters follow the indicative ratings (highest share of the maximum score first, ties by a
hash of the name), not the alphabet, so a letter does not give a name away. Mentions of a council's name in
its lists and indicator titles ("Care homes in Fenmoor ...") are replaced too, both the full name and the
place name without "City Council", "County Council" and the like. Letters hide names, not figures: a reader
who knows the councils' published ASCOF figures may still recognise one.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import replace

from .returns import CouncilReturn

PREFIXES = ("London Borough of ", "Royal Borough of ", "City and County of ", "City of ", "County of ")
SUFFIXES = (" Metropolitan Borough Council", " Metropolitan District Council", " Borough Council",
            " County Council", " City Council", " District Council", " Council")


def letter(index: int) -> str:
    """0 -> 'A', 25 -> 'Z', 26 -> 'AA'."""
    text = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        text = chr(ord("A") + remainder) + text
    return text


def place_name(council: str) -> str:
    """'Fenmoor City Council' -> 'Fenmoor'; 'London Borough of Oxley' -> 'Oxley'."""
    name = council
    for prefix in PREFIXES:
        if name.lower().startswith(prefix.lower()):
            name = name[len(prefix):]
            break
    for suffix in SUFFIXES:
        if name.lower().endswith(suffix.lower()) and len(name) > len(suffix):
            name = name[:-len(suffix)]
            break
    return name.strip()


def _order(found: CouncilReturn) -> tuple[float, str]:
    rating = found.rating()
    share = rating.percentage if rating else -1
    return -share, hashlib.sha256(found.council.casefold().encode("utf-8")).hexdigest()


def aliases(returns: list[CouncilReturn]) -> dict[str, str]:
    """Council name -> 'Council A' ..., in the order of the indicative ratings."""
    return {found.council: f"Council {letter(index)}"
            for index, found in enumerate(sorted(returns, key=_order))}


def _scrubber(names: dict[str, str]) -> Callable[[str], str]:
    """A function that replaces every council's full and place name in a text by its letter."""
    pairs = []
    for council, alias in names.items():
        pairs.append((council, alias))
        place = place_name(council)
        if place and place != council:
            pairs.append((place, alias))
    pairs.sort(key=lambda pair: -len(pair[0]))       # 'Fenmoor City Council' before 'Fenmoor'
    if not pairs:
        return lambda text: text
    by_lower = {name.lower(): alias for name, alias in pairs}
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(name) for name, _ in pairs) + r")\b", re.IGNORECASE)
    return lambda text: pattern.sub(lambda match: by_lower[match.group(0).lower()], text)


def anonymise(returns: list[CouncilReturn]) -> list[CouncilReturn]:
    """The returns with every council name replaced by its letter, ordered by letter."""
    names = aliases(returns)
    scrub = _scrubber(names)
    anonymous = [replace(found, council=names[found.council], source=names[found.council],
                         risks=tuple(scrub(t) for t in found.risks),
                         innovations=tuple(scrub(t) for t in found.innovations),
                         indicators=tuple(replace(i, title=scrub(i.title)) for i in found.indicators))
                 for found in returns]
    return sorted(anonymous, key=lambda found: (len(found.council), found.council))
