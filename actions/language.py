"""Which language (zh/en) and which role (student/parent) the conversation is in.

`action_detect_language` is the custom slot mapping of the `language` and `role` slots, so
Rasa's action_extract_slots runs it after EVERY user message, before any policy predicts.
Language: an explicit switch ("说中文", "speak English") wins; else the language the service
put in the message metadata; else detection on the text. Neutral text ("ok", "👍", "1",
button payloads) leaves it unchanged. Role: "我是家长", "my son…" → parent; "我是学生" → student.
"""
from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import intent_name, latest_text

_NEUTRAL = {"ok", "okay", "k", "kk", "嗯", "嗯嗯", "哦", "好", "1", "2", "3", "4", "5"}
_TO_EN = re.compile(r"english|英文|英语|英語", re.I)
_TO_ZH = re.compile(r"chinese|mandarin|中文|汉语|漢語|普通话|普通話|华语|華語", re.I)
_SWITCH_HINT = re.compile(
    r"^\s*(/language|language|lang)\b|speak|talk|switch|change|reply|answer|use|please|pls|"
    r"说|說|讲|講|用|换|換|切换|切換|改成|回复|回覆", re.I)
_PARENT = re.compile(
    r"我是.{0,6}(家长|家長|妈妈|媽媽|爸爸|母亲|母親|父亲|父親|监护人|監護人)|"
    r"我(的)?(孩子|儿子|兒子|女儿|女兒|家孩子|家娃|娃)|"
    r"\bmy (son|daughter|child|kid|kids|children|teen|teenager)\b|"
    r"\bi'?\s?a?m an? (parent|mom|mum|dad|mother|father|guardian)\b", re.I)
_STUDENT = re.compile(r"我是(一[名个個])?(学生|學生|初中生|高中生|小学生|小學生)|\bi'?\s?a?m an? (student|pupil|kid|teen)\b", re.I)
_HAN = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")


def fallback_detect(text: str) -> Optional[str]:
    """Detection used until escalation.risk.language is importable: han vs latin letters."""
    han = len(_HAN.findall(text))
    latin = len(_LATIN.findall(text))
    if han == 0 and latin == 0:
        return None
    return "zh" if han * 3 >= latin else "en"


def detect(text: str) -> Optional[str]:
    if text.strip().lower() in _NEUTRAL:
        return None
    try:
        from escalation.risk.language import detect_language
    except Exception:  # noqa: BLE001 - risk engine not importable: use the fallback
        return fallback_detect(text)
    try:
        return detect_language(text)
    except Exception:  # noqa: BLE001
        return fallback_detect(text)


def explicit_switch(text: str, intent: str, current: str) -> Optional[str]:
    """The language the user asked for ("说中文", "speak English"), if they asked."""
    wants_en, wants_zh = bool(_TO_EN.search(text)), bool(_TO_ZH.search(text))
    if intent == "switch_language":
        if wants_en != wants_zh:
            return "en" if wants_en else "zh"
        return "en" if current == "zh" else "zh"  # "/language", "换个语言": toggle
    short = len(text) <= 30 and _SWITCH_HINT.search(text)
    if short and wants_en != wants_zh:
        return "en" if wants_en else "zh"
    return None


def detect_role(text: str, intent: str) -> Optional[str]:
    if intent == "inform_role_parent":
        return "parent"
    if intent == "inform_role_student":
        return "student"
    if _PARENT.search(text):
        return "parent"
    if _STUDENT.search(text):
        return "student"
    return None


class ActionDetectLanguage(Action):
    def name(self) -> Text:
        return "action_detect_language"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        """Set `language` and `role` from the latest user message (only when they change)."""
        text = latest_text(tracker)
        intent = intent_name(tracker)
        current = tracker.get_slot("language") or "zh"
        events: List[Dict[Text, Any]] = []

        language: Optional[str] = None
        if text and not text.startswith("/"):
            language = explicit_switch(text, intent, current)
            if language is None and text.strip().lower() not in _NEUTRAL:
                metadata = (tracker.latest_message or {}).get("metadata") or {}
                language = metadata.get("language") if metadata.get("language") in ("zh", "en") else None
                language = language or detect(text)
        elif intent == "switch_language":
            language = "en" if current == "zh" else "zh"
        if language in ("zh", "en") and language != current:
            events.append(SlotSet("language", language))

        new_role = detect_role(text if not text.startswith("/") else "", intent)
        if new_role and new_role != tracker.get_slot("role"):
            events.append(SlotSet("role", new_role))
        return events
