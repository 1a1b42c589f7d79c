"""scrutinyreport: a council's monthly adult social care performance data into a scrutiny committee's Word pack."""

from .loading import InputError, load_inputs, validate_inputs
from .model import Indicator, Observation, PackData, Period, Polarity, Unit

__all__ = ["InputError", "Indicator", "Observation", "PackData", "Period", "Polarity", "Unit", "load_inputs",
           "validate_inputs"]
__version__ = "0.1.0"
