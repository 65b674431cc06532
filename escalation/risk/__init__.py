"""Deterministic risk screen: ``screen(text, history) -> Assessment`` (docs/INTERFACES.md).

Pure Python (standard library, PyYAML, pyahocorasick); the lexicons in ``lexicons/`` are loaded
once, on first use. Import is free of I/O.
"""
from .engine import screen
from .lexicon import versions
from .model import LEVELS, Assessment, Evidence, level_rank

__all__ = ["LEVELS", "level_rank", "Evidence", "Assessment", "screen", "versions", "warm_up"]


def warm_up() -> dict:
    """Load the lexicons, build the automaton and the normalisation tables, and run one screen, so
    that the first real message does not pay for it (~0.5 s). Call it once at service start-up.
    Idempotent and cheap after the first call. Returns the lexicon versions."""
    from .normalise import _keys

    _keys()
    screen("warm up 预热")
    return versions()
