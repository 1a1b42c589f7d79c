"""No text is ever cut off: charts with very long titles, long council names and large values keep every text
artist inside the image, in Liberation Sans, even when matplotlib's font cache predates the font."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from matplotlib.text import Text

from helpers.charts import COUNCIL, TITLE, long_charts
from scrutinyreport.figures import fit, style

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def captured(monkeypatch):
    """The matplotlib figures the chart functions draw, kept for measuring."""
    figures = []
    real = style.to_png

    def keep(figure, name, *args, **kwargs):
        figures.append(figure)
        return real(figure, name, *args, **kwargs)

    monkeypatch.setattr(style, "to_png", keep)
    return figures


def test_the_long_cases_are_as_long_as_the_issue_says():
    assert len(TITLE) == 120 and len(COUNCIL) == 40


@pytest.mark.parametrize("kind, draw", long_charts(), ids=[kind for kind, _ in long_charts()])
def test_every_text_artist_lies_inside_the_figure(captured, kind, draw):
    rendered = draw()
    figure = captured[-1]
    renderer = figure.canvas.get_renderer()
    width, height = figure.bbox.width, figure.bbox.height
    texts = [t for t in figure.findobj(Text) if t.get_visible() and t.get_text().strip()]
    assert any(t.get_text().replace("\n", " ").startswith(TITLE[:40]) for t in texts)   # the whole title is there
    joined = " ".join(t.get_text().replace("\n", " ") for t in texts)
    assert " ".join(TITLE.split()) in " ".join(joined.split())
    if kind.startswith("comparison"):
        assert " ".join(COUNCIL.split()) in " ".join(joined.split())
    # everything drawn (tick labels of ticks in view included) lies inside the canvas
    tight = figure.get_tightbbox(renderer)
    assert tight.x0 >= 0 and tight.y0 >= 0 and tight.x1 <= figure.get_figwidth() and tight.y1 <= figure.get_figheight()
    for text in fit.drawn_texts(figure):
        box = text.get_window_extent(renderer)
        assert box.x0 >= 0 and box.y0 >= 0 and box.x1 <= width and box.y1 <= height, text.get_text()
    # and the image has no ink at its edge
    assert fit.edge_ink(rendered.png) == {}


def test_text_past_the_edge_fails_the_figure_by_name():
    figure = style.new_figure(5, 3)
    figure.text(0.9, 0.5, "This label runs off the right of the image", fontsize=style.LABEL_SIZE)
    with pytest.raises(fit.TextOutsideFigureError, match=r"figure 'trend-x'.*right"):
        style.to_png(figure, "trend-x")
    inside = style.new_figure(5, 3)
    inside.text(0.05, 0.5, "Fits", fontsize=style.LABEL_SIZE)
    assert style.to_png(inside, "fits").startswith(b"\x89PNG")


def test_wrapping_follows_the_drawn_width():
    lines = fit.wrap(TITLE, 6.0, style.TITLE_SIZE, "bold")
    assert len(lines) > 1 and " ".join(lines) == TITLE
    assert all(fit.text_width_cm(line, style.TITLE_SIZE, "bold") <= 6.0 for line in lines)
    # each line is as full as it can be: the next word would not have fitted
    for line, following in zip(lines, lines[1:]):
        assert fit.text_width_cm(f"{line} {following.split()[0]}", style.TITLE_SIZE, "bold") > 6.0
    # wide letters take more room than narrow ones of the same count (no character counting)
    assert len(fit.wrap("W" * 40, 4.0, 10)) > len(fit.wrap("i" * 40, 4.0, 10))
    assert "".join(fit.wrap("x" * 200, 3.0, 10)) == "x" * 200


def test_the_figures_font_is_the_liberation_sans_shipped_in_the_package():
    assert style.font_family() == "Liberation Sans"
    regular, bold = style.font_files()
    assert Path(regular).name == "LiberationSans-Regular.ttf" and Path(bold).name == "LiberationSans-Bold.ttf"
    package = Path(style.__file__).parent / "fonts"
    assert Path(regular).parent == package and Path(bold).parent == package
    assert "SIL OPEN FONT LICENSE Version 1.1" in (package / "OFL.txt").read_text(encoding="utf-8")
    from matplotlib import font_manager
    used = font_manager.findfont(font_manager.FontProperties(family=style.FONT_FAMILY), fallback_to_default=False)
    assert os.path.samefile(used, regular)


def test_a_missing_font_file_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setattr(style, "FONT_FOLDER", str(tmp_path))
    with pytest.raises(style.FontMissingError, match="Liberation Sans.*missing from this installation.*again"):
        style.font_files.__wrapped__()
    (tmp_path / "LiberationSans-Regular.ttf").write_bytes(b"not a font")
    with pytest.raises(style.FontMissingError, match="LiberationSans-Regular.ttf"):
        style.font_files.__wrapped__()


STALE_CACHE = textwrap.dedent("""
    import json, os, matplotlib
    from matplotlib import font_manager
    manager = font_manager.fontManager
    manager.ttflist = [entry for entry in manager.ttflist if "Liberation" not in entry.name]
    path = os.path.join(matplotlib.get_cachedir(), f"fontlist-v{font_manager.FontManager.__version__}.json")
    font_manager.json_dump(manager, path)
    print(path)
""")

DRAW = textwrap.dedent("""
    import hashlib, json
    from matplotlib import font_manager
    before = font_manager.findfont(font_manager.FontProperties(family="Liberation Sans"))
    from helpers.charts import long_charts
    from scrutinyreport.figures import style
    out = {"before": before, "family": style.font_family(), "files": list(style.font_files()), "charts": {}}
    for kind, draw in long_charts():
        out["charts"][kind] = draw().png.hex()
    print(json.dumps(out))
""")


def test_a_stale_font_cache_still_gives_uncut_charts_in_liberation_sans(tmp_path):
    environment = {**os.environ, "MPLCONFIGDIR": str(tmp_path)}
    cache = subprocess.run([sys.executable, "-c", STALE_CACHE], env=environment, capture_output=True, text=True,
                           check=True, cwd=ROOT).stdout.strip()
    assert not [f for f in json.loads(Path(cache).read_text())["ttflist"] if "Liberation" in f["name"]]
    paths = [str(ROOT), str(ROOT / "tests"), os.environ.get("PYTHONPATH", "")]   # the package and the helpers
    environment["PYTHONPATH"] = os.pathsep.join(filter(None, paths))
    result = subprocess.run([sys.executable, "-c", DRAW], env=environment, capture_output=True, text=True,
                            check=True, cwd=ROOT)
    drawn = json.loads(result.stdout)
    assert "Liberation" not in Path(drawn["before"]).name   # the stale cache alone would draw another font
    assert drawn["family"] == "Liberation Sans"
    assert [Path(f).name for f in drawn["files"]] == ["LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"]
    here = {kind: draw().png for kind, draw in long_charts()}
    for kind, png in drawn["charts"].items():
        png = bytes.fromhex(png)
        assert fit.edge_ink(png) == {}, kind
        assert png == here[kind], f"{kind} differs from the same chart drawn with a current font cache"
