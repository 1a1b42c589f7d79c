"""Which figures a pack has, and drawing them fast: cached by a hash of their data and style, the rest drawn
in a small process pool.

``plan_figures`` turns pack data into picklable ``FigureRequest``s (plain data, a stable name, and a key);
``draw_figures`` returns ``{name: RenderedFigure}``, reusing ``<key>.figure`` files (the words and the PNG)
from the cache folder and drawing only what is missing. The same data and style give the same key and the same bytes.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import hashlib
import json
import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..analysis import Analysis
from ..content.figure_names import IndicatorFigure, indicator_figure, main_chart
from ..files import atomic_write
from . import style
from .breakdown import breakdown_chart
from .comparison import comparison_chart
from .icons import assurance_icon, variation_icon
from .rendered import RenderedFigure
from .self_assessment import self_assessment_chart
from .spc_chart import spc_chart
from .trend import trend_chart
from .workers import start_worker, stop_pool

STYLE_VERSION = style.STYLE_VERSION
POOL_MINIMUM = 4   # fewer charts than this are drawn in this process (a pool costs more than it saves)

_DRAWERS: dict[str, Callable[..., RenderedFigure]] = {
    "trend": trend_chart,
    "spc": spc_chart,
    "comparison": comparison_chart,
    "breakdown": breakdown_chart,
    "self_assessment": self_assessment_chart,
    "icon_variation": variation_icon,
    "icon_assurance": assurance_icon,
}
DRAWN_HERE = frozenset({"icon_variation", "icon_assurance"})   # a handful of distinct images, drawn in this process
# rough relative cost, to hand the slowest figures out first
_COST = {"spc": 5, "trend": 4, "self_assessment": 4, "comparison": 3, "breakdown": 3}


@dataclass(frozen=True)
class FigureRequest:
    """One figure to draw: ``kind`` names the chart function, ``args`` and ``kwargs`` are its plain data."""

    name: str
    kind: str
    args: tuple[Any, ...]
    kwargs: tuple[tuple[str, Any], ...]
    key: str

    def draw(self) -> RenderedFigure:
        return _DRAWERS[self.kind](*self.args, name=self.name, **dict(self.kwargs))


_FIELD_NAMES: dict[type, tuple[str, ...] | None] = {}


def _field_names(kind: type) -> tuple[str, ...] | None:
    """A dataclass's field names, in order; None for any other type."""
    if kind not in _FIELD_NAMES:
        _FIELD_NAMES[kind] = tuple(f.name for f in dataclasses.fields(kind)) \
            if dataclasses.is_dataclass(kind) else None
    return _FIELD_NAMES[kind]


def _plain(value: Any) -> Any:
    """A JSON-ready form of plain data, stable across runs (dataclasses by field, enums by value). The
    common exact types are tried first: a pack of 400 indicators makes over a thousand keys."""
    kind = type(value)
    if kind is float:
        return repr(value)
    if value is None or kind is str or kind is int or kind is bool:
        return value
    if kind is tuple or kind is list:
        return [_plain(v) for v in value]
    names = _field_names(kind)
    if names is not None:
        return {"__type__": kind.__name__, **{name: _plain(getattr(value, name)) for name in names}}
    return _plain_other(value)


def _plain_other(value: Any) -> Any:
    """The rarer values: enums, mappings and subclasses of the plain types (dataclasses never reach here)."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, float):
        return repr(value)
    if value is None or isinstance(value, (str, int, bool)):
        return value
    return repr(value)


@functools.cache
def drawing_code_digest() -> str:
    """sha256 of the code that decides a figure's bytes and words (the figures package, the alt text, SPC,
    formatting), so a change to a chart's code redraws it even if nobody remembered to bump STYLE_VERSION."""
    package = Path(__file__).resolve().parent
    root = package.parent
    files = sorted(package.glob("*.py")) + [root / "content" / "alt_text.py", root / "analysis" / "spc.py",
                                            root / "formatting.py"]
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def figure_key(kind: str, name: str, args: tuple[Any, ...], kwargs: tuple[Any, ...]) -> str:
    """sha256 of the figure's data and everything in the style that decides its bytes."""
    payload = json.dumps([STYLE_VERSION, list(style.style_key()), drawing_code_digest(), kind, name, _plain(args),
                          _plain(kwargs)],
                         sort_keys=True, ensure_ascii=True, separators=(",", ":"))
    return hashlib.sha256(payload.encode("ascii")).hexdigest()


def request(kind: str, name: str, *args: Any, **kwargs: Any) -> FigureRequest:
    frozen = tuple(sorted(kwargs.items()))
    return FigureRequest(name=name, kind=kind, args=args, kwargs=frozen, key=figure_key(kind, name, args, frozen))


def plan_figures(analysis: Analysis, chart_width_cm: float = style.PAIR_WIDTH_CM) -> list[FigureRequest]:
    """Every figure the pack has, in a stable order, from the analysis: for each indicator the dashboard charts
    (the exceptions, by default) one chart, SPC where there are enough points and a trend otherwise (drawn
    ``chart_width_cm`` wide: the dashboard places them in pairs); the SPC icons wherever the analysis gives
    readings for the latest figure; a comparison chart where the council does worse than England (the
    dashboard charts no other); the self-assessment chart when there are statements. (The Local Account
    plans its own charts, with small numbers protected.)"""
    pack = analysis.pack
    locale = pack.settings.locale
    requests: list[FigureRequest] = []
    width = {"width_cm": chart_width_cm, "height_cm": style.PAIR_HEIGHT_CM}
    charted = {item.indicator.id for item in analysis.charted}
    for item in analysis.indicators:
        indicator = item.indicator
        if indicator.id in charted:
            if main_chart(item.spc_result is not None) is IndicatorFigure.SPC and item.spc is not None:
                requests.append(request("spc", indicator_figure(IndicatorFigure.SPC, indicator.id),
                                        item.spc.indicator, item.spc.series, item.spc.result, locale, **width))
            else:
                requests.append(request("trend", indicator_figure(IndicatorFigure.TREND, indicator.id), indicator,
                                        item.trend, locale, **width))
        if item.variation is not None:
            requests.append(request("icon_variation", indicator_figure(IndicatorFigure.VARIATION_ICON, indicator.id),
                                    item.variation, indicator.title))
        if item.assurance is not None:
            requests.append(request("icon_assurance", indicator_figure(IndicatorFigure.ASSURANCE_ICON, indicator.id),
                                    item.assurance, indicator.title))
    for item in analysis.compared_charted:
        if item.benchmark is not None:
            requests.append(request("comparison", indicator_figure(IndicatorFigure.COMPARISON, item.indicator.id),
                                    item.indicator, item.benchmark, pack.settings.council, locale))
    if pack.self_assessment is not None and pack.self_assessment.statements:
        statements = tuple((s.theme, s.name, s.score) for s in pack.self_assessment.statements)
        requests.append(request("self_assessment", "self-assessment-scores", statements, locale))
    names = [r.name for r in requests]
    if len(set(names)) != len(names):
        raise ValueError("two figures would share a name; indicator ids must differ after making them safe")
    return requests


# ---------------------------------------------------------------- drawing and the cache

CACHE_SUFFIX = ".figure"   # one file a figure: a line of JSON (the words, and the picture's hash), then the PNG


def _read_cached(cache_dir: Path, item: FigureRequest) -> RenderedFigure | None:
    try:
        header, _, data = (cache_dir / f"{item.key}{CACHE_SUFFIX}").read_bytes().partition(b"\n")
        words = json.loads(header)
        if hashlib.sha256(data).hexdigest() != words.get("png_sha256"):
            return None
        return RenderedFigure(name=item.name, png=data, alt_text=words["alt_text"],
                              description=words["description"], width_cm=float(words["width_cm"]))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None   # missing, damaged or from another version: drawn again


def _write_cached(cache_dir: Path, item: FigureRequest, figure: RenderedFigure) -> None:
    """The words (with the picture's hash, which vouches for it) and the picture in one file, written whole:
    one file to open for each figure of a rebuild, and a reader never sees half a figure."""
    words = {"name": figure.name, "alt_text": figure.alt_text, "description": figure.description,
             "width_cm": figure.width_cm, "png_sha256": hashlib.sha256(figure.png).hexdigest()}
    header = json.dumps(words, ensure_ascii=True, separators=(",", ":")).encode("ascii")   # one line
    atomic_write(cache_dir / f"{item.key}{CACHE_SUFFIX}", header + b"\n" + figure.png)


def _draw_one(item: FigureRequest) -> RenderedFigure:
    try:
        return item.draw()
    except Exception as error:  # name the figure, keep the cause
        raise RuntimeError(f"could not draw figure {item.name!r}: {error}") from error


def _warm_up() -> None:
    """Load fonts and glyph caches once (before forking, so every worker inherits them)."""
    style.apply_style()
    figure = style.new_figure(2, 1)
    figure.text(0.1, 0.5, "Warm 0123456789 %£,.", fontsize=style.LABEL_SIZE)
    figure.text(0.1, 0.2, "Warm", fontsize=style.LABEL_SIZE, fontweight="bold")
    figure.canvas.draw()


def _context() -> multiprocessing.context.BaseContext:
    """The start method the program chose (multiprocessing.set_start_method), if it chose one; else 'fork'
    where the platform has it (workers start in milliseconds with matplotlib already imported and fonts
    loaded); elsewhere the platform default (spawn on Windows)."""
    chosen = multiprocessing.get_start_method(allow_none=True)
    if chosen is not None:
        return multiprocessing.get_context(chosen)
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else None)


def draw_figures(requests: Sequence[FigureRequest], cache_dir: Path | None = None,
                 processes: int = 2) -> dict[str, RenderedFigure]:
    """Draw (or reuse from ``cache_dir``) every requested figure; returns them by name in request order."""
    done: dict[str, RenderedFigure] = {}
    todo: list[FigureRequest] = []
    if cache_dir is not None:
        cache_dir = Path(cache_dir)
        cache_dir.mkdir(parents=True, exist_ok=True)
    for item in requests:
        cached = _read_cached(cache_dir, item) if cache_dir is not None else None
        if cached is not None:
            done[item.name] = cached
        else:
            todo.append(item)
    drawn: dict[str, RenderedFigure] = {}
    if todo:
        _warm_up()
        for item in todo:   # an icon is drawn once per kind and then reused: here, not once in each worker
            if item.kind in DRAWN_HERE:
                drawn[item.name] = _draw_one(item)
        charts = [item for item in todo if item.kind not in DRAWN_HERE]
        if processes > 1 and len(charts) >= POOL_MINIMUM:
            ordered = sorted(charts, key=lambda r: -_COST.get(r.kind, 3))  # slowest first balances the workers
            pool = ProcessPoolExecutor(max_workers=processes, mp_context=_context(), initializer=start_worker,
                                       initargs=(os.getpid(),))
            try:
                for item, figure in zip(ordered, pool.map(_draw_one, ordered, chunksize=1)):
                    drawn[item.name] = figure
            except BaseException:
                stop_pool(pool)   # a failure or Ctrl-C: no worker goes on drawing
                raise
            pool.shutdown()
        else:
            for item in charts:
                drawn[item.name] = _draw_one(item)
        if cache_dir is not None:
            for item in todo:
                _write_cached(cache_dir, item, drawn[item.name])
    done.update(drawn)
    return {item.name: done[item.name] for item in requests}
