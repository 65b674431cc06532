"""The Telegram channel's texts (``content/telegram.yml``), filled with help lines from the region file."""
from __future__ import annotations

import functools
from typing import Any

import yaml

from escalation import content

LANGUAGES = ("zh", "en")
_SEP = {"zh": "；", "en": "; "}


@functools.lru_cache(maxsize=None)
def _texts() -> dict[str, Any]:
    with open(content.CONTENT_DIR / "telegram.yml", encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def language_from_code(code: str | None) -> str | None:
    """Telegram's ``language_code`` (IETF tag) → "zh" | "en" | None (unknown or absent)."""
    if not code:
        return None
    return "zh" if code.lower().startswith("zh") else "en"


def lang(value: str | None) -> str:
    return value if value in LANGUAGES else "zh"


def text(key: str, language: str | None, region: str = "default", **values: Any) -> str:
    """One text in ``language`` with ``{hotlines}``/``{emergency}`` and the given values filled in."""
    language = lang(language)
    template = _texts()[key][language]
    return template.format(hotlines=_SEP[language].join(content.hotlines(language, region)),
                           emergency=_SEP[language].join(content.emergency(language, region)), **values)


def commands(language: str) -> list[tuple[str, str]]:
    """The command menu as (command, description) pairs."""
    return [(name, descriptions[lang(language)]) for name, descriptions in _texts()["commands"].items()]
