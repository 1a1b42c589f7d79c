"""The region's side: the councils' self-assessment returns brought together into a regional summary
(regional-summary.docx) with regional-scores.csv and regional-indicators.csv beside it.

Flow: returns (read and checked, each against its own schema version) -> checks across returns ->
optional anonymising -> regional analysis -> charts -> document content -> Word -> the output folder.
"""

from .build import RegionOptions, RegionResult, build_region, load_returns

__all__ = ["RegionOptions", "RegionResult", "build_region", "load_returns"]
