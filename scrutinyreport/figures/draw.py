"""Drawing a pack's figures fast: each spec cached by a hash of its data and style, the rest drawn in a small
process pool.

``draw_figures`` takes chart specs and icons (``content.charts``: plain data with a stable name) and
returns ``{name: RenderedFigure}``, reusing ``<key>.figure`` files (the words and the PNG) from the cache
folder and drawing only what is missing. The same spec and style give the same key and the same bytes.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import hashlib
import json
import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from ..content.charts import BarChart, Figure, Icon, LineChart
from ..files import atomic_write
from . import style
from .bar_picture import draw_bar_chart
from .icons import draw_icon
from .line_picture import draw_line_chart
from .rendered import RenderedFigure
from .workers import start_worker, stop_pool

STYLE_VERSION = style.STYLE_VERSION
POOL_MINIMUM = 4   # fewer charts than this are drawn in this process (a pool costs more than it saves)


def draw(figure: Figure) -> RenderedFigure:
    """One spec drawn as a picture."""
    if isinstance(figure, LineChart):
        return draw_line_chart(figure)
    if isinstance(figure, BarChart):
        return draw_bar_chart(figure)
    return draw_icon(figure)


def _cost(figure: Figure) -> int:
    """Rough relative cost, to hand the slowest figures out first."""
    if isinstance(figure, LineChart):
        return 5 if figure.spc else 4
    return 3


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
    """sha256 of the code that decides a figure's bytes (the figures package), so a change to a chart's
    drawing redraws it even if nobody remembered to bump STYLE_VERSION. The words are in the spec itself."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(package.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def figure_key(figure: Figure) -> str:
    """sha256 of the spec and everything in the style that decides its bytes."""
    payload = json.dumps([STYLE_VERSION, list(style.style_key()), drawing_code_digest(), _plain(figure)],
                         sort_keys=True, ensure_ascii=True, separators=(",", ":"))
    return hashlib.sha256(payload.encode("ascii")).hexdigest()


# ---------------------------------------------------------------- drawing and the cache

CACHE_SUFFIX = ".figure"   # one file a figure: a line of JSON (the words, and the picture's hash), then the PNG


def _read_cached(cache_dir: Path, item: Figure, key: str) -> RenderedFigure | None:
    try:
        header, _, data = (cache_dir / f"{key}{CACHE_SUFFIX}").read_bytes().partition(b"\n")
        words = json.loads(header)
        if hashlib.sha256(data).hexdigest() != words.get("png_sha256"):
            return None
        return RenderedFigure(name=item.name, png=data, alt_text=words["alt_text"],
                              description=words["description"], width_cm=float(words["width_cm"]))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None   # missing, damaged or from another version: drawn again


def _write_cached(cache_dir: Path, key: str, figure: RenderedFigure) -> None:
    """The words (with the picture's hash, which vouches for it) and the picture in one file, written whole:
    one file to open for each figure of a rebuild, and a reader never sees half a figure."""
    words = {"name": figure.name, "alt_text": figure.alt_text, "description": figure.description,
             "width_cm": figure.width_cm, "png_sha256": hashlib.sha256(figure.png).hexdigest()}
    header = json.dumps(words, ensure_ascii=True, separators=(",", ":")).encode("ascii")   # one line
    atomic_write(cache_dir / f"{key}{CACHE_SUFFIX}", header + b"\n" + figure.png)


def _draw_one(item: Figure) -> RenderedFigure:
    try:
        return draw(item)
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


def draw_figures(figures: Sequence[Figure], cache_dir: Path | None = None,
                 processes: int = 2) -> dict[str, RenderedFigure]:
    """Draw (or reuse from ``cache_dir``) every figure; returns them by name in the order given."""
    names = [f.name for f in figures]
    if len(set(names)) != len(names):
        raise ValueError("two figures would share a name; indicator ids must differ after making them safe")
    done: dict[str, RenderedFigure] = {}
    todo: list[tuple[Figure, str]] = []
    if cache_dir is not None:
        cache_dir = Path(cache_dir)
        cache_dir.mkdir(parents=True, exist_ok=True)
    for item in figures:
        key = figure_key(item) if cache_dir is not None else ""
        cached = _read_cached(cache_dir, item, key) if cache_dir is not None else None
        if cached is not None:
            done[item.name] = cached
        else:
            todo.append((item, key))
    drawn: dict[str, RenderedFigure] = {}
    if todo:
        _warm_up()
        for item, _ in todo:   # an icon is drawn once per kind and then reused: here, not once in each worker
            if isinstance(item, Icon):
                drawn[item.name] = _draw_one(item)
        charts = [item for item, _ in todo if not isinstance(item, Icon)]
        if processes > 1 and len(charts) >= POOL_MINIMUM:
            ordered = sorted(charts, key=lambda f: -_cost(f))  # slowest first balances the workers
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
            for item, key in todo:
                _write_cached(cache_dir, key, drawn[item.name])
    done.update(drawn)
    return {item.name: done[item.name] for item in figures}
