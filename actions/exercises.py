"""Guided exercises: one action drives every flow, steps come from content/exercises.yml.

Slots: `exercise` (key or None), `exercise_step` (index), `exercise_paused`. Intents:
request_exercise (free text may name one: "呼吸练习", "睡不着"), start_exercise (button with the
`exercise` entity), exercise_next, exercise_repeat, exercise_pause, resume, stop.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import entity, intent_name, lang, latest_text, load_content

CONTROLS = {
    "zh": [("下一步", "/exercise_next"), ("再来一次", "/exercise_repeat"), ("暂停", "/exercise_pause"), ("停止", "/stop")],
    "en": [("Next", "/exercise_next"), ("Repeat", "/exercise_repeat"), ("Pause", "/exercise_pause"), ("Stop", "/stop")],
}
FINISH = {"zh": "完成", "en": "Done"}


def exercises() -> Dict[str, Any]:
    return load_content("exercises.yml")


def pick_by_keywords(text: str) -> Optional[str]:
    """The exercise a free-text request names ("breathing", "睡不着"), if any."""
    lowered = text.lower()
    for key, exercise in exercises().items():
        if any(str(word).lower() in lowered for word in exercise.get("keywords", [])):
            return key
    return None


def step_buttons(language: str, last: bool) -> List[Dict[str, str]]:
    buttons = [{"title": title, "payload": payload} for title, payload in CONTROLS[language]]
    if last:
        buttons[0] = {"title": FINISH[language], "payload": "/exercise_next"}
    return buttons


def send_step(dispatcher: CollectingDispatcher, language: str, key: str, step: int) -> None:
    exercise = exercises()[key]
    steps = exercise["steps"]
    prefix = f"{exercise['title'][language]} ({step + 1}/{len(steps)})\n" if step == 0 else f"({step + 1}/{len(steps)}) "
    dispatcher.utter_message(
        text=prefix + steps[step][language], buttons=step_buttons(language, step == len(steps) - 1)
    )


def start(dispatcher: CollectingDispatcher, language: str, key: str) -> List[Dict[Text, Any]]:
    """Begin exercise `key` at its first step."""
    send_step(dispatcher, language, key, 0)
    return [
        SlotSet("exercise", key),
        SlotSet("exercise_step", 0),
        SlotSet("exercise_paused", False),
        SlotSet("last_offer", None),
    ]


def finish_events() -> List[Dict[Text, Any]]:
    return [SlotSet("exercise", None), SlotSet("exercise_step", 0), SlotSet("exercise_paused", False)]


class ActionExerciseStep(Action):
    def name(self) -> Text:
        return "action_exercise_step"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        """Start, advance, repeat, pause, resume or stop the current exercise."""
        language = lang(tracker)
        intent = intent_name(tracker)
        key = tracker.get_slot("exercise")
        if key not in exercises():
            key = None
        step = int(tracker.get_slot("exercise_step") or 0)

        if intent in ("start_exercise", "request_exercise"):
            wanted = entity(tracker, "exercise")
            if wanted not in exercises():
                wanted = pick_by_keywords(latest_text(tracker))
            if wanted:
                return start(dispatcher, language, wanted)
            dispatcher.utter_message(response="utter_exercise_menu")
            return [SlotSet("last_offer", None)]

        if key is None:
            if intent == "stop":
                dispatcher.utter_message(response="utter_stopped")
                return []
            dispatcher.utter_message(response="utter_exercise_none")
            dispatcher.utter_message(response="utter_exercise_menu")
            return []

        steps = exercises()[key]["steps"]
        if intent == "stop":
            dispatcher.utter_message(response="utter_exercise_stopped")
            return finish_events()
        if intent == "exercise_pause":
            dispatcher.utter_message(response="utter_exercise_paused")
            return [SlotSet("exercise_paused", True)]
        if intent == "exercise_repeat" or (intent == "resume" and tracker.get_slot("exercise_paused")):
            send_step(dispatcher, language, key, min(step, len(steps) - 1))
            return [SlotSet("exercise_paused", False)]

        # exercise_next, or "continue" while not paused
        step += 1
        if step >= len(steps):
            dispatcher.utter_message(text=exercises()[key]["done"][language])
            return finish_events()
        send_step(dispatcher, language, key, step)
        return [SlotSet("exercise_step", step), SlotSet("exercise_paused", False)]
