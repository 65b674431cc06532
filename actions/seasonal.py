"""Seasonal care: the greeting and suggested topics follow the school calendar (content/seasons.yml).

Today's date can be fixed for tests with QINGXIN_TODAY=YYYY-MM-DD.
"""
from __future__ import annotations

import datetime as dt
import os
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import lang, load_content, role


def today() -> dt.date:
    override = os.environ.get("QINGXIN_TODAY")
    return dt.date.fromisoformat(override) if override else dt.date.today()


def pick_season(day: dt.date, seasons: List[Dict[str, Any]]) -> Optional[Dict[str, Any]]:
    """The first season whose MM-DD window contains `day`."""
    key = day.strftime("%m-%d")
    for season in seasons:
        for start, end in season.get("windows", []):
            if start <= key <= end:
                return season
    return None


def topic_buttons(topics: List[Dict[str, str]], language: str) -> List[Dict[str, str]]:
    return [
        {"title": topic[language], "payload": topic.get("payload") or topic[f"payload_{language}"]}
        for topic in topics
    ]


def greeting_messages(day: dt.date, language: str, who: str) -> List[Dict[str, Any]]:
    """The greeting for this date, language and role: [{"text", "buttons"}, ...]."""
    data = load_content("seasons.yml")
    season = pick_season(day, data["seasons"]) or {}
    part = season.get(who) or data["default"][who]
    default_part = data["default"][who]
    buttons = topic_buttons(part.get("topics", []), language)
    if season:
        # always keep a way to a person among the suggestions
        buttons += [b for b in topic_buttons(default_part["topics"], language) if b["payload"] == "/request_human"]
    text = data["greeting"][who][language] + "\n" + part[language]
    return [{"text": text, "buttons": buttons}]


class ActionGreet(Action):
    def name(self) -> Text:
        return "action_greet"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        """Greet in the user's language, with topics that fit the season and the role."""
        for message in greeting_messages(today(), lang(tracker), role(tracker)):
            dispatcher.utter_message(text=message["text"], buttons=message["buttons"])
        return []
