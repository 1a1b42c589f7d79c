"""scrutinyreport: a council's monthly adult social care performance data into a scrutiny committee's Word pack.

    from scrutinyreport import load_inputs, analyse, build_pack

    pack = load_inputs("inputs")          # or from_frames(indicators=..., observations=..., settings=...)
    analysis = analyse(pack)              # every result, worked out once
    analysis.to_frame()                   # one row per indicator, as a pandas DataFrame
    build_pack(analysis).write("out")     # the documents, figures and return, written to out/<period>/
"""

import logging

from .analysis import Analysis, IndicatorAnalysis, analyse
from .errors import InputError
from .loading import load_inputs
from .loading.frames import from_frames
from .model import Indicator, Observation, PackData, Period, Polarity, Unit
from .pack.build import Pack, build_pack
from .pack.validate import validate_inputs
from .version import __version__

# Progress (INFO) and warnings (WARNING) are logged under "scrutinyreport"; shown once the program configures
# logging (logging.basicConfig(level=logging.INFO)), and never printed on their own, as a library's should not be.
logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = ["Analysis", "IndicatorAnalysis", "InputError", "Indicator", "Observation", "Pack", "PackData", "Period",
           "Polarity", "Unit", "analyse", "build_pack", "from_frames", "load_inputs", "validate_inputs", "__version__"]
