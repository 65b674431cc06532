"""Content shared by the service and the action server: help lines and safety replies.

Data lives in ``content/`` (both languages side by side); this module only reads and formats it.
Standard library + PyYAML, importable from both Python environments.
"""
from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Any

import yaml

CONTENT_DIR = Path(os.environ.get("QINGXIN_CONTENT_DIR", Path(__file__).resolve().parent.parent / "content"))
LANGUAGES = ("zh", "en")
_SEP = {"zh": "；", "en": "; "}


def _lang(lang: str | None) -> str:
    return lang if lang in LANGUAGES else "zh"


@functools.lru_cache(maxsize=None)
def _load(relative: str) -> dict[str, Any]:
    with open(CONTENT_DIR / relative, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def region(name: str = "default") -> dict[str, Any]:
    """The help-line data of one region (``content/regions/<name>.yml``)."""
    if not name.replace("-", "").replace("_", "").isalnum():
        raise ValueError(f"bad region name {name!r}")
    return _load(f"regions/{name}.yml")


def _entries(entries: list[dict[str, Any]], lang: str) -> list[str]:
    return [f"{entry['number']}（{entry['name']['zh']}）" if lang == "zh"
            else f"{entry['number']} ({entry['name']['en']})" for entry in entries]


def hotlines(lang: str | None = "zh", region_name: str = "default") -> list[str]:
    """Hotlines as short display strings, e.g. ``12355 (youth hotline ...)``."""
    lang = _lang(lang)
    return _entries(region(region_name)["hotlines"], lang)


def emergency(lang: str | None = "zh", region_name: str = "default") -> list[str]:
    lang = _lang(lang)
    return _entries(region(region_name)["emergency"], lang)


def _fill(template: str, lang: str, region_name: str) -> str:
    sep = _SEP[lang]
    return template.format(hotlines=sep.join(hotlines(lang, region_name)),
                           emergency=sep.join(emergency(lang, region_name)))


def safety_reply(level: str, lang: str | None = "zh", region_name: str = "default") -> str:
    """The safety reply for a risk level (medium, high, imminent); emergency numbers first at imminent."""
    lang = _lang(lang)
    texts = _load("safety.yml")
    if level not in ("medium", "high", "imminent"):
        raise ValueError(f"no safety reply for level {level!r}")
    return _fill(texts[level][lang], lang, region_name)


def fallback_reply(lang: str | None = "zh", region_name: str = "default") -> str:
    """The short apology used when Rasa is unreachable; it still names the help line."""
    lang = _lang(lang)
    return _fill(_load("safety.yml")["fallback"][lang], lang, region_name)


def all_numbers(region_name: str = "default") -> set[str]:
    data = region(region_name)
    return {entry["number"] for entry in data["hotlines"] + data["emergency"]}
