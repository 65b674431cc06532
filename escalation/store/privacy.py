"""Query functions for privacy features: update de-duplication, erasure and retention.

Each takes the session first; the caller owns the transaction. Nothing here stores message text:
the audit entries written for erasure and retention record only that it happened.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from .conversations import delete_conversation
from .models import AuditEntry, Case, CaseEvent, Conversation, ProcessedUpdate, utcnow


async def claim_update(session: AsyncSession, channel: str, update_id: int) -> bool:
    """Remember an update id; False when it was already claimed (a retry of a handled update)."""
    try:
        async with session.begin_nested():
            session.add(ProcessedUpdate(channel=channel, update_id=update_id))
    except IntegrityError:
        return False
    return True


async def delete_processed_updates(session: AsyncSession, channel: str, before: dt.datetime) -> int:
    result = await session.execute(delete(ProcessedUpdate).where(ProcessedUpdate.channel == channel,
                                                                 ProcessedUpdate.created_at < before))
    return result.rowcount or 0


async def open_case_ids(session: AsyncSession, conversation_id: int) -> list[int]:
    rows = await session.scalars(select(Case.id).where(Case.conversation_id == conversation_id,
                                                       Case.state != "closed").order_by(Case.id))
    return list(rows.all())


async def close_cases_for_erasure(session: AsyncSession, conversation_id: int) -> list[int]:
    """Close the conversation's open cases with outcome ``user_erasure`` (used when no escalation
    service is running to do it and notify staff)."""
    ids = await open_case_ids(session, conversation_id)
    now = utcnow()
    for case_id in ids:
        await session.execute(update(Case).where(Case.id == case_id).values(
            state="closed", closed_at=now, outcome="user_erasure"))
        session.add(CaseEvent(case_id=case_id, kind="closed", at=now, detail={"outcome": "user_erasure"}))
    await session.flush()
    return ids


async def erase_conversation(session: AsyncSession, conversation_id: int, *, actor: str = "user",
                             detail: dict[str, Any] | None = None) -> bool:
    """Delete a conversation (messages, cases, check-ins) and write an audit entry without any text."""
    conversation = await session.get(Conversation, conversation_id)
    if conversation is None:
        return False
    session.add(AuditEntry(actor=actor, action="erasure", conversation=conversation.pseudonym,
                           detail=detail or None))
    await delete_conversation(session, conversation_id)
    return True


async def record_retention_run(session: AsyncSession, deleted: int, updates_deleted: int) -> None:
    session.add(AuditEntry(actor="system", action="retention",
                           detail={"conversations_deleted": deleted, "processed_updates_deleted": updates_deleted}))
