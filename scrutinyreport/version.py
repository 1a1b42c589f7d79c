"""The version of scrutinyreport, recorded in every manifest (kept apart so any layer may read it)."""

__version__ = "0.1.0"
