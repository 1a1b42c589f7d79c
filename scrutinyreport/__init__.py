"""scrutinyreport: a council's monthly adult social care performance data into a scrutiny committee's Word pack.

    from scrutinyreport import load_inputs, analyse, build_pack

    pack = load_inputs("inputs")          # or PackData.from_frames(...)
    analysis = analyse(pack)              # every result, worked out once
    analysis.to_frame()                   # one row per indicator, as a pandas DataFrame
    build_pack(analysis).write("out")     # the documents, figures and return, written to out/<period>/
"""

__version__ = "0.1.0"

from .analysis import Analysis, IndicatorAnalysis, analyse  # noqa: E402
from .built_pack import Pack, build_pack  # noqa: E402
from .loading import InputError, load_inputs, validate_inputs  # noqa: E402
from .model import Indicator, Observation, PackData, Period, Polarity, Unit  # noqa: E402

__all__ = ["Analysis", "IndicatorAnalysis", "InputError", "Indicator", "Observation", "Pack", "PackData", "Period",
           "Polarity", "Unit", "analyse", "build_pack", "load_inputs", "validate_inputs", "__version__"]
