"""Query functions for conversations and messages. Each takes the session first; the caller owns
the transaction (``async with sessionmaker.begin() as session:``)."""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from .models import Case, Conversation, Message, MoodCheckin, utcnow


async def get_or_create_conversation(session: AsyncSession, *, user_hash: str, pseudonym: str,
                                     channel: str) -> Conversation:
    """The conversation of a channel user, created on first contact (safe under concurrent first messages)."""
    found = await session.scalar(select(Conversation).where(Conversation.user_hash == user_hash))
    if found is not None:
        return found
    conversation = Conversation(user_hash=user_hash, pseudonym=pseudonym, channel=channel)
    try:
        async with session.begin_nested():
            session.add(conversation)
    except IntegrityError:
        found = await session.scalar(select(Conversation).where(Conversation.user_hash == user_hash))
        assert found is not None
        return found
    return conversation


async def conversation_by_pseudonym(session: AsyncSession, pseudonym: str) -> Conversation | None:
    return await session.scalar(select(Conversation).where(Conversation.pseudonym == pseudonym))


async def conversation_by_id(session: AsyncSession, conversation_id: int) -> Conversation | None:
    return await session.get(Conversation, conversation_id)


async def add_message(session: AsyncSession, conversation: Conversation, direction: str, text: str, *,
                      risk: dict[str, Any] | None = None, staff_id: int | None = None,
                      meta: dict[str, Any] | None = None) -> Message:
    message = Message(conversation_id=conversation.id, direction=direction, text=text,
                      risk=risk, risk_level=(risk or {}).get("level"), staff_id=staff_id, meta=meta)
    session.add(message)
    conversation.last_message_at = utcnow()
    await session.flush()
    return message


async def set_message_risk(session: AsyncSession, message_id: int, risk: dict[str, Any]) -> None:
    message = await session.get(Message, message_id)
    if message is not None:
        message.risk = risk
        message.risk_level = risk.get("level")


async def recent_inbound_texts(session: AsyncSession, conversation_id: int, *, before_id: int,
                               limit: int) -> list[str]:
    """The user's earlier messages, oldest first (the ``history`` the risk screen reads)."""
    rows = await session.scalars(
        select(Message.text).where(Message.conversation_id == conversation_id, Message.direction == "in",
                                   Message.id < before_id).order_by(Message.id.desc()).limit(limit))
    return list(reversed(rows.all()))


async def messages_of(session: AsyncSession, conversation_id: int, limit: int = 500) -> list[Message]:
    rows = await session.scalars(select(Message).where(Message.conversation_id == conversation_id)
                                 .order_by(Message.id).limit(limit))
    return list(rows.all())


async def add_mood(session: AsyncSession, conversation_id: int, score: int) -> MoodCheckin:
    checkin = MoodCheckin(conversation_id=conversation_id, score=score)
    session.add(checkin)
    await session.flush()
    return checkin


async def recent_moods(session: AsyncSession, conversation_id: int, limit: int = 7) -> list[MoodCheckin]:
    rows = await session.scalars(select(MoodCheckin).where(MoodCheckin.conversation_id == conversation_id)
                                 .order_by(MoodCheckin.id.desc()).limit(limit))
    return list(rows.all())


async def data_summary(session: AsyncSession, conversation_id: int) -> dict[str, Any]:
    """Counts and dates of what is stored about one conversation (for /mydata)."""
    count, first, last = (await session.execute(
        select(func.count(Message.id), func.min(Message.created_at), func.max(Message.created_at))
        .where(Message.conversation_id == conversation_id))).one()
    cases = await session.scalar(select(func.count(Case.id)).where(Case.conversation_id == conversation_id))
    moods = await session.scalar(select(func.count(MoodCheckin.id))
                                 .where(MoodCheckin.conversation_id == conversation_id))
    return {"messages": count, "first_message_at": first, "last_message_at": last, "cases": cases,
            "mood_checkins": moods}


async def delete_conversation(session: AsyncSession, conversation_id: int) -> None:
    """Erase a conversation with its messages, cases and check-ins (cascades)."""
    await session.execute(delete(Message).where(Message.conversation_id == conversation_id))
    await session.execute(delete(MoodCheckin).where(MoodCheckin.conversation_id == conversation_id))
    await session.execute(delete(Case).where(Case.conversation_id == conversation_id))
    await session.execute(delete(Conversation).where(Conversation.id == conversation_id))


async def expired_conversation_ids(session: AsyncSession, *, idle_before: dt.datetime,
                                   closed_case_before: dt.datetime) -> list[int]:
    """Conversations due for deletion: no case and idle since ``idle_before``; or only closed cases,
    all closed before ``closed_case_before``."""
    has_open = select(Case.id).where(Case.conversation_id == Conversation.id, Case.state != "closed").exists()
    has_case = select(Case.id).where(Case.conversation_id == Conversation.id).exists()
    recent_closed = select(Case.id).where(Case.conversation_id == Conversation.id,
                                          Case.closed_at >= closed_case_before).exists()
    rows = await session.scalars(select(Conversation.id).where(
        ((~has_case) & (Conversation.last_message_at < idle_before))
        | (has_case & ~has_open & ~recent_closed & (Conversation.last_message_at < idle_before))))
    return list(rows.all())
