"""scrutinyreport: a council's monthly adult social care performance data into a scrutiny committee's Word pack.

    from scrutinyreport import load_inputs, analyse, build_pack

    pack = load_inputs("inputs")          # or from_frames(indicators=..., observations=..., settings=...)
    analysis = analyse(pack)              # every result, worked out once
    analysis.to_frame()                   # one row per indicator, as a pandas DataFrame
    build_pack(analysis).write("out")     # the documents, figures and return, written to out/<period>/

The names below are imported on first use, so a command that needs little (a rerun with nothing to do)
does not import the whole package.
"""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING, Any

from .version import __version__

if TYPE_CHECKING:
    from .analysis import Analysis, IndicatorAnalysis, analyse
    from .errors import InputError
    from .loading import load_inputs
    from .loading.frames import from_frames
    from .model import Indicator, Observation, PackData, Period, Polarity, Unit
    from .pack.build import Pack, build_pack
    from .pack.validate import validate_inputs

_EXPORTS = {"Analysis": ".analysis", "IndicatorAnalysis": ".analysis", "analyse": ".analysis",
            "InputError": ".errors", "load_inputs": ".loading", "from_frames": ".loading.frames",
            "Indicator": ".model", "Observation": ".model", "PackData": ".model", "Period": ".model",
            "Polarity": ".model", "Unit": ".model", "Pack": ".pack.build", "build_pack": ".pack.build",
            "validate_inputs": ".pack.validate"}

# Progress (INFO) and warnings (WARNING) are logged under "scrutinyreport"; shown once the program configures
# logging (logging.basicConfig(level=logging.INFO)), and never printed on their own, as a library's should not be.
logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = ["Analysis", "IndicatorAnalysis", "InputError", "Indicator", "Observation", "Pack", "PackData", "Period",
           "Polarity", "Unit", "analyse", "build_pack", "from_frames", "load_inputs", "validate_inputs", "__version__"]


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(_EXPORTS[name], __name__), name)
