"""Helpers shared by the actions: the user's language and role, content files, hotlines."""
from __future__ import annotations

import functools
import logging
import os
from pathlib import Path
from typing import Any, Dict, List, Optional

import yaml
from rasa_sdk import Tracker

logger = logging.getLogger(__name__)

LEVEL_RANK = {"none": 0, "low": 1, "medium": 2, "high": 3, "imminent": 4}
RISK_INTENTS = {"risk_medium": "medium", "risk_high": "high", "risk_imminent": "imminent"}
REPO_ROOT = Path(__file__).resolve().parent.parent
# safety_check_form slots (actions/safety_check.py explains them)
ASQ_SLOTS = ["asq_wish_dead", "asq_better_off", "asq_thoughts_week", "asq_attempt_ever", "asq_thoughts_now"]


def content_dir() -> Path:
    return Path(os.environ.get("QINGXIN_CONTENT_DIR", REPO_ROOT / "content"))


@functools.lru_cache(maxsize=None)
def load_content(name: str) -> Dict[str, Any]:
    """A YAML file under content/ (cached after the first read)."""
    with open(content_dir() / name, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def lang(tracker: Tracker) -> str:
    value = tracker.get_slot("language")
    return value if value in ("zh", "en") else "zh"


def role(tracker: Tracker) -> str:
    return "parent" if tracker.get_slot("role") == "parent" else "student"


def intent_name(tracker: Tracker) -> str:
    return ((tracker.latest_message or {}).get("intent") or {}).get("name") or ""


def latest_text(tracker: Tracker) -> str:
    return (tracker.latest_message or {}).get("text") or ""


def entity(tracker: Tracker, name: str) -> Optional[str]:
    for item in (tracker.latest_message or {}).get("entities") or []:
        if item.get("entity") == name and item.get("value") not in (None, ""):
            return str(item["value"])
    return None


def higher(a: Optional[str], b: Optional[str]) -> Optional[str]:
    """The higher of two risk levels (None counts as none)."""
    return a if LEVEL_RANK.get(a or "none", 0) >= LEVEL_RANK.get(b or "none", 0) else b


def region() -> str:
    return os.environ.get("QINGXIN_REGION", "default")


def hotline_lines(language: str) -> List[str]:
    """Display strings for the region's hotlines; numbers only ever come from content/regions."""
    try:
        from escalation.content import hotlines

        return list(hotlines(language, region()))
    except Exception:  # noqa: BLE001 - content missing: still say something useful
        logger.exception("hotlines unavailable")
        return [
            "请联系身边信任的大人，或拨打当地的心理援助热线。"
            if language == "zh"
            else "Please contact a trusted adult or your local mental-health helpline."
        ]


def safety_text(level: str, language: str) -> str:
    """The shared safety reply (escalation.content.safety_reply): emergency numbers first at imminent."""
    try:
        from escalation.content import safety_reply

        return safety_reply(level, language, region())
    except Exception:  # noqa: BLE001
        logger.exception("safety reply unavailable")
        if language == "zh":
            return "你的安全最重要。如果有危险，请马上联系身边的大人或当地紧急服务。\n" + "\n".join(hotline_lines(language))
        return "Your safety matters most. If you are in danger, contact an adult near you or local emergency services now.\n" + "\n".join(hotline_lines(language))


def asq_reset_events(tracker: Tracker) -> List[Dict[str, Any]]:
    """Clear safety-check answers left by an interrupted check, so the next check starts afresh."""
    from rasa_sdk.events import SlotSet

    return [SlotSet(slot, None) for slot in ASQ_SLOTS if tracker.get_slot(slot) is not None]
