"""Language of a message: "zh", "en" or None (no letters and no Han characters)."""
from __future__ import annotations

import re
import unicodedata

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")
_LATIN = re.compile(r"[a-z]")
_PINYIN_HINT = re.compile(
    r"\b(?:wo|ni|ta|bu|xiang|zisha|tiaolou|huo|le|de|shi|mei|hen|hao|ma|ba|zai|zhe|na|jiu)\b")


def detect_language(text: str) -> "str | None":
    """Han characters (Simplified or Traditional) make a message Chinese, even mixed with a few
    English words ("我好emo"); Latin letters alone make it English; otherwise None ("👍", "123").
    Pinyin-only messages ("wo bu xiang huo le") are recognised as Chinese when most words are
    common pinyin syllables."""
    if not text:
        return None
    t = unicodedata.normalize("NFKC", text).lower()
    han = len(_HAN.findall(t))
    latin = len(_LATIN.findall(t))
    if han == 0 and latin == 0:
        return None
    if han and han * 3 >= latin / 4:
        return "zh"
    if han == 0:
        words = re.findall(r"[a-z]+", t)
        if len(words) >= 3 and sum(1 for w in words if _PINYIN_HINT.fullmatch(w)) * 2 > len(words):
            return "zh"
    return "en" if latin else "zh"
