"""Everyday answers: support after distress, and following up an offer ("好" / "no thanks")."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import intent_name, lang, latest_text
from actions.escalation import request_human
from actions.exercises import exercises, pick_by_keywords, start

OFFER_TEXT = {
    "zh": ("要不要一起做个小练习，让身体先放松一点？", "试试「{title}」", "看看其他练习", "先不用"),
    "en": ("Would you like to try a short exercise together to help your body settle a bit?",
           "Try \"{title}\"", "Other exercises", "Not now"),
}


class ActionOfferSupport(Action):
    def name(self) -> Text:
        return "action_offer_support"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        """Empathy, a way to a person, then an exercise that fits what they said."""
        language = lang(tracker)
        key = pick_by_keywords(latest_text(tracker)) or "box_breathing"
        question, try_one, others, not_now = OFFER_TEXT[language]
        dispatcher.utter_message(response="utter_distress_empathy")
        dispatcher.utter_message(response="utter_offer_human")
        dispatcher.utter_message(
            text=question,
            buttons=[
                {"title": try_one.format(title=exercises()[key]["title"][language]),
                 "payload": f'/start_exercise{{"exercise":"{key}"}}'},
                {"title": others, "payload": "/request_exercise"},
                {"title": not_now, "payload": "/deny"},
            ],
        )
        return [SlotSet("last_offer", f"exercise:{key}")]


class ActionFollowUpOffer(Action):
    def name(self) -> Text:
        return "action_follow_up_offer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        """A yes/no outside the safety check answers whatever the bot offered last."""
        offer = tracker.get_slot("last_offer") or ""
        if intent_name(tracker) == "affirm":
            if offer == "human":
                return await request_human(dispatcher, tracker, note="accepted the offer of a person")
            if offer.startswith("exercise"):
                key = offer.partition(":")[2]
                if key in exercises():
                    return start(dispatcher, lang(tracker), key)
                dispatcher.utter_message(response="utter_exercise_menu")
                return [SlotSet("last_offer", None)]
            dispatcher.utter_message(response="utter_affirm_generic")
            return []
        dispatcher.utter_message(response="utter_ok_no_offer")
        return [SlotSet("last_offer", None)]
