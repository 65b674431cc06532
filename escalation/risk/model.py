"""Value types of the risk screen (see docs/INTERFACES.md)."""
from __future__ import annotations

from dataclasses import dataclass

LEVELS = ("none", "low", "medium", "high", "imminent")
_RANK = {name: i for i, name in enumerate(LEVELS)}

CATEGORIES = (
    "attempt_in_progress",
    "farewell",
    "suicide_plan_or_means",
    "method_seeking",
    "suicidal_ideation",
    "self_harm",
    "sexual_violence",
    "abuse",
    "violence_to_others",
    "third_party",
    "hopelessness",
    "bullying",
    "distress",
    # raised by the n-gram net (ngram.py), not by a lexicon rule: the wording resembles crisis messages
    "crisis_language",
)


def level_rank(level: str) -> int:
    """"none" -> 0 ... "imminent" -> 4. Raises ValueError for an unknown level."""
    try:
        return _RANK[level]
    except KeyError:
        raise ValueError(f"unknown risk level {level!r}; expected one of {LEVELS}") from None


@dataclass(frozen=True)
class Evidence:
    term: str       # the lexicon term or pattern that matched (normalised form)
    start: int      # offsets into the ORIGINAL text: text[start:end] is the matched span
    end: int
    category: str
    weight: float

    def to_dict(self) -> dict:
        return {"term": self.term, "start": self.start, "end": self.end,
                "category": self.category, "weight": self.weight}


@dataclass(frozen=True)
class Assessment:
    level: str
    categories: tuple = ()
    evidence: tuple = ()

    def to_dict(self) -> dict:
        return {"level": self.level, "categories": list(self.categories),
                "evidence": [e.to_dict() for e in self.evidence]}
