"""Store query functions, on SQLite and (when reachable) PostgreSQL, each test rolled back."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from escalation.store import conversations as store
from escalation.store.models import Case, Conversation, Message, MoodCheckin


import secrets

# Other suites share this database (some commit, e.g. race tests): every test uses its own users.
RUN = secrets.token_hex(4)


async def new_conversation(session, n: int = 1):
    key = f"{RUN}-{n}"
    return await store.get_or_create_conversation(session, user_hash=f"h{key}" * 4, pseudonym=f"u-{key}",
                                                  channel="web")


async def test_get_or_create_is_idempotent(db_session):
    first = await new_conversation(db_session)
    second = await new_conversation(db_session)
    assert first.id == second.id
    assert await db_session.scalar(select(func.count(Conversation.id))
                                   .where(Conversation.user_hash == first.user_hash)) == 1
    assert (await store.conversation_by_pseudonym(db_session, f"u-{RUN}-1")).id == first.id


async def test_messages_keep_order_and_risk(db_session):
    conversation = await new_conversation(db_session)
    ids = []
    for text in ("one", "two", "three"):
        ids.append((await store.add_message(db_session, conversation, "in", text)).id)
    await store.add_message(db_session, conversation, "out", "reply")
    await store.set_message_risk(db_session, ids[2], {"level": "high", "categories": ["x"], "evidence": []})
    history = await store.recent_inbound_texts(db_session, conversation.id, before_id=ids[2], limit=10)
    assert history == ["one", "two"]
    assert await store.recent_inbound_texts(db_session, conversation.id, before_id=ids[2], limit=1) == ["two"]
    messages = await store.messages_of(db_session, conversation.id)
    assert [m.text for m in messages] == ["one", "two", "three", "reply"]
    assert messages[2].risk_level == "high" and messages[2].risk["categories"] == ["x"]


async def test_unicode_and_long_text_round_trip(db_session):
    conversation = await new_conversation(db_session)
    text = "我真的好累😢 <script>alert(1)</script> " * 100
    message = await store.add_message(db_session, conversation, "in", text)
    await db_session.flush()
    assert (await db_session.get(Message, message.id)).text == text


async def test_delete_conversation_removes_everything(db_session):
    conversation = await new_conversation(db_session)
    other = await new_conversation(db_session, 2)
    await store.add_message(db_session, conversation, "in", "secret words")
    await store.add_message(db_session, other, "in", "other user")
    await store.add_mood(db_session, conversation.id, 3)
    db_session.add(Case(conversation_id=conversation.id, level="high", reason="risk"))
    await db_session.flush()
    await store.delete_conversation(db_session, conversation.id)
    mine = (conversation.id, other.id)
    texts = (await db_session.scalars(select(Message.text).where(Message.conversation_id.in_(mine)))).all()
    assert texts == ["other user"]
    assert await db_session.scalar(select(func.count(Case.id)).where(Case.conversation_id == conversation.id)) == 0
    assert await db_session.scalar(select(func.count(MoodCheckin.id))
                                   .where(MoodCheckin.conversation_id == conversation.id)) == 0
    assert await store.conversation_by_id(db_session, conversation.id) is None


async def test_data_summary_counts(db_session):
    conversation = await new_conversation(db_session)
    for text in ("a", "b"):
        await store.add_message(db_session, conversation, "in", text)
    await store.add_mood(db_session, conversation.id, 4)
    summary = await store.data_summary(db_session, conversation.id)
    assert summary["messages"] == 2 and summary["mood_checkins"] == 1 and summary["cases"] == 0
    assert summary["first_message_at"] is not None


async def test_expired_conversations(db_session):
    now = dt.datetime.now(dt.timezone.utc)
    old_plain = await new_conversation(db_session, 1)
    recent = await new_conversation(db_session, 2)
    old_open_case = await new_conversation(db_session, 3)
    old_closed_case = await new_conversation(db_session, 4)
    for conversation in (old_plain, old_open_case, old_closed_case):
        conversation.last_message_at = now - dt.timedelta(days=40)
    db_session.add(Case(conversation_id=old_open_case.id, level="high", reason="risk", state="queued"))
    db_session.add(Case(conversation_id=old_closed_case.id, level="high", reason="risk", state="closed",
                        closed_at=now - dt.timedelta(days=10)))
    await db_session.flush()
    ids = await store.expired_conversation_ids(db_session, idle_before=now - dt.timedelta(days=30),
                                               closed_case_before=now - dt.timedelta(days=365))
    assert old_plain.id in ids and not {recent.id, old_open_case.id, old_closed_case.id} & set(ids)
    ids = await store.expired_conversation_ids(db_session, idle_before=now - dt.timedelta(days=30),
                                               closed_case_before=now - dt.timedelta(days=5))
    assert {old_plain.id, old_closed_case.id} <= set(ids)
    assert not {recent.id, old_open_case.id} & set(ids)
