"""Retention: old conversations go, recent ones and open cases stay (times injected)."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from bot.retention import run_retention
from escalation.store.db import create_engine, sessionmaker, upgrade
from escalation.store.models import AuditEntry, Case, Conversation, Message, ProcessedUpdate

NOW = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.timezone.utc)


def days_ago(n: float) -> dt.datetime:
    return NOW - dt.timedelta(days=n)


async def test_retention_deletes_old_conversations_and_keeps_recent_ones(tmp_path):
    url = f"sqlite+aiosqlite:///{tmp_path / 'retention.db'}"
    await upgrade(url)
    engine = create_engine(url)
    sessions = sessionmaker(engine)
    plan = {  # name: (idle days, case states with closed-days-ago)
        "idle_old": (31, []),
        "idle_recent": (29, []),
        "open_case_old": (400, [("queued", None)]),
        "closed_long_ago": (400, [("closed", 366)]),
        "closed_recently": (40, [("closed", 100)]),
        "closed_and_open": (400, [("closed", 400), ("with_staff", None)]),
    }
    ids = {}
    async with sessions.begin() as session:
        for name, (idle, cases) in plan.items():
            conversation = Conversation(pseudonym=f"u-{name}"[:32], channel="telegram", user_hash=name,
                                        created_at=days_ago(idle + 1), last_message_at=days_ago(idle))
            session.add(conversation)
            await session.flush()
            ids[name] = conversation.id
            session.add(Message(conversation_id=conversation.id, direction="in", text=f"text of {name}",
                                created_at=days_ago(idle)))
            for state, closed in cases:
                session.add(Case(conversation_id=conversation.id, state=state, level="high", reason="risk",
                                 closed_at=days_ago(closed) if closed else None))
        session.add(ProcessedUpdate(channel="telegram", update_id=1, created_at=days_ago(3)))
        session.add(ProcessedUpdate(channel="telegram", update_id=2, created_at=days_ago(0.1)))
        session.add(ProcessedUpdate(channel="telegram-group", update_id=3, created_at=days_ago(300)))
    result = await run_retention(sessions, retention_days=30, closed_case_retention_days=365, now=NOW)
    assert result.conversations_deleted == 2 and result.processed_updates_deleted == 1
    async with sessions() as session:
        left = set((await session.scalars(select(Conversation.user_hash))).all())
        texts = set((await session.scalars(select(Message.text))).all())
        updates = set((await session.execute(select(ProcessedUpdate.channel, ProcessedUpdate.update_id))).all())
        (audit,) = (await session.scalars(select(AuditEntry))).all()
    assert left == {"idle_recent", "open_case_old", "closed_recently", "closed_and_open"}
    assert texts == {f"text of {name}" for name in left}
    assert updates == {("telegram", 2), ("telegram-group", 3)}  # a group's one-time notice stays remembered
    assert audit.action == "retention" and audit.detail == {"conversations_deleted": 2,
                                                            "processed_updates_deleted": 1}
    # a second run finds nothing more
    again = await run_retention(sessions, retention_days=30, closed_case_retention_days=365, now=NOW)
    assert again.conversations_deleted == 0
    await engine.dispose()
