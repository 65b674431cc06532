"""Safety check (safety_check_form), informed by the four domains of the NIMH Ask
Suicide-Screening Questions (ASQ) — wish to be dead, others better off without you, recent
thoughts of killing oneself, past attempt — plus its acute question ("right now?"), asked in
our own words (domain.yml, utter_ask_asq_*). It is NOT the validated ASQ instrument.

Answers are "yes", "no" or "refused"; a refusal counts as yes. As in the ASQ, the acute
question is asked only when one of the first four is positive. Any positive answer opens a
case (reason safety_check, level high; imminent if the acute answer is positive). Stopping
part-way is treated cautiously: positive answers so far still open a case, otherwise the user
is offered a person.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import ASQ_SLOTS, higher, lang, safety_text
from actions.escalation import post_case, tell_case_outcome

ALL_SLOTS = list(ASQ_SLOTS)
SCREEN_SLOTS = ALL_SLOTS[:4]
ACUTE_SLOT = ALL_SLOTS[4]
POSITIVE = ("yes", "refused")


def reset_events() -> List[Dict[Text, Any]]:
    return [SlotSet(slot, None) for slot in ALL_SLOTS] + [SlotSet("requested_slot", None)]


def outcome_level(tracker: Tracker) -> Optional[str]:
    """None when every answer so far is no; 'imminent' if the acute answer is positive; else 'high'."""
    if tracker.get_slot(ACUTE_SLOT) in POSITIVE:
        return "imminent"
    if any(tracker.get_slot(slot) in POSITIVE for slot in SCREEN_SLOTS):
        return "high"
    return None


async def open_positive_case(
    dispatcher: CollectingDispatcher, tracker: Tracker, level: str, note: str
) -> List[Dict[Text, Any]]:
    language = lang(tracker)
    dispatcher.utter_message(response="utter_safety_check_positive")
    dispatcher.utter_message(text=safety_text(level, language))
    dispatcher.utter_message(json_message={"qingxin": {"event": "safety_reply", "level": level}})
    answers = {slot: tracker.get_slot(slot) for slot in ALL_SLOTS}
    result = await post_case(
        tracker.sender_id, "safety_check", level, note=f"{note}; answers: {answers}"
    )
    events = tell_case_outcome(dispatcher, language, result)
    return events + [SlotSet("risk_flag", higher(tracker.get_slot("risk_flag"), level))]


class ValidateSafetyCheckForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_safety_check_form"

    async def required_slots(
        self,
        domain_slots: List[Text],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> List[Text]:
        """Ask the acute question only if one of the first four answers is positive."""
        if all(tracker.get_slot(slot) == "no" for slot in SCREEN_SLOTS):
            return [slot for slot in domain_slots if slot != ACUTE_SLOT]
        return domain_slots


class ActionSafetyCheckSubmit(Action):
    def name(self) -> Text:
        return "action_safety_check_submit"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        """Positive: open a case and say so. All no: a kind close and an exercise offer."""
        level = outcome_level(tracker)
        if level is None:
            dispatcher.utter_message(response="utter_safety_check_all_no")
            dispatcher.utter_message(response="utter_exercise_menu")
            return reset_events() + [SlotSet("last_offer", "exercise")]
        events = await open_positive_case(dispatcher, tracker, level, "safety check positive")
        return events + reset_events()


class ActionSafetyCheckStopped(Action):
    def name(self) -> Text:
        return "action_safety_check_stopped"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        """The user stopped the check: positive answers so far still count; else offer a person."""
        level = outcome_level(tracker)
        if level is not None:
            events = await open_positive_case(dispatcher, tracker, level, "safety check stopped after a positive answer")
            return events + reset_events()
        dispatcher.utter_message(response="utter_safety_check_stopped")
        return reset_events() + [SlotSet("last_offer", "human")]
