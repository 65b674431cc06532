"""Deterministic risk screen: ``screen(text, history) -> Assessment`` (docs/INTERFACES.md).

Pure Python (standard library, PyYAML, pyahocorasick); the lexicons in ``lexicons/`` are loaded
once, on first use. Import is free of I/O.
"""
from .engine import screen
from .lexicon import versions
from .model import LEVELS, Assessment, Evidence, level_rank

__all__ = ["LEVELS", "level_rank", "Evidence", "Assessment", "screen", "versions"]
