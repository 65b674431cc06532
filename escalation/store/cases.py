"""Query functions for cases and their events. Session first; the caller owns the transaction.

The rules (what opens a case, what a level merge gives, who may do what) live in ``escalation.cases``;
these functions only read and write rows.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from escalation import cases as rules

from .models import Case, CaseEvent, Conversation, Message, Staff, utcnow


def aware(value: dt.datetime | None) -> dt.datetime | None:
    """SQLite gives naive datetimes back; everything here is UTC."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=dt.timezone.utc)
    return value


async def open_case(session: AsyncSession, conversation_id: int) -> Case | None:
    return await session.scalar(select(Case).where(Case.conversation_id == conversation_id,
                                                   Case.state.in_(rules.OPEN_STATES)))


async def by_id(session: AsyncSession, case_id: int) -> Case | None:
    return await session.get(Case, case_id)


async def add_event(session: AsyncSession, case_id: int, kind: str, *, staff_id: int | None = None,
                    detail: dict[str, Any] | None = None) -> CaseEvent:
    event = CaseEvent(case_id=case_id, kind=kind, staff_id=staff_id, detail=detail)
    session.add(event)
    await session.flush()
    return event


async def events_of(session: AsyncSession, case_id: int) -> list[CaseEvent]:
    return list((await session.scalars(select(CaseEvent).where(CaseEvent.case_id == case_id)
                                       .order_by(CaseEvent.id))).all())


_LOOKUP = object()


async def open_or_raise(session: AsyncSession, *, conversation_id: int, level: str, reason: str,
                        categories: Sequence[str], evidence: Sequence[dict[str, Any]],
                        message_id: int | None, staff_id: int | None = None,
                        existing: Case | None | object = _LOOKUP) -> tuple[Case, str]:
    """Open the conversation's case, or merge into its open one. Returns ``(case, "opened"|"raised"|"merged")``.

    Idempotent: one open case per conversation. Two first messages racing to open it are stopped by the
    partial unique index ``uq_cases_open_conversation``: the loser gets ``IntegrityError`` and the caller
    retries its transaction once (it then finds the winner's case). Pass ``existing`` when already looked up.
    """
    if existing is _LOOKUP:
        existing = await open_case(session, conversation_id)
    if existing is None:
        case = Case(conversation_id=conversation_id, state="queued", level=level, reason=reason,
                    categories=list(dict.fromkeys(categories)),
                    evidence=[{**e, "message_id": e.get("message_id", message_id)} for e in evidence],
                    first_message_id=message_id, alert_count=0, no_staff_on_shift=False)
        session.add(case)
        await session.flush()
        await add_event(session, case.id, "opened", staff_id=staff_id,
                        detail={"level": level, "reason": reason, "message_id": message_id})
        return case, "opened"
    assert isinstance(existing, Case)
    merged = rules.merge(existing.level, existing.categories or [], existing.evidence or [], level,
                         categories, evidence, message_id=message_id)
    existing.categories = merged.categories
    existing.evidence = merged.evidence
    if existing.first_message_id is None and message_id is not None:
        existing.first_message_id = message_id
    if merged.raised:
        previous = existing.level
        existing.level = merged.level
        existing.raised_at = utcnow()
        await add_event(session, existing.id, "raised", staff_id=staff_id,
                        detail={"from": previous, "to": merged.level, "reason": reason, "message_id": message_id})
        return existing, "raised"
    return existing, "merged"


async def earlier_risk_levels(session: AsyncSession, conversation_id: int, *, before_id: int,
                              limit: int = 50) -> list[str | None]:
    rows = await session.scalars(select(Message.risk_level).where(
        Message.conversation_id == conversation_id, Message.direction == "in", Message.id < before_id)
        .order_by(Message.id.desc()).limit(limit))
    return list(rows.all())


async def latest_inbound_id(session: AsyncSession, conversation_id: int) -> int | None:
    return await session.scalar(select(func.max(Message.id)).where(Message.conversation_id == conversation_id,
                                                                   Message.direction == "in"))


async def take_if_queued(session: AsyncSession, case_id: int, staff_id: int, now: dt.datetime) -> bool:
    """Atomically move a queued case to ``with_staff`` (two counsellors clicking at once: one wins)."""
    result = await session.execute(update(Case).where(Case.id == case_id, Case.state == "queued")
                                   .values(state="with_staff", assignee_id=staff_id, taken_at=now,
                                           handed_back_at=None)
                                   .execution_options(synchronize_session="fetch"))
    return result.rowcount == 1


_Assignee = aliased(Staff)
_First = aliased(Message)


def _listing():
    return (select(Case, Conversation.pseudonym, Conversation.handoff_state, _Assignee, _First)
            .join(Conversation, Conversation.id == Case.conversation_id)
            .outerjoin(_Assignee, _Assignee.id == Case.assignee_id)
            .outerjoin(_First, _First.id == Case.first_message_id))


async def listing(session: AsyncSession, states: Sequence[str], *, limit: int = 200) -> list[tuple]:
    """Rows ``(case, pseudonym, handoff_state, assignee|None, first_message|None)``; open cases by priority,
    closed ones most recent first."""
    query = _listing().where(Case.state.in_(states))
    if "closed" in states:
        query = query.order_by(Case.closed_at.desc().nulls_last(), Case.id.desc()).limit(limit)
        return [tuple(r) for r in (await session.execute(query)).all()]
    rows = [tuple(r) for r in (await session.execute(query)).all()]
    rows.sort(key=lambda r: rules.priority_key(r[0].level, aware(r[0].created_at), r[0].id))
    return rows[:limit]


async def follow_ups(session: AsyncSession, *, limit: int = 200) -> list[tuple]:
    """Closed cases with a follow-up date, the earliest due first (the console's reminder list)."""
    query = _listing().where(Case.state == "closed", Case.follow_up_due.is_not(None)) \
        .order_by(Case.follow_up_due, Case.id).limit(limit)
    return [tuple(r) for r in (await session.execute(query)).all()]


async def listing_one(session: AsyncSession, case_id: int) -> tuple | None:
    row = (await session.execute(_listing().where(Case.id == case_id))).first()
    return tuple(row) if row is not None else None


async def previous_cases(session: AsyncSession, conversation_id: int, exclude_id: int) -> list[Case]:
    rows = await session.scalars(select(Case).where(Case.conversation_id == conversation_id, Case.id != exclude_id)
                                 .order_by(Case.id.desc()).limit(20))
    return list(rows.all())


async def queue_ahead(session: AsyncSession, case: Case) -> int:
    """How many queued cases come before this one."""
    rows = (await session.execute(select(Case.id, Case.level, Case.created_at).where(Case.state == "queued"))).all()
    mine = rules.priority_key(case.level, aware(case.created_at), case.id)
    return sum(1 for cid, level, created in rows
               if cid != case.id and rules.priority_key(level, aware(created), cid) < mine)


async def live_count(session: AsyncSession) -> int:
    """Cases in a live chat with staff (their counsellors are busy)."""
    return await session.scalar(select(func.count(Case.id)).where(Case.state == "with_staff",
                                                                 Case.handed_back_at.is_(None))) or 0


async def queued_urgent(session: AsyncSession) -> list[Case]:
    rows = await session.scalars(select(Case).where(Case.state == "queued", Case.level.in_(("high", "imminent"))))
    return list(rows.all())
