"""Risk replies and hand-off to people: `action_respond_risk`, `action_request_human`.

Cases are opened over HTTP only (`POST {QINGXIN_SERVICE_URL}/internal/cases`, see
docs/INTERFACES.md). If the service cannot be reached the user is told so honestly and given
the hotlines at once — never a silent failure. Hotline numbers come from escalation.content.
"""
from __future__ import annotations

import logging
import os
from typing import Any, Dict, List, Optional, Sequence, Text

import aiohttp
from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import (
    LEVEL_RANK,
    RISK_INTENTS,
    asq_reset_events,
    entity,
    higher,
    hotline_lines,
    intent_name,
    lang,
    safety_text,
)

logger = logging.getLogger(__name__)


def service_url() -> str:
    return os.environ.get("QINGXIN_SERVICE_URL", "http://127.0.0.1:8080").rstrip("/")


async def post_case(
    conversation: str,
    reason: str,
    level: str,
    categories: Sequence[str] = (),
    evidence: Sequence[Dict[str, Any]] = (),
    note: str = "",
) -> Optional[Dict[str, Any]]:
    """Open or raise a case; the service's JSON answer, or None when it could not be reached."""
    payload = {
        "conversation": conversation,
        "reason": reason,
        "level": level,
        "categories": list(categories),
        "evidence": list(evidence),
        "note": note,
    }
    headers = {"X-Qingxin-Internal-Secret": os.environ.get("QINGXIN_INTERNAL_SECRET", "")}
    timeout = aiohttp.ClientTimeout(total=float(os.environ.get("QINGXIN_SERVICE_TIMEOUT", "5")))
    try:
        async with aiohttp.ClientSession(timeout=timeout) as session:
            async with session.post(
                f"{service_url()}/internal/cases", json=payload, headers=headers
            ) as response:
                if response.status != 200:
                    logger.error("POST /internal/cases answered %s", response.status)
                    return None
                return await response.json()
    except Exception as exc:  # noqa: BLE001 - any failure is reported to the user honestly
        logger.warning("POST /internal/cases failed: %r", exc)
        return None


def tell_case_outcome(
    dispatcher: CollectingDispatcher, language: str, result: Optional[Dict[str, Any]]
) -> List[Dict[Text, Any]]:
    """Tell the user honestly what happened to a risk case (opened, no staff, or failed)."""
    if result is None:
        dispatcher.utter_message(response="utter_case_failed")
        dispatcher.utter_message(text="\n".join(hotline_lines(language)))
        return []
    if result.get("result") == "merged":
        # The case was already open (the service's own screen opened it this turn, or earlier) and the
        # user was told then: don't say it twice.
        pass
    elif result.get("state") == "with_staff":
        dispatcher.utter_message(response="utter_human_with_staff")
    elif result.get("staff_on_shift") is False:
        dispatcher.utter_message(response="utter_case_opened_no_staff")
    else:
        dispatcher.utter_message(response="utter_case_opened_high")
    case_id = result.get("case_id")
    return [SlotSet("case_id", str(case_id))] if case_id is not None else []


def risk_of_message(tracker: Tracker) -> Dict[str, Any]:
    """Level, categories and evidence of the latest message (intent, entity, risk screen)."""
    message = tracker.latest_message or {}
    screened = message.get("risk") or {}
    level = RISK_INTENTS.get(intent_name(tracker))
    level = higher(level, entity(tracker, "risk_level"))
    level = higher(level, screened.get("level"))
    if LEVEL_RANK.get(level or "none", 0) < LEVEL_RANK["medium"]:
        level = "medium"  # this action only runs on risk intents
    return {
        "level": level,
        "categories": list(screened.get("categories") or []),
        "evidence": list(screened.get("evidence") or []),
    }


class ActionRespondRisk(Action):
    def name(self) -> Text:
        return "action_respond_risk"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        """Safety reply for the level; a case at high/imminent (or a repeated medium signal)."""
        language = lang(tracker)
        risk = risk_of_message(tracker)
        level = risk["level"]
        previous = tracker.get_slot("risk_flag")
        events: List[Dict[Text, Any]] = [SlotSet("risk_flag", higher(previous, level))]

        dispatcher.utter_message(response=f"utter_risk_empathy_{level}")
        dispatcher.utter_message(text=safety_text(level, language))
        dispatcher.utter_message(json_message={"qingxin": {"event": "safety_reply", "level": level}})
        dispatcher.utter_message(
            json_message={
                "qingxin": {
                    "event": "risk",
                    "level": level,
                    "categories": risk["categories"],
                    "source": "rasa",
                }
            }
        )

        repeated = LEVEL_RANK.get(previous or "none", 0) >= LEVEL_RANK["medium"]
        if level in ("high", "imminent") or repeated:
            result = await post_case(
                tracker.sender_id,
                "risk",
                level,
                risk["categories"],
                risk["evidence"],
                note="risk signal seen by Rasa" + (" (repeated)" if repeated and level == "medium" else ""),
            )
            events += tell_case_outcome(dispatcher, language, result)
        else:
            dispatcher.utter_message(response="utter_offer_human")
            events.append(SlotSet("last_offer", "human"))

        in_check = (tracker.active_loop or {}).get("name") == "safety_check_form"
        if level == "imminent":
            events += asq_reset_events(tracker)  # the rules end any safety check here
        elif not in_check:
            dispatcher.utter_message(response=f"utter_safety_check_intro_{level}")
        return events


async def request_human(
    dispatcher: CollectingDispatcher, tracker: Tracker, note: str = "user asked for a person"
) -> List[Dict[Text, Any]]:
    """Ask the service for a person and tell the user what happens next (wait, no staff, failure)."""
    language = lang(tracker)
    flag = tracker.get_slot("risk_flag")
    level = flag if LEVEL_RANK.get(flag or "none", 0) >= LEVEL_RANK["medium"] else "requested"
    result = await post_case(tracker.sender_id, "request_human", level, note=note)
    events: List[Dict[Text, Any]] = [SlotSet("last_offer", None)] + asq_reset_events(tracker)
    if result is None:
        dispatcher.utter_message(response="utter_case_failed")
        dispatcher.utter_message(text="\n".join(hotline_lines(language)))
        return events
    if result.get("case_id") is not None:
        events.append(SlotSet("case_id", str(result["case_id"])))
    if result.get("state") == "with_staff":
        dispatcher.utter_message(response="utter_human_with_staff")
        return events
    if result.get("staff_on_shift") is False:
        dispatcher.utter_message(response="utter_human_no_staff")
        dispatcher.utter_message(text="\n".join(hotline_lines(language)))
        return events
    wait = result.get("estimated_wait_seconds")
    if isinstance(wait, (int, float)) and wait >= 0:
        dispatcher.utter_message(response="utter_human_queued", minutes=max(1, round(wait / 60)))
    else:
        dispatcher.utter_message(response="utter_human_queued_unknown_wait")
    dispatcher.utter_message(response="utter_human_privacy")
    return events


class ActionRequestHuman(Action):
    def name(self) -> Text:
        return "action_request_human"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        """Open a request_human case and tell the user the likely wait (or that nobody is on shift)."""
        return await request_human(dispatcher, tracker)
