"""Pure helpers: splitting long answers at Telegram's limit, and button payloads as callback data."""
from __future__ import annotations

import collections
import hashlib

MAX_MESSAGE = 4096          # Telegram counts UTF-16 code units
MAX_CALLBACK_DATA = 64      # bytes
SENTENCE_ENDS = "。！？!?.\n"
INTERNAL_PREFIX = "qx:"     # callback data of the channel's own buttons (language, erasure, long payloads)


def _units(ch: str) -> int:
    return 2 if ord(ch) > 0xFFFF else 1


def split_text(text: str, limit: int = MAX_MESSAGE) -> list[str]:
    """Split ``text`` into parts of at most ``limit`` UTF-16 units, after a newline or else a sentence end
    (。！？.!?) when there is one in the second half of the window, else after a space, else hard.
    Whitespace at the cuts is dropped (Telegram trims it anyway); no other character is lost."""
    parts: list[str] = []
    rest = text
    while rest:
        units = 0
        end = 0
        for i, ch in enumerate(rest):
            if units + _units(ch) > limit:
                break
            units += _units(ch)
            end = i + 1
        if end == len(rest):
            parts.append(rest.rstrip("\n ") or rest)
            break
        window = rest[:end]
        cut = window.rfind("\n")  # a paragraph break first, then any sentence end
        if cut < end // 2:
            cut = max(window.rfind(c) for c in SENTENCE_ENDS)
        if cut < end // 2:
            space = window.rfind(" ")
            cut = space if space >= end // 2 else end - 1
        piece, rest = window[:cut + 1], rest[cut + 1:]
        if piece.strip():
            parts.append(piece.rstrip("\n ") or piece)
        rest = rest.lstrip("\n ") if rest.strip() else ""
    return parts or [text]


class CallbackPayloads:
    """Rasa button payloads as callback data: as is when it fits in 64 bytes, otherwise a short
    hashed key remembered here (bounded; a forgotten key tells the user the button expired)."""

    def __init__(self, capacity: int = 10_000) -> None:
        self._long: collections.OrderedDict[str, str] = collections.OrderedDict()
        self._capacity = capacity

    def data_for(self, payload: str) -> str:
        if len(payload.encode()) <= MAX_CALLBACK_DATA and not payload.startswith(INTERNAL_PREFIX):
            return payload
        key = INTERNAL_PREFIX + "h:" + hashlib.sha256(payload.encode()).hexdigest()[:32]
        self._long[key] = payload
        self._long.move_to_end(key)
        while len(self._long) > self._capacity:
            self._long.popitem(last=False)
        return key

    def payload_for(self, data: str) -> str | None:
        if data.startswith(INTERNAL_PREFIX + "h:"):
            return self._long.get(data)
        return data
