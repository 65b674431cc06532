"""Mood check-in: record a 1–5 score with today's date, show the recent ones."""
from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import entity, lang, latest_text
from actions.seasonal import today

KEEP = 10  # check-ins kept in the conversation's `mood_history` slot
_SCORE = re.compile(r"(?<!\d)([1-5])(?!\d)")
_WORDS = {"一": "1", "二": "2", "两": "2", "三": "3", "四": "4", "五": "5"}


def parse_score(tracker: Tracker) -> Optional[int]:
    value = entity(tracker, "mood_score")
    if value is None:
        text = latest_text(tracker)
        match = _SCORE.search(text) or re.search(r"([一二两三四五])\s*分", text)
        value = _WORDS.get(match.group(1), match.group(1)) if match else None
    try:
        score = int(str(value))
    except (TypeError, ValueError):
        return None
    return score if 1 <= score <= 5 else None


class ActionRecordMood(Action):
    def name(self) -> Text:
        return "action_record_mood"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        """Store the score (slot + custom payload for the service); low scores get support."""
        score = parse_score(tracker)
        if score is None:
            dispatcher.utter_message(response="utter_mood_unclear")
            return []
        history = list(tracker.get_slot("mood_history") or [])
        history.append({"date": today().isoformat(), "score": score})
        dispatcher.utter_message(json_message={"qingxin": {"event": "mood", "score": score}})
        events: List[Dict[Text, Any]] = [SlotSet("mood_history", history[-KEEP:])]
        if score <= 2:
            dispatcher.utter_message(response="utter_mood_low")
            dispatcher.utter_message(response="utter_exercise_menu")
            dispatcher.utter_message(response="utter_offer_human")
            events.append(SlotSet("last_offer", "human"))
        elif score == 3:
            dispatcher.utter_message(response="utter_mood_mid")
        else:
            dispatcher.utter_message(response="utter_mood_good")
        return events


class ActionShowMoods(Action):
    def name(self) -> Text:
        return "action_show_moods"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        """List the recent check-ins, newest last."""
        history = list(tracker.get_slot("mood_history") or [])
        if not history:
            dispatcher.utter_message(response="utter_no_moods")
            return []
        language = lang(tracker)
        lines = [f"{item['date']}: {'★' * int(item['score'])}{'☆' * (5 - int(item['score']))} ({item['score']}/5)" for item in history[-7:]]
        head = "你最近的心情打卡：" if language == "zh" else "Your recent mood check-ins:"
        dispatcher.utter_message(text=head + "\n" + "\n".join(lines))
        return []
