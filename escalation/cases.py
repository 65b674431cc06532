"""Case rules: when a message opens or raises a case, priority order, transitions, notices.

Pure functions and small value types, no I/O: the store and the service call them, tests call them
directly. Levels of a *case* are ``requested < medium < high < imminent`` ("requested" = the young
person asked for a person without a risk signal); risk levels of a *message* are the risk engine's
``none < low < medium < high < imminent``.

Hand-back decision (DESIGN.md: "``bot`` again on hand-back, or ``closed`` with an outcome"):
hand-back returns the *conversation* to the bot (``handoff_state = "bot"``) but the *case* stays
open in state ``with_staff`` with its assignee and ``handed_back_at`` set — it leaves the waiting
queue (no SLA alerts, nobody else is paged) and waits for its owner to write the outcome and close
it. The owner can resume the live chat ("take" again). A new high/imminent message on a handed-back
case puts it back in the queue (state ``queued``, ``handed_back_at`` cleared) and alerts staff.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Iterable, Sequence
from typing import Any

CASE_LEVELS = ("requested", "medium", "high", "imminent")
RISK_LEVELS = ("none", "low", "medium", "high", "imminent")
OPEN_STATES = ("queued", "with_staff")
STATES = ("queued", "with_staff", "closed")
REASONS = ("risk", "request_human", "safety_check")
OUTCOMES = ("safety_plan_made", "referred_guardian_school", "referred_hospital",
            "emergency_services_contacted", "no_risk_found", "user_left", "other")
NOTE_MAX_CHARS = 4000
MESSAGE_MAX_CHARS = 4000
# Rough planning figures for the wait estimate shown to a young person (documented, not promised).
PICKUP_SECONDS = 60          # a free counsellor notices and takes a new case
HANDLE_SECONDS = 15 * 60     # a typical live conversation


class CaseRuleError(Exception):
    """A request that breaks a case rule. ``status`` maps it to HTTP in the (thin) views."""

    status = 400
    code = "invalid"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code:
            self.code = code


class InvalidInput(CaseRuleError):
    status, code = 422, "invalid_input"


class NotFound(CaseRuleError):
    status, code = 404, "not_found"


class Forbidden(CaseRuleError):
    status, code = 403, "forbidden"


class Conflict(CaseRuleError):
    status, code = 409, "conflict"


# -- levels and priority -----------------------------------------------------------------------
def case_level_rank(level: str) -> int:
    """``requested`` 1 … ``imminent`` 4 (0 for anything else)."""
    return CASE_LEVELS.index(level) + 1 if level in CASE_LEVELS else 0


def risk_rank(level: str | None) -> int:
    return RISK_LEVELS.index(level) if level in RISK_LEVELS else 0


def higher_level(a: str, b: str) -> str:
    return a if case_level_rank(a) >= case_level_rank(b) else b


def priority_key(level: str, waiting_since: dt.datetime, case_id: int = 0) -> tuple[int, float, int]:
    """Sort key: imminent > high > medium > requested, then the longest wait first, then id."""
    return (-case_level_rank(level), waiting_since.timestamp(), case_id)


def sort_queue(cases: Iterable[Any]) -> list[Any]:
    """Order objects with ``level``, ``created_at`` and ``id`` by priority."""
    return sorted(cases, key=lambda c: priority_key(c.level, c.created_at, c.id or 0))


# -- opening and raising -------------------------------------------------------------------------
def case_level_for(level: str, earlier_levels: Sequence[str | None] = (), *, has_open_case: bool = False) -> str | None:
    """The case level a user message calls for, or ``None``.

    high / imminent open at once; medium opens when the signal repeats — an earlier message of the
    conversation was medium or above — or when a case is already open (merged, never lowered).
    """
    if level in ("high", "imminent"):
        return level
    if level == "medium":
        if has_open_case or any(risk_rank(earlier) >= risk_rank("medium") for earlier in earlier_levels):
            return "medium"
    return None


@dataclasses.dataclass(frozen=True)
class Merge:
    """The result of applying a new signal to an open case."""

    level: str
    categories: list[str]
    evidence: list[dict[str, Any]]
    raised: bool


def merge(current_level: str, current_categories: Sequence[str], current_evidence: Sequence[dict[str, Any]],
          level: str, categories: Sequence[str], evidence: Sequence[dict[str, Any]],
          *, message_id: int | None = None, max_evidence: int = 50) -> Merge:
    """Level only goes up (a denial never clears a flag); categories and evidence are merged, deduplicated."""
    new_level = higher_level(current_level, level)
    merged_categories = list(dict.fromkeys([*current_categories, *categories]))
    seen = {(e.get("message_id"), e.get("start"), e.get("end"), e.get("term")) for e in current_evidence}
    merged_evidence = list(current_evidence)
    for item in evidence:
        item = {**item, "message_id": item.get("message_id", message_id)}
        key = (item.get("message_id"), item.get("start"), item.get("end"), item.get("term"))
        if key not in seen:
            seen.add(key)
            merged_evidence.append(item)
    return Merge(new_level, merged_categories, merged_evidence[:max_evidence],
                 raised=case_level_rank(new_level) > case_level_rank(current_level))


# -- transitions -----------------------------------------------------------------------------------
@dataclasses.dataclass(frozen=True)
class Actor:
    id: int
    role: str
    display_name: str = ""
    username: str = ""

    @property
    def supervisor(self) -> bool:
        return self.role == "supervisor"


def check_take(state: str, assignee_id: int | None, handed_back: bool, actor: Actor) -> str:
    """``"take"`` (from the queue) or ``"resume"`` (owner rejoins a handed-back case); raises otherwise."""
    if state == "closed":
        raise Conflict("This case is closed.", code="case_closed")
    if state == "queued":
        if assignee_id is not None and assignee_id != actor.id and not actor.supervisor:
            raise Forbidden("This case is assigned to another counsellor.", code="assigned_to_other")
        return "take"
    if assignee_id != actor.id:
        raise Conflict("Another counsellor already has this case. A supervisor can reassign it.",
                       code="taken_by_other")
    if not handed_back:
        raise Conflict("You already have this case.", code="already_taken")
    return "resume"


def check_post(state: str, assignee_id: int | None, live: bool, actor: Actor) -> None:
    if state == "closed":
        raise Conflict("This case is closed.", code="case_closed")
    if assignee_id != actor.id:
        raise Forbidden("Only the counsellor who has this case can write in it. A supervisor can reassign it.",
                        code="not_assignee")
    if state != "with_staff" or not live:
        raise Conflict("Take the case (or resume it) before writing.", code="not_live")


def check_handback(state: str, assignee_id: int | None, live: bool, actor: Actor) -> None:
    if state == "closed":
        raise Conflict("This case is closed.", code="case_closed")
    if assignee_id != actor.id and not actor.supervisor:
        raise Forbidden("Only the counsellor who has this case (or a supervisor) can hand it back.",
                        code="not_assignee")
    if state != "with_staff" or not live:
        raise Conflict("The conversation is not with staff.", code="not_live")


def check_close(state: str, assignee_id: int | None, actor: Actor) -> None:
    if state == "closed":
        raise Conflict("This case is already closed.", code="case_closed")
    if assignee_id != actor.id and not actor.supervisor:
        raise Forbidden("Take the case before closing it (or ask a supervisor).", code="not_assignee")


def check_assign(state: str, actor: Actor) -> None:
    if not actor.supervisor:
        raise Forbidden("Only supervisors can assign cases.", code="supervisor_only")
    if state == "closed":
        raise Conflict("This case is closed.", code="case_closed")


def parse_close(body: Any) -> tuple[str, str, dt.date | None]:
    if not isinstance(body, dict):
        raise InvalidInput('Send a JSON object like {"outcome": "...", "note": "..."}.')
    outcome, note, due = body.get("outcome"), body.get("note", ""), body.get("follow_up_due")
    if outcome not in OUTCOMES:
        raise InvalidInput(f'"outcome" must be one of: {", ".join(OUTCOMES)}.', code="invalid_outcome")
    if note is None:
        note = ""
    if not isinstance(note, str) or len(note) > NOTE_MAX_CHARS:
        raise InvalidInput(f'"note" must be text of at most {NOTE_MAX_CHARS} characters.', code="invalid_note")
    follow_up: dt.date | None = None
    if due not in (None, ""):
        try:
            follow_up = dt.date.fromisoformat(str(due))
        except ValueError:
            raise InvalidInput('"follow_up_due" must be a date like 2025-03-01.', code="invalid_date") from None
    return outcome, note.strip(), follow_up


def parse_text(body: Any) -> str:
    text = body.get("text") if isinstance(body, dict) else None
    if not isinstance(text, str) or not text.strip():
        raise InvalidInput('"text" must be a non-empty string.', code="empty_text")
    if len(text) > MESSAGE_MAX_CHARS:
        raise InvalidInput(f"The message is longer than {MESSAGE_MAX_CHARS} characters.", code="text_too_long")
    return text.strip()


# -- waiting, SLA ------------------------------------------------------------------------------------
def estimate_wait_seconds(on_shift: int, busy: int, ahead: int) -> int | None:
    """Rough wait for a new case: ``None`` when nobody is on shift.

    ``busy`` counsellors are in live chats; ``ahead`` cases wait before this one in the queue.
    """
    if on_shift <= 0:
        return None
    free = max(on_shift - busy, 0)
    if ahead < free:
        return PICKUP_SECONDS
    rounds = math.ceil((ahead - free + 1) / on_shift)
    return PICKUP_SECONDS + rounds * HANDLE_SECONDS


def sla_seconds(level: str, *, sla_high: int, sla_imminent: int) -> int | None:
    return {"imminent": sla_imminent, "high": sla_high}.get(level)


def sla_due(level: str, waiting_since: dt.datetime, last_alert_at: dt.datetime | None, now: dt.datetime,
            *, sla_high: int, sla_imminent: int) -> bool:
    """A queued high/imminent case needs a re-alert when it waited past its SLA, then once per SLA period."""
    limit = sla_seconds(level, sla_high=sla_high, sla_imminent=sla_imminent)
    if limit is None:
        return False
    if (now - waiting_since).total_seconds() < limit:
        return False
    return last_alert_at is None or last_alert_at <= waiting_since or (now - last_alert_at).total_seconds() >= limit


# -- what the young person is told -----------------------------------------------------------------
def _minutes(seconds: int) -> int:
    return max(1, round(seconds / 60))


def queued_notice(lang: str, wait_seconds: int | None, hotlines: Sequence[str]) -> str:
    """Honest words about what happens next; with nobody on shift, says so plainly with the hotlines."""
    if wait_seconds is None:
        if lang == "en":
            return ("No counsellor is on shift here right now, so nobody can join this chat at the moment. "
                    "Your message is saved and the next counsellor will see it first. Right now you can call "
                    + "; ".join(hotlines) + ". I'm still here with you.")
        return ("现在这里没有值班的老师，暂时没有人能加入这个对话。你的消息已经保存，下一位值班老师会最先看到。"
                "现在就可以打 " + "；".join(hotlines) + "。我还在这里陪着你。")
    minutes = _minutes(wait_seconds)
    if lang == "en":
        return (f"A counsellor has been told and will join this chat — likely in about {minutes} minute"
                f"{'s' if minutes != 1 else ''}. While you wait, I'm here. "
                "A counsellor will be able to read this conversation.")
    return (f"已经通知了值班老师，老师会加入这个对话，大约需要 {minutes} 分钟。等待的时候，我一直在这里陪着你。"
            "值班老师能看到这段对话。")


def joined_notice(lang: str, name: str, hotline: str) -> str:
    if lang == "en":
        return f"{name} from the {hotline} hotline has joined. You're now talking with a real person."
    return f"{hotline} 热线的{name}加入了对话。现在和你聊天的是真人。"


def handback_notice(lang: str) -> str:
    if lang == "en":
        return "The counsellor has left the chat — you're back with the Qingxin assistant. You can ask for a person again any time."
    return "老师已经离开对话，现在是青心助手在陪你。你随时可以再要求和真人聊。"


def waiting_seconds(since: dt.datetime, now: dt.datetime) -> int:
    return max(0, int((now - since).total_seconds()))
