"""Pure analysis over the typed pack data: reporting periods, RAG, direction of travel, changes, statistical
process control and benchmarks, run once into an ``Analysis`` by ``analyse``."""

from .pack_analysis import Analysis, IndicatorAnalysis, analyse

__all__ = ["Analysis", "IndicatorAnalysis", "analyse"]
