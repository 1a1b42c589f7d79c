"""The SPC icons as shipped pictures: each of the ten images depends only on its state, so they are drawn once
(by ``icons``, with matplotlib) and kept in ``icon_images/`` as package data. A pack of native charts reads
them from there and never imports matplotlib; a test checks that drawing them again gives the same bytes.

    python -m scrutinyreport.figures.icon_files FOLDER    (draws the ten into FOLDER, to refresh the shipped ones)
"""

from __future__ import annotations

import sys
from functools import cache
from importlib import resources
from pathlib import Path

from ..content.charts import Icon
from ..content.figure_plan import key_icons
from .rendered import RenderedFigure

FOLDER = "icon_images"


def file_name(icon: Icon) -> str:
    """'variation-concerning_high.png', 'assurance-hit_and_miss.png'."""
    return f"{icon.kind.value}-{icon.state}.png"


@cache
def _shipped(name: str) -> bytes:
    return resources.files(__package__).joinpath(FOLDER, name).read_bytes()


def icon_picture(icon: Icon) -> RenderedFigure:
    """The icon's shipped picture, with its alt text naming the indicator."""
    return RenderedFigure(name=icon.name, png=_shipped(file_name(icon)), alt_text=icon.alt_text,
                          description=icon.description, width_cm=icon.size_cm)


def draw_all(folder: Path) -> list[Path]:
    """Draw every icon state into ``folder`` (with matplotlib); returns the files written."""
    from .icons import draw_icon

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for icon in key_icons():
        assert isinstance(icon, Icon)
        path = folder / file_name(icon)
        path.write_bytes(draw_icon(icon).png)
        written.append(path)
    return written


if __name__ == "__main__":
    for written_path in draw_all(Path(sys.argv[1])):
        print(written_path)
