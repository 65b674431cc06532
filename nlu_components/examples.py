"""Read the examples of Rasa NLU YAML files (``nlu: - intent: X / examples: | - text``).

PyYAML and the standard library only, so both environments can use it: the FAQ selector (Rasa venv)
reads its question bank with it, and scripts/train_risk_net.py (service venv) its everyday messages.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable, Iterator, Tuple

import yaml

_ANNOTATION = re.compile(r"\[([^\]]*)\]\([^)]*\)")   # "[text](entity)" -> "text"


def nlu_examples(paths: Iterable[Path]) -> Iterator[Tuple[str, str]]:
    """(example text, intent) for every example of every file, in file order; entity annotations
    are reduced to their text."""
    for path in paths:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        for block in data.get("nlu") or []:
            intent = str(block.get("intent") or "")
            if not intent:
                continue
            for line in str(block.get("examples", "")).splitlines():
                line = line.strip()
                if line.startswith("- ") and line[2:].strip():
                    yield _ANNOTATION.sub(r"\1", line[2:].strip()), intent
