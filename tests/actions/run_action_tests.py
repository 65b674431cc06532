"""Action unit tests, run with the Rasa venv (which has no pytest):

    .venv-rasa/bin/python tests/actions/run_action_tests.py

Each test builds a tracker with Tracker.from_dict, runs the action with a CollectingDispatcher
and asserts the exact events and response names. The case API is faked (a real local aiohttp
server for the HTTP contract test). Exits non-zero if any test fails.
"""
from __future__ import annotations

import asyncio
import os
import socket
import sys
from pathlib import Path
from typing import Any, Dict, List, Optional

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
os.chdir(ROOT)

from script_harness import Suite  # noqa: E402  (tests/script_harness.py)
from rasa_sdk import Tracker  # noqa: E402
from rasa_sdk.executor import CollectingDispatcher  # noqa: E402

import actions.escalation as escalation  # noqa: E402
import actions.safety_check as safety_check  # noqa: E402
from actions.answers import ActionFollowUpOffer, ActionOfferSupport  # noqa: E402
from actions.escalation import ActionRequestHuman, ActionRespondRisk  # noqa: E402
from actions.exercises import ActionExerciseStep, exercises  # noqa: E402
from actions.language import ActionDetectLanguage  # noqa: E402
from actions.mood import ActionRecordMood, ActionShowMoods  # noqa: E402
from actions.safety_check import (  # noqa: E402
    ActionSafetyCheckStopped,
    ActionSafetyCheckSubmit,
    ValidateSafetyCheckForm,
)
from actions.seasonal import ActionGreet  # noqa: E402

DOMAIN: Dict[str, Any] = {}
SUITE = Suite()
test = SUITE.test


def tracker(
    text: str = "",
    intent: str = "",
    slots: Optional[Dict[str, Any]] = None,
    entities: Optional[List[Dict[str, Any]]] = None,
    metadata: Optional[Dict[str, Any]] = None,
    risk: Optional[Dict[str, Any]] = None,
    active_loop: Optional[str] = None,
) -> Tracker:
    message: Dict[str, Any] = {
        "text": text,
        "intent": {"name": intent, "confidence": 1.0},
        "entities": entities or [],
        "metadata": metadata or {},
    }
    if risk is not None:
        message["risk"] = risk
    base = {"language": "zh", "role": "student", "exercise_step": 0, "exercise_paused": False, "mood_history": []}
    base.update(slots or {})
    return Tracker.from_dict(
        {
            "sender_id": "conv-test",
            "slots": base,
            "latest_message": message,
            "events": [],
            "paused": False,
            "followup_action": None,
            "active_loop": {"name": active_loop} if active_loop else {},
            "latest_action_name": "action_listen",
        }
    )


def run(action, trk: Tracker):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, trk, DOMAIN))
    return dispatcher.messages, events


def slot_events(events) -> Dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def responses(messages) -> List[str]:
    return [m.get("response") for m in messages if m.get("response")]


def customs(messages) -> List[Dict[str, Any]]:
    return [m["custom"]["qingxin"] for m in messages if m.get("custom")]


class FakeCases:
    """Replaces actions.escalation.post_case; records calls, returns a canned answer."""

    def __init__(self, answer: Optional[Dict[str, Any]]):
        self.answer = answer
        self.calls: List[Dict[str, Any]] = []

    async def __call__(self, conversation, reason, level, categories=(), evidence=(), note=""):
        self.calls.append({"conversation": conversation, "reason": reason, "level": level,
                           "categories": list(categories), "evidence": list(evidence), "note": note})
        return self.answer

    def install(self):
        escalation.post_case = self
        safety_check.post_case = self
        return self


QUEUED = {"case_id": 7, "state": "queued", "level": "high", "staff_on_shift": True, "estimated_wait_seconds": 300}
NO_STAFF = {"case_id": 8, "state": "queued", "level": "high", "staff_on_shift": False, "estimated_wait_seconds": None}


# ---------------------------------------------------------------- language and role
@test
def english_text_sets_language_en():
    _, events = run(ActionDetectLanguage(), tracker("I feel stressed", "express_distress"))
    assert slot_events(events) == {"language": "en"}, events


@test
def neutral_text_keeps_language():
    for text in ("ok", "👍", "1", "/affirm"):
        _, events = run(ActionDetectLanguage(), tracker(text, "affirm", {"language": "en"}))
        assert slot_events(events) == {}, (text, events)


@test
def metadata_language_wins_over_detection():
    _, events = run(ActionDetectLanguage(), tracker("hmm 好吧", "affirm", metadata={"language": "en"}))
    assert slot_events(events) == {"language": "en"}, events


@test
def explicit_switch_requests():
    _, events = run(ActionDetectLanguage(), tracker("speak Chinese please", "switch_language", {"language": "en"}))
    assert slot_events(events) == {"language": "zh"}, events
    _, events = run(ActionDetectLanguage(), tracker("说英文", "switch_language"))
    assert slot_events(events) == {"language": "en"}, events
    _, events = run(ActionDetectLanguage(), tracker("/switch_language", "switch_language"))
    assert slot_events(events) == {"language": "en"}, events


@test
def parent_role_detected():
    _, events = run(ActionDetectLanguage(), tracker("我是家长", "inform_role_parent"))
    assert slot_events(events) == {"role": "parent"}, events
    _, events = run(ActionDetectLanguage(), tracker("my son won't talk to me", "faq"))
    assert slot_events(events) == {"language": "en", "role": "parent"}, events
    _, events = run(ActionDetectLanguage(), tracker("我是学生", "inform_role_student", {"role": "parent"}))
    assert slot_events(events) == {"role": "student"}, events


# ---------------------------------------------------------------- exercises
@test
def exercise_flow_next_pause_resume_repeat_stop():
    action = ActionExerciseStep()
    msgs, events = run(action, tracker('/start_exercise{"exercise":"box_breathing"}', "start_exercise",
                                       entities=[{"entity": "exercise", "value": "box_breathing"}]))
    assert slot_events(events)["exercise"] == "box_breathing" and slot_events(events)["exercise_step"] == 0
    assert [b["payload"] for b in msgs[0]["buttons"]] == ["/exercise_next", "/exercise_repeat", "/exercise_pause", "/stop"]
    state = {"exercise": "box_breathing", "exercise_step": 0}
    msgs, events = run(action, tracker("下一步", "exercise_next", state))
    assert slot_events(events)["exercise_step"] == 1 and "(2/5)" in msgs[0]["text"], msgs
    state["exercise_step"] = 1
    msgs, events = run(action, tracker("暂停", "exercise_pause", state))
    assert responses(msgs) == ["utter_exercise_paused"] and slot_events(events) == {"exercise_paused": True}
    msgs, events = run(action, tracker("继续", "resume", dict(state, exercise_paused=True)))
    assert "(2/5)" in msgs[0]["text"] and slot_events(events) == {"exercise_paused": False}, msgs
    msgs, events = run(action, tracker("再来一次", "exercise_repeat", state))
    assert "(2/5)" in msgs[0]["text"]
    msgs, events = run(action, tracker("停", "stop", state))
    assert responses(msgs) == ["utter_exercise_stopped"] and slot_events(events)["exercise"] is None


@test
def exercise_last_step_finishes_in_english():
    steps = len(exercises()["grounding"]["steps"])
    msgs, events = run(ActionExerciseStep(), tracker("next", "exercise_next",
                                                     {"exercise": "grounding", "exercise_step": steps - 1, "language": "en"}))
    assert msgs[0]["text"] == exercises()["grounding"]["done"]["en"]
    assert slot_events(events)["exercise"] is None


@test
def free_text_request_picks_exercise_or_menu():
    msgs, events = run(ActionExerciseStep(), tracker("can we do a breathing exercise", "request_exercise", {"language": "en"}))
    assert slot_events(events)["exercise"] == "box_breathing"
    assert msgs[0]["text"].startswith("Box breathing")
    msgs, _ = run(ActionExerciseStep(), tracker("教我放松", "request_exercise"))
    assert responses(msgs) == ["utter_exercise_menu"]


@test
def every_exercise_has_both_languages_and_six_exist():
    assert len(exercises()) >= 6
    for key, exercise in exercises().items():
        assert exercise["title"]["zh"] and exercise["title"]["en"], key
        for step in exercise["steps"]:
            assert step["zh"] and step["en"], key
        assert exercise["done"]["zh"] and exercise["done"]["en"], key


@test
def stop_without_exercise_is_harmless():
    msgs, events = run(ActionExerciseStep(), tracker("stop", "stop"))
    assert responses(msgs) == ["utter_stopped"] and events == []


# ---------------------------------------------------------------- risk and people
@test
def high_risk_opens_case_and_says_so():
    fake = FakeCases(QUEUED).install()
    risk = {"level": "high", "categories": ["suicidal_ideation"], "evidence": [{"term": "x", "start": 0, "end": 1, "category": "suicidal_ideation", "weight": 1.0}]}
    msgs, events = run(ActionRespondRisk(), tracker("…", "risk_high", risk=risk,
                                                    entities=[{"entity": "risk_level", "value": "high"}]))
    assert fake.calls and fake.calls[0]["reason"] == "risk" and fake.calls[0]["level"] == "high"
    assert fake.calls[0]["categories"] == ["suicidal_ideation"]
    assert responses(msgs) == ["utter_risk_empathy_high", "utter_case_opened_high", "utter_safety_check_intro_high"], msgs
    assert {"event": "safety_reply", "level": "high"} in customs(msgs)
    assert any(c["event"] == "risk" and c["source"] == "rasa" for c in customs(msgs))
    assert slot_events(events)["risk_flag"] == "high" and slot_events(events)["case_id"] == "7"
    texts = [m.get("text") or "" for m in msgs]
    assert any("12355" in t or "12356" in t for t in texts), texts  # safety reply names a hotline


@test
def case_already_open_is_not_announced_twice():
    fake = FakeCases({**QUEUED, "result": "merged"}).install()
    risk = {"level": "high", "categories": ["suicidal_ideation"], "evidence": []}
    msgs, events = run(ActionRespondRisk(), tracker("…", "risk_high", risk=risk,
                                                    entities=[{"entity": "risk_level", "value": "high"}]))
    assert fake.calls and "utter_case_opened_high" not in responses(msgs), msgs
    assert slot_events(events)["case_id"] == "7"


@test
def imminent_puts_emergency_first_and_no_safety_check_intro():
    FakeCases(NO_STAFF).install()
    msgs, _ = run(ActionRespondRisk(), tracker("…", "risk_imminent", {"language": "en"}))
    safety = [m["text"] for m in msgs if m.get("text")][0]
    assert safety.index("120") < safety.index("1235"), safety
    assert "utter_case_opened_no_staff" in responses(msgs)
    assert not any(r.startswith("utter_safety_check_intro") for r in responses(msgs))


@test
def medium_risk_offers_a_person_without_a_case_first_time_only():
    fake = FakeCases(QUEUED).install()
    msgs, events = run(ActionRespondRisk(), tracker("…", "risk_medium"))
    assert fake.calls == [] and "utter_offer_human" in responses(msgs)
    assert slot_events(events)["last_offer"] == "human"
    run(ActionRespondRisk(), tracker("…", "risk_medium", {"risk_flag": "medium"}))
    assert fake.calls and fake.calls[0]["level"] == "medium"  # the signal repeated


@test
def request_human_tells_the_wait():
    fake = FakeCases(QUEUED).install()
    msgs, events = run(ActionRequestHuman(), tracker("转人工", "request_human"))
    assert fake.calls[0]["reason"] == "request_human" and fake.calls[0]["level"] == "requested"
    assert msgs[0]["response"] == "utter_human_queued" and msgs[0]["minutes"] == 5, msgs
    assert slot_events(events)["case_id"] == "7"


@test
def request_human_with_nobody_on_shift_gives_hotlines_at_once():
    FakeCases(NO_STAFF).install()
    msgs, _ = run(ActionRequestHuman(), tracker("转人工", "request_human"))
    assert responses(msgs) == ["utter_human_no_staff"]
    assert "12355" in msgs[1]["text"]


@test
def request_human_failure_is_honest():
    FakeCases(None).install()
    msgs, _ = run(ActionRequestHuman(), tracker("talk to a person", "request_human", {"language": "en"}))
    assert responses(msgs) == ["utter_case_failed"] and "youth hotline" in msgs[1]["text"]


@test
def post_case_speaks_the_http_contract():
    from aiohttp import web

    seen: Dict[str, Any] = {}

    async def handler(request):
        seen["secret"] = request.headers.get("X-Qingxin-Internal-Secret")
        seen["body"] = await request.json()
        return web.json_response(QUEUED)

    async def scenario():
        app = web.Application()
        app.router.add_post("/internal/cases", handler)
        runner = web.AppRunner(app)
        await runner.setup()
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        site = web.TCPSite(runner, "127.0.0.1", port)
        await site.start()
        os.environ["QINGXIN_SERVICE_URL"] = f"http://127.0.0.1:{port}"
        os.environ["QINGXIN_INTERNAL_SECRET"] = "s3cret"
        try:
            return await ORIGINAL_POST_CASE("conv-1", "risk", "high", ["abuse"], [], note="n")
        finally:
            await runner.cleanup()

    result = asyncio.run(scenario())
    assert result == QUEUED
    assert seen["secret"] == "s3cret"
    assert seen["body"] == {"conversation": "conv-1", "reason": "risk", "level": "high",
                            "categories": ["abuse"], "evidence": [], "note": "n"}, seen


@test
def post_case_unreachable_returns_none():
    os.environ["QINGXIN_SERVICE_URL"] = "http://127.0.0.1:9"
    assert asyncio.run(ORIGINAL_POST_CASE("c", "risk", "high")) is None


# ---------------------------------------------------------------- safety check
ALL_NO = {s: "no" for s in safety_check.SCREEN_SLOTS}


@test
def acute_question_only_after_a_positive_answer():
    form = ValidateSafetyCheckForm()
    domain_slots = list(safety_check.ALL_SLOTS)
    got = asyncio.run(form.required_slots(domain_slots, CollectingDispatcher(), tracker(slots=ALL_NO), DOMAIN))
    assert got == safety_check.SCREEN_SLOTS
    got = asyncio.run(form.required_slots(domain_slots, CollectingDispatcher(), tracker(slots=dict(ALL_NO, asq_better_off="yes")), DOMAIN))
    assert got == domain_slots


@test
def all_no_closes_kindly_with_an_exercise():
    fake = FakeCases(QUEUED).install()
    msgs, events = run(ActionSafetyCheckSubmit(), tracker(slots=ALL_NO))
    assert responses(msgs) == ["utter_safety_check_all_no", "utter_exercise_menu"] and fake.calls == []
    assert all(slot_events(events)[s] is None for s in safety_check.ALL_SLOTS)


@test
def any_yes_opens_a_high_case_and_refusal_counts_as_yes():
    for answer in ("yes", "refused"):
        fake = FakeCases(QUEUED).install()
        msgs, _ = run(ActionSafetyCheckSubmit(), tracker(slots=dict(ALL_NO, asq_wish_dead=answer, asq_thoughts_now="no")))
        assert fake.calls[0]["reason"] == "safety_check" and fake.calls[0]["level"] == "high", answer
        assert "utter_safety_check_positive" in responses(msgs)


@test
def acute_yes_is_imminent():
    fake = FakeCases(QUEUED).install()
    run(ActionSafetyCheckSubmit(), tracker(slots=dict(ALL_NO, asq_thoughts_week="yes", asq_thoughts_now="yes")))
    assert fake.calls[0]["level"] == "imminent"


@test
def stopping_offers_a_person_or_keeps_a_positive_answer():
    fake = FakeCases(QUEUED).install()
    msgs, events = run(ActionSafetyCheckStopped(), tracker("停", "stop", {"asq_wish_dead": "no"}))
    assert responses(msgs) == ["utter_safety_check_stopped"] and fake.calls == []
    assert slot_events(events)["last_offer"] == "human"
    run(ActionSafetyCheckStopped(), tracker("停", "stop", {"asq_wish_dead": "yes"}))
    assert fake.calls and fake.calls[0]["level"] == "high"


# ---------------------------------------------------------------- offers, mood, greeting
@test
def distress_offers_fitting_exercise_then_yes_starts_it():
    msgs, events = run(ActionOfferSupport(), tracker("我压力好大，晚上失眠", "express_distress"))
    assert responses(msgs) == ["utter_distress_empathy", "utter_offer_human"]
    assert slot_events(events) == {"last_offer": "exercise:sleep_wind_down"}
    msgs, events = run(ActionFollowUpOffer(), tracker("好", "affirm", {"last_offer": "exercise:sleep_wind_down"}))
    assert slot_events(events)["exercise"] == "sleep_wind_down"


@test
def yes_after_offer_of_a_person_requests_one():
    fake = FakeCases(QUEUED).install()
    run(ActionFollowUpOffer(), tracker("好", "affirm", {"last_offer": "human"}))
    assert fake.calls and fake.calls[0]["reason"] == "request_human"
    msgs, events = run(ActionFollowUpOffer(), tracker("不用", "deny", {"last_offer": "human"}))
    assert responses(msgs) == ["utter_ok_no_offer"]


@test
def mood_is_recorded_and_low_mood_gets_support():
    msgs, events = run(ActionRecordMood(), tracker('/inform_mood{"mood_score":"2"}', "inform_mood",
                                                   entities=[{"entity": "mood_score", "value": "2"}]))
    assert {"event": "mood", "score": 2} in customs(msgs)
    assert "utter_mood_low" in responses(msgs) and "utter_offer_human" in responses(msgs)
    history = slot_events(events)["mood_history"]
    assert history[-1]["score"] == 2 and len(history[-1]["date"]) == 10
    msgs, events = run(ActionRecordMood(), tracker("今天4分", "inform_mood"))
    assert responses(msgs) == ["utter_mood_good"]
    msgs, _ = run(ActionShowMoods(), tracker("my recent moods", "show_moods",
                                             {"language": "en", "mood_history": [{"date": "2026-06-01", "score": 3}]}))
    assert "2026-06-01" in msgs[0]["text"] and msgs[0]["text"].startswith("Your recent")


@test
def greeting_follows_the_season_and_role():
    os.environ["QINGXIN_TODAY"] = "2026-06-08"
    msgs, _ = run(ActionGreet(), tracker("你好", "greet"))
    assert "高考" in msgs[0]["text"] and "不是真人" in msgs[0]["text"]
    assert any(b["payload"] == "/request_human" for b in msgs[0]["buttons"])
    os.environ["QINGXIN_TODAY"] = "2026-09-03"
    msgs, _ = run(ActionGreet(), tracker("hi", "greet", {"language": "en"}))
    assert "new school year" in msgs[0]["text"]
    os.environ["QINGXIN_TODAY"] = "2026-01-28"
    msgs, _ = run(ActionGreet(), tracker("您好", "greet", {"role": "parent"}))
    assert "寒假" in msgs[0]["text"] and "家长" in msgs[0]["text"]
    os.environ["QINGXIN_TODAY"] = "2026-12-10"
    msgs, _ = run(ActionGreet(), tracker("hello", "greet", {"language": "en"}))
    assert "feelings, stress" in msgs[0]["text"]
    del os.environ["QINGXIN_TODAY"]


ORIGINAL_POST_CASE = escalation.post_case


def _restore_post_case() -> None:
    escalation.post_case = ORIGINAL_POST_CASE
    safety_check.post_case = ORIGINAL_POST_CASE


def main() -> int:
    return SUITE.run(before_each=_restore_post_case)


if __name__ == "__main__":
    sys.exit(main())
