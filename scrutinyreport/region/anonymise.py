"""Council names replaced by letters ("Council A", "Council B" ...) for papers shared beyond the region.

Done to the returns before anything else reads them, so the document, the CSVs and the charts all say the
same letter. The letters follow the indicative ratings (highest share of the maximum score first, ties by a
hash of the name), not the alphabet, so a letter does not give a name away.

The council field is replaced whole. In the texts (lists and indicator titles) a council's full name ("Fenmoor
City Council") is replaced only where it stands as the whole name, matched exactly (case and all); a place
name alone ("Reading", of Reading Borough Council) is never replaced, since it may be an ordinary word
("Reading ages"), and replacing it would corrupt the text and, by the pattern of what changed, give the
council away. Each text that still mentions a council's place name is a warning naming it, so that the
person preparing the summary can reword it. Letters hide names, not figures: a reader who knows the
councils' published ASCOF figures may still recognise one.
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


def _whole(names: list[str]) -> re.Pattern[str]:
    """Any of the names where it stands whole: not inside a longer word, exactly as written."""
    ordered = sorted(names, key=len, reverse=True)      # 'Fenmoor City Council' before 'Fenmoor Council'
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(name) for name in ordered) + r")(?!\w)")


def _scrubber(names: dict[str, str]) -> Callable[[str], str]:
    """A function that replaces every council's full name, where it stands whole, by its letter."""
    if not names:
        return lambda text: text
    pattern = _whole(list(names))
    return lambda text: pattern.sub(lambda match: names[match.group(0)], text)


def place_mentions(returns: list[CouncilReturn]) -> list[str]:
    """A warning for each anonymised text that still mentions a council's place name (never replaced: see the
    module's notes), naming the return, the text and the place."""
    places = {place: council for council in (found.council for found in returns)
              if (place := place_name(council)) and place != council}
    if not places:
        return []
    pattern = _whole(list(places))
    scrub = _scrubber(aliases(returns))
    warnings = []
    for found in returns:
        texts = [(f"adass.risks_and_challenges[{n}]", t) for n, t in enumerate(found.risks)]
        texts += [(f"adass.innovations_and_achievements[{n}]", t) for n, t in enumerate(found.innovations)]
        texts += [(f"indicators (the title of {i.id})", i.title) for i in found.indicators]
        for where, text in texts:
            for place in dict.fromkeys(pattern.findall(scrub(text))):
                warnings.append(f"warning: {found.source}: {where}: mentions {place!r}, the place in "
                                f"{places[place]!r}: left as written in the anonymised summary (a place name can "
                                "be an ordinary word); reword the text if it gives the council away")
    return warnings


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
