"""The escalation service: the router's ``EscalationPort`` plus the staff actions the API calls.

Each method owns one transaction (``async with sessions.begin()``), applies the pure rules of
``escalation.cases``, and only after commit pushes to the user's channel (``router.deliver``), to the
staff consoles (``EventHub``) and to the Telegram staff group (``StaffAlerts``).
"""
from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import logging
import time
from collections.abc import Sequence
from typing import Any

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError

from bot.router import ConversationRef, EscalationOutcome, Reply
from escalation import cases as rules
from escalation import content
from escalation.cases import Actor, Conflict, Forbidden, InvalidInput, NotFound
from escalation.store import audit as audit_store
from escalation.store import cases as case_store
from escalation.store import conversations as conv_store
from escalation.store import staff as staff_store
from escalation.store.cases import aware
from escalation.store.models import Case, Conversation, Message, utcnow

from . import audit
from .alerts import StaffAlerts
from .events import EventHub

log = logging.getLogger("qingxin.escalation")
VIEW_AUDIT_SECONDS = 600


def iso(value: dt.datetime | dt.date | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return aware(value).isoformat()
    return value.isoformat()


def _evidence(risk: dict[str, Any] | None) -> list[dict[str, Any]]:
    out = []
    for item in (risk or {}).get("evidence") or []:
        if isinstance(item, dict) and isinstance(item.get("start"), int) and isinstance(item.get("end"), int):
            out.append({"term": str(item.get("term", "")), "start": item["start"], "end": item["end"],
                        "category": str(item.get("category", ""))})
    return out


def message_dict(message: Message, staff_name: str | None = None) -> dict[str, Any]:
    risk = message.risk or {}
    return {"id": message.id, "direction": message.direction, "text": message.text,
            "created_at": iso(message.created_at),
            "risk": {"level": message.risk_level or "none", "categories": list(risk.get("categories") or []),
                     "evidence": _evidence(risk)} if message.direction == "in" else None,
            "staff": staff_name}


def staff_dict(staff) -> dict[str, Any]:
    return {"id": staff.id, "username": staff.username, "display_name": staff.display_name, "role": staff.role,
            "on_shift": staff.on_shift}


def case_dict(row: tuple, now: dt.datetime | None = None) -> dict[str, Any]:
    case, pseudonym, handoff_state, assignee, first = row
    now = now or utcnow()
    created = aware(case.created_at)
    if case.state == "queued":
        waiting = rules.waiting_seconds(created, now)
    else:
        waiting = rules.waiting_seconds(created, aware(case.taken_at or case.closed_at) or now)
    return {
        "id": case.id, "state": case.state, "level": case.level, "reason": case.reason,
        "categories": list(case.categories or []), "conversation": pseudonym, "handoff_state": handoff_state,
        "live": case.state == "with_staff" and handoff_state == "with_staff",
        "handed_back": case.handed_back_at is not None,
        "created_at": iso(case.created_at), "raised_at": iso(case.raised_at), "taken_at": iso(case.taken_at),
        "handed_back_at": iso(case.handed_back_at), "closed_at": iso(case.closed_at),
        "waiting_seconds": waiting, "no_staff_on_shift": case.no_staff_on_shift,
        "assignee": {"id": assignee.id, "name": assignee.display_name} if assignee is not None else None,
        "outcome": case.outcome, "follow_up_due": iso(case.follow_up_due), "alert_count": case.alert_count,
        "first_message": ({"id": first.id, "text": first.text, "created_at": iso(first.created_at),
                           "level": first.risk_level or "none", "evidence": _evidence(first.risk)}
                          if first is not None else None),
    }


@dataclasses.dataclass
class Opened:
    """What an open/raise did: enough to tell the young person and staff after commit."""

    case_id: int
    kind: str          # opened | raised | merged
    state: str
    level: str
    staff_on_shift: int
    wait_seconds: int | None
    requeued: bool = False


class EscalationService:
    def __init__(self, *, sessions, router, hub: EventHub, alerts: StaffAlerts, region: str = "default",
                 sla_high: int = 120, sla_imminent: int = 30) -> None:
        self._sessions = sessions
        self._router = router
        self.hub = hub
        self.alerts = alerts
        self._region = region
        self._sla_high = sla_high
        self._sla_imminent = sla_imminent
        # (staff id, case id) -> when its "view" was last audited: a console re-reading an open case on
        # every live event should not flood the audit log (one entry per 10 minutes per case and person).
        self._views: dict[tuple[int, int], float] = {}

    # -- helpers ---------------------------------------------------------------------------------
    def _hotline(self) -> str:
        return str(content.region(self._region)["hotlines"][0]["number"])

    async def _case(self, session, case_id: int) -> Case:
        case = await case_store.by_id(session, case_id)
        if case is None:
            raise NotFound(f"There is no case {case_id}.", code="case_not_found")
        return case

    async def _row_dict(self, session, case_id: int) -> dict[str, Any]:
        row = await case_store.listing_one(session, case_id)
        assert row is not None
        return case_dict(row)

    async def _system_message(self, session, conversation, text: str, staff_id: int | None = None) -> None:
        await conv_store.add_message(session, conversation, "system", text, staff_id=staff_id)

    async def _open(self, session, *, conversation, level: str, reason: str, categories: Sequence[str],
                    evidence: Sequence[dict[str, Any]], message_id: int | None, note: str | None = None,
                    existing=case_store._LOOKUP) -> Opened:
        """Open or raise inside the caller's transaction. The wait estimate comes later (``_estimate``),
        after the staff consoles have been told — they come first."""
        case, kind = await case_store.open_or_raise(session, conversation_id=conversation.id, level=level,
                                                    reason=reason, categories=categories, evidence=evidence,
                                                    message_id=message_id, existing=existing)
        if note:
            await case_store.add_event(session, case.id, "note", detail={"reason": reason, "note": note[:1000]})
        requeued = False
        if kind == "raised" and case.state == "with_staff" and case.handed_back_at is not None \
                and case.level in ("high", "imminent"):
            # Handed back, then a new high/imminent signal: back in the queue for whoever is free.
            case.state, case.handed_back_at, case.assignee_id = "queued", None, None
            await case_store.add_event(session, case.id, "requeued", detail={"level": case.level})
            requeued = True
        on_shift = 0
        if case.state == "queued":
            # one UPDATE, no read: the conversation waits for staff (unless staff already has it)
            await session.execute(update(Conversation).where(Conversation.id == case.conversation_id,
                                                             Conversation.handoff_state == "bot")
                                  .values(handoff_state="queued").execution_options(synchronize_session="evaluate"))
            if kind in ("opened", "raised"):
                on_shift = await staff_store.on_shift_count(session)
                if on_shift == 0:
                    if not case.no_staff_on_shift:
                        await case_store.add_event(session, case.id, "no_staff_on_shift")
                    case.no_staff_on_shift = True
        return Opened(case.id, kind, case.state, case.level, on_shift, None, requeued)

    async def _estimate(self, opened: Opened) -> None:
        """Fill in the likely wait of a queued case (nobody on shift: stays ``None``)."""
        if opened.state != "queued" or opened.staff_on_shift == 0:
            return
        async with self._sessions() as session:
            case = await case_store.by_id(session, opened.case_id)
            if case is None:
                return
            opened.wait_seconds = rules.estimate_wait_seconds(opened.staff_on_shift,
                                                              await case_store.live_count(session),
                                                              await case_store.queue_ahead(session, case))

    async def _retrying(self, work):
        """Run ``work(session)`` in a transaction; once more if it lost a race to open the same case."""
        try:
            async with self._sessions.begin() as session:
                return await work(session)
        except IntegrityError:
            async with self._sessions.begin() as session:
                return await work(session)

    def _announce(self, opened: Opened, case: dict[str, Any]) -> None:
        """After commit: consoles and the staff group."""
        if opened.kind in ("opened", "raised"):
            self.hub.publish_case(opened.kind, case)
            if opened.kind == "opened" or case["level"] in ("high", "imminent"):
                if opened.state == "queued":
                    self.alerts.case_alert(opened.kind, opened.case_id, case["level"], case["waiting_seconds"])

    def _notice(self, opened: Opened, lang: str) -> list[Reply]:
        """What the young person is told — once per case opening or raise, only while waiting."""
        if opened.kind not in ("opened", "raised") or opened.state != "queued":
            return []
        return [Reply(rules.queued_notice(lang, opened.wait_seconds if opened.staff_on_shift else None,
                                          content.hotlines(lang, self._region)), sender="system")]

    # -- the router's port ---------------------------------------------------------------------------
    async def on_user_message(self, conversation: ConversationRef, message_id: int, assessment,
                              history: Sequence[str]) -> EscalationOutcome:
        level = assessment.level
        if level not in ("medium", "high", "imminent"):
            if conversation.handoff_state == "queued":
                await self._publish_user_message(conversation.id, message_id)
            return EscalationOutcome()

        async def work(session):
            existing = await case_store.open_case(session, conversation.id)
            earlier: list[str | None] = []
            if level == "medium" and existing is None:
                earlier = await case_store.earlier_risk_levels(session, conversation.id, before_id=message_id)
            case_level = rules.case_level_for(level, earlier, has_open_case=existing is not None)
            if case_level is None:
                return None, None
            evidence = [{**e, "message_id": message_id} for e in assessment.to_dict().get("evidence", [])]
            opened = await self._open(session, conversation=conversation, level=case_level, reason="risk",
                                      categories=assessment.categories, evidence=evidence, message_id=message_id,
                                      existing=existing)
            return opened, await self._row_dict(session, opened.case_id)

        opened, case = await self._retrying(work)
        if opened is None:
            return EscalationOutcome()
        self._announce(opened, case)
        if opened.kind == "merged" and conversation.handoff_state == "queued":
            await self._publish_user_message(conversation.id, message_id)
        notice = []
        if opened.kind in ("opened", "raised"):
            await self._estimate(opened)
            notice = self._notice(opened, conversation.language)
        return EscalationOutcome(replies=notice)

    async def _publish_user_message(self, conversation_id: int, message_id: int) -> None:
        async with self._sessions() as session:
            case = await case_store.open_case(session, conversation_id)
            message = await session.get(Message, message_id)
            if case is None or message is None:
                return
            data = await self._row_dict(session, case.id)
        self.hub.publish_message(data, message_dict(message))

    async def relay_to_staff(self, conversation: ConversationRef, message_id: int, text: str, assessment) -> None:
        """The user wrote while with staff: the router stored it; push it to the console (raise if needed)."""
        opened = None
        async with self._sessions.begin() as session:
            case = await case_store.open_case(session, conversation.id)
            conv = await conv_store.conversation_by_id(session, conversation.id)
            if case is None:
                # Should not happen (closing returns the conversation to the bot); never leave the user unheard.
                log.error("conversation %s is with staff but has no open case", conversation.pseudonym)
                conv.handoff_state = "bot"
                fallback = content.fallback_reply(conversation.language, self._region)
            else:
                fallback = None
                if assessment.level in ("high", "imminent"):
                    evidence = [{**e, "message_id": message_id} for e in assessment.to_dict().get("evidence", [])]
                    opened = await self._open(session, conversation=conv, level=assessment.level, reason="risk",
                                              categories=assessment.categories, evidence=evidence,
                                              message_id=message_id)
                message = await session.get(Message, message_id)
                data = await self._row_dict(session, case.id)
        if fallback is not None:
            await self._router.deliver(conversation.id, Reply(fallback, sender="system"))
            return
        if opened is not None:
            self._announce(opened, data)
        self.hub.publish_message(data, message_dict(message))

    # -- internal endpoint (action server) ------------------------------------------------------------
    async def request_case(self, *, pseudonym: str, reason: str, level: str, categories: Sequence[str],
                           evidence: Sequence[dict[str, Any]], note: str | None) -> dict[str, Any]:
        async def work(session):
            conv = await conv_store.conversation_by_pseudonym(session, pseudonym)
            if conv is None:
                raise NotFound("No conversation with that pseudonym.", code="conversation_not_found")
            message_id = await case_store.latest_inbound_id(session, conv.id)
            opened = await self._open(session, conversation=conv, level=level, reason=reason, categories=categories,
                                      evidence=evidence, message_id=message_id, note=note)
            if opened.kind == "merged" and opened.state == "queued":
                opened.staff_on_shift = await staff_store.on_shift_count(session)
            await audit.record(session, None, "case_request", case_id=opened.case_id, conversation=pseudonym,
                               detail={"reason": reason, "level": level, "result": opened.kind})
            return opened, await self._row_dict(session, opened.case_id)

        opened, case = await self._retrying(work)
        self._announce(opened, case)
        await self._estimate(opened)
        on_shift = opened.staff_on_shift > 0
        if opened.state != "queued":
            async with self._sessions() as session:
                on_shift = await staff_store.on_shift_count(session) > 0
        return {"case_id": opened.case_id, "state": opened.state, "level": opened.level,
                "result": opened.kind, "staff_on_shift": on_shift,
                "estimated_wait_seconds": opened.wait_seconds if opened.state == "queued" else None}

    # -- staff actions ---------------------------------------------------------------------------------
    async def me(self, actor: Actor) -> dict[str, Any]:
        async with self._sessions() as session:
            staff = await staff_store.by_id(session, actor.id)
            return staff_dict(staff)

    async def set_shift(self, actor: Actor, on_shift: Any) -> dict[str, Any]:
        if not isinstance(on_shift, bool):
            raise InvalidInput('"on_shift" must be true or false.', code="invalid_on_shift")
        async with self._sessions.begin() as session:
            staff = await staff_store.by_id(session, actor.id)
            staff.on_shift = on_shift
            await audit.record(session, actor, "shift_on" if on_shift else "shift_off")
            data = staff_dict(staff)
        self.hub.publish({"type": "staff", "event": "shift", "staff": {"id": actor.id, "on_shift": on_shift}})
        return data

    async def list_cases(self, actor: Actor, state: str | None) -> list[dict[str, Any]]:
        if state == "follow_up":
            async with self._sessions() as session:
                rows = await case_store.follow_ups(session)
            now = utcnow()
            return [case_dict(row, now) for row in rows]
        if state in (None, "", "open"):
            states: tuple[str, ...] = rules.OPEN_STATES
        elif state in rules.STATES:
            states = (state,)
        else:
            raise InvalidInput('"state" must be open, queued, with_staff, closed or follow_up.',
                               code="invalid_state")
        async with self._sessions() as session:
            rows = await case_store.listing(session, states)
        now = utcnow()
        return [case_dict(row, now) for row in rows]

    async def case_detail(self, actor: Actor, case_id: int) -> dict[str, Any]:
        async with self._sessions.begin() as session:
            row = await case_store.listing_one(session, case_id)
            if row is None:
                raise NotFound(f"There is no case {case_id}.", code="case_not_found")
            case = row[0]
            data = case_dict(row)
            messages = await conv_store.messages_of(session, case.conversation_id)
            names = {s.id: s.display_name for s in await staff_store.all_staff(session)}
            data["messages"] = [message_dict(m, names.get(m.staff_id)) for m in messages]
            data["evidence"] = list(case.evidence or [])
            data["notes"] = case.notes
            data["previous_cases"] = [
                {"id": c.id, "state": c.state, "level": c.level, "created_at": iso(c.created_at),
                 "closed_at": iso(c.closed_at), "outcome": c.outcome, "categories": list(c.categories or [])}
                for c in await case_store.previous_cases(session, case.conversation_id, case.id)]
            data["events"] = [{"kind": e.kind, "at": iso(e.at), "staff": names.get(e.staff_id),
                               "detail": {k: v for k, v in (e.detail or {}).items() if k != "note"}}
                              for e in await case_store.events_of(session, case.id)]
            now = time.monotonic()
            if now - self._views.get((actor.id, case.id), -VIEW_AUDIT_SECONDS) >= VIEW_AUDIT_SECONDS:
                if len(self._views) > 10000:
                    self._views.clear()
                self._views[(actor.id, case.id)] = now
                await audit.record(session, actor, "view", case_id=case.id, conversation=data["conversation"])
        return data

    async def take(self, actor: Actor, case_id: int) -> dict[str, Any]:
        async with self._sessions.begin() as session:
            case = await self._case(session, case_id)
            conv = await conv_store.conversation_by_id(session, case.conversation_id)
            mode = rules.check_take(case.state, case.assignee_id, case.handed_back_at is not None, actor)
            now = utcnow()
            if mode == "take":
                if not await case_store.take_if_queued(session, case.id, actor.id, now):
                    raise Conflict("Another counsellor has just taken this case.", code="taken_by_other")
                await session.refresh(case)
            else:
                case.handed_back_at = None
            conv.handoff_state = "with_staff"
            await case_store.add_event(session, case.id, "taken" if mode == "take" else "resumed", staff_id=actor.id)
            await audit.record(session, actor, "take", case_id=case.id, conversation=conv.pseudonym,
                               detail={"mode": mode})
            notice = rules.joined_notice(conv.language or "zh", actor.display_name, self._hotline())
            await self._system_message(session, conv, notice, staff_id=actor.id)
            data = await self._row_dict(session, case.id)
        await self._router.deliver(case.conversation_id, Reply(notice, sender="system"))
        self.hub.publish_case("taken", data)
        return data

    async def post_message(self, actor: Actor, case_id: int, text: str) -> dict[str, Any]:
        async with self._sessions.begin() as session:
            case = await self._case(session, case_id)
            conv = await conv_store.conversation_by_id(session, case.conversation_id)
            rules.check_post(case.state, case.assignee_id,
                             conv.handoff_state == "with_staff" and case.handed_back_at is None, actor)
            message = await conv_store.add_message(session, conv, "staff", text, staff_id=actor.id)
            await audit.record(session, actor, "message", case_id=case.id, conversation=conv.pseudonym,
                               detail={"message_id": message.id})
            message_data = message_dict(message, actor.display_name)
            data = await self._row_dict(session, case.id)
        delivered = await self._router.deliver(case.conversation_id,
                                               Reply(text, sender="staff", name=actor.display_name))
        self.hub.publish_message(data, message_data)
        return {**message_data, "delivered": delivered}

    async def handback(self, actor: Actor, case_id: int) -> dict[str, Any]:
        async with self._sessions.begin() as session:
            case = await self._case(session, case_id)
            conv = await conv_store.conversation_by_id(session, case.conversation_id)
            rules.check_handback(case.state, case.assignee_id,
                                 conv.handoff_state == "with_staff" and case.handed_back_at is None, actor)
            case.handed_back_at = utcnow()
            conv.handoff_state = "bot"
            await case_store.add_event(session, case.id, "handed_back", staff_id=actor.id)
            await audit.record(session, actor, "handback", case_id=case.id, conversation=conv.pseudonym)
            notice = rules.handback_notice(conv.language or "zh")
            await self._system_message(session, conv, notice)
            data = await self._row_dict(session, case.id)
        await self._router.deliver(case.conversation_id, Reply(notice, sender="system"))
        self.hub.publish_case("handed_back", data)
        return data

    async def close(self, actor: Actor, case_id: int, body: Any) -> dict[str, Any]:
        outcome, note, follow_up = rules.parse_close(body)
        notice = None
        async with self._sessions.begin() as session:
            case = await self._case(session, case_id)
            conv = await conv_store.conversation_by_id(session, case.conversation_id)
            rules.check_close(case.state, case.assignee_id, actor)
            case.state, case.closed_at, case.closed_by_id = "closed", utcnow(), actor.id
            case.outcome, case.notes, case.follow_up_due = outcome, note or None, follow_up
            if conv.handoff_state == "with_staff":
                notice = rules.handback_notice(conv.language or "zh")
                await self._system_message(session, conv, notice)
            conv.handoff_state = "bot"
            await case_store.add_event(session, case.id, "closed", staff_id=actor.id,
                                       detail={"outcome": outcome, "follow_up_due": iso(follow_up)})
            await audit.record(session, actor, "close", case_id=case.id, conversation=conv.pseudonym,
                               detail={"outcome": outcome})
            data = await self._row_dict(session, case.id)
        if notice:
            await self._router.deliver(case.conversation_id, Reply(notice, sender="system"))
        self.hub.publish_case("closed", data)
        return data

    async def close_for_erasure(self, conversation_id: int) -> list[int]:
        """The young person asked to erase their data: close their open cases (outcome ``user_erasure``)
        and tell the staff consoles, before the conversation is deleted. No message text is kept."""
        from escalation.store import privacy as privacy_store

        async with self._sessions.begin() as session:
            closed = await privacy_store.close_cases_for_erasure(session, conversation_id)
            rows = [await self._row_dict(session, case_id) for case_id in closed]
        for row in rows:
            self.hub.publish_case("closed", {**row, "erasure_requested": True})
        return closed

    async def assign(self, actor: Actor, case_id: int, body: Any) -> dict[str, Any]:
        staff_id = body.get("staff_id") if isinstance(body, dict) else None
        if not isinstance(staff_id, int) or isinstance(staff_id, bool):
            raise InvalidInput('"staff_id" must be a staff member\'s id (a number).', code="invalid_staff_id")
        notice = None
        async with self._sessions.begin() as session:
            case = await self._case(session, case_id)
            rules.check_assign(case.state, actor)
            target = await staff_store.by_id(session, staff_id)
            if target is None or not target.active:
                raise InvalidInput("No active staff member with that id.", code="unknown_staff")
            conv = await conv_store.conversation_by_id(session, case.conversation_id)
            previous = case.assignee_id
            case.assignee_id = target.id
            await case_store.add_event(session, case.id, "reassigned", staff_id=actor.id,
                                       detail={"from": previous, "to": target.id})
            await audit.record(session, actor, "assign", case_id=case.id, conversation=conv.pseudonym,
                               detail={"from": previous, "to": target.id})
            if case.state == "with_staff" and conv.handoff_state == "with_staff" and previous != target.id:
                notice = rules.joined_notice(conv.language or "zh", target.display_name, self._hotline())
                await self._system_message(session, conv, notice, staff_id=target.id)
            data = await self._row_dict(session, case.id)
        if notice:
            await self._router.deliver(case.conversation_id, Reply(notice, sender="system"))
        self.hub.publish_case("assigned", data)
        return data

    async def staff_list(self, actor: Actor) -> list[dict[str, Any]]:
        async with self._sessions() as session:
            return [staff_dict(s) for s in await staff_store.all_staff(session) if s.active]

    async def audit_log(self, actor: Actor, limit: int = 200) -> list[dict[str, Any]]:
        if not actor.supervisor:
            raise Forbidden("Only supervisors can read the audit log.", code="supervisor_only")
        async with self._sessions.begin() as session:
            entries = [audit.entry_dict(e) for e in await audit_store.entries(session, limit=limit)]
            await audit.record(session, actor, "view_audit")
        return entries

    # -- SLA ------------------------------------------------------------------------------------------
    async def sla_tick(self, now: dt.datetime | None = None) -> list[int]:
        """Re-alert queued high/imminent cases nobody took within their SLA. Returns the case ids alerted."""
        now = now or utcnow()
        due: list[dict[str, Any]] = []
        async with self._sessions.begin() as session:
            for case in await case_store.queued_urgent(session):
                since = aware(case.raised_at or case.created_at)
                if rules.sla_due(case.level, since, aware(case.last_alert_at), now,
                                 sla_high=self._sla_high, sla_imminent=self._sla_imminent):
                    case.last_alert_at = now
                    case.alert_count = (case.alert_count or 0) + 1
                    await case_store.add_event(session, case.id, "sla_alert", detail={"count": case.alert_count})
                    due.append(await self._row_dict(session, case.id))
            supervisors = [s.id for s in await staff_store.supervisors(session)]
        for case in due:
            self.hub.publish_alert({"event": "sla", "case": case, "supervisors": supervisors})
            self.alerts.case_alert("sla", case["id"], case["level"], case["waiting_seconds"])
        return [c["id"] for c in due]

    async def sla_loop(self, interval: float) -> None:
        while True:
            await asyncio.sleep(interval)
            try:
                await self.sla_tick()
            except Exception:  # noqa: BLE001 - keep the loop alive; the next tick retries
                log.exception("SLA check failed")
