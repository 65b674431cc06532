"""Case and staff queries on SQLite and PostgreSQL (the shared ``store_url`` / ``db_session`` fixtures)."""
from __future__ import annotations

import asyncio
import datetime as dt
import secrets

import pytest
from sqlalchemy.exc import IntegrityError

from escalation.store import cases as case_store
from escalation.store import conversations as conv_store
from escalation.store import staff as staff_store
from escalation.store.db import create_engine, sessionmaker
from escalation.store.models import Case


async def new_conversation(session):
    h = secrets.token_hex(32)
    return await conv_store.get_or_create_conversation(session, user_hash=h, pseudonym="u-" + h[:10], channel="api")


async def test_open_merge_raise_in_one_transaction(db_session):
    conv = await new_conversation(db_session)
    m1 = await conv_store.add_message(db_session, conv, "in", "first", risk={"level": "high"})
    case, kind = await case_store.open_or_raise(db_session, conversation_id=conv.id, level="high", reason="risk",
                                                categories=["suicidal_ideation"],
                                                evidence=[{"term": "x", "start": 0, "end": 1}], message_id=m1.id)
    assert kind == "opened" and case.first_message_id == m1.id
    m2 = await conv_store.add_message(db_session, conv, "in", "second", risk={"level": "medium"})
    same, kind = await case_store.open_or_raise(db_session, conversation_id=conv.id, level="medium", reason="risk",
                                                categories=["hopelessness"], evidence=[], message_id=m2.id)
    assert (same.id, kind, same.level, same.first_message_id) == (case.id, "merged", "high", m1.id)
    assert same.categories == ["suicidal_ideation", "hopelessness"]
    _, kind = await case_store.open_or_raise(db_session, conversation_id=conv.id, level="imminent", reason="risk",
                                             categories=[], evidence=[], message_id=m2.id)
    assert kind == "raised" and same.level == "imminent" and same.raised_at is not None
    assert [e.kind for e in await case_store.events_of(db_session, case.id)] == ["opened", "raised"]
    assert await case_store.earlier_risk_levels(db_session, conv.id, before_id=m2.id) == ["high"]


async def test_a_second_open_case_is_refused_by_the_index(db_session):
    conv = await new_conversation(db_session)
    await case_store.open_or_raise(db_session, conversation_id=conv.id, level="high", reason="risk",
                                   categories=[], evidence=[], message_id=None)
    with pytest.raises(IntegrityError):
        async with db_session.begin_nested():
            await case_store.open_or_raise(db_session, conversation_id=conv.id, level="high", reason="risk",
                                           categories=[], evidence=[], message_id=None, existing=None)
    # a closed case does not count: a new one may open
    (await case_store.open_case(db_session, conv.id)).state = "closed"
    _, kind = await case_store.open_or_raise(db_session, conversation_id=conv.id, level="requested",
                                             reason="request_human", categories=[], evidence=[], message_id=None)
    assert kind == "opened"


async def test_racing_first_messages_open_one_case(store_url):
    """Two transactions open the same conversation's case at once: the index stops one; its retry merges."""
    engine = create_engine(store_url)
    sessions = sessionmaker(engine)
    try:
        async with sessions.begin() as session:
            conv_id = (await new_conversation(session)).id

        async def open_once(level):
            async def work():
                async with sessions.begin() as session:
                    existing = await case_store.open_case(session, conv_id)
                    await asyncio.sleep(0.05)  # both have looked, neither has written
                    case, kind = await case_store.open_or_raise(session, conversation_id=conv_id, level=level,
                                                                reason="risk", categories=[level], evidence=[],
                                                                message_id=None, existing=existing)
                    return kind
            try:
                return await work()
            except IntegrityError:
                return "retried:" + await work()

        kinds = await asyncio.gather(open_once("high"), open_once("imminent"))
        async with sessions() as session:
            from sqlalchemy import select
            cases = list((await session.scalars(select(Case).where(Case.conversation_id == conv_id))).all())
        assert len(cases) == 1
        assert "opened" in kinds
        assert cases[0].level == "imminent" or kinds == ["opened", "retried:merged"]
    finally:
        await engine.dispose()


async def test_queue_helpers_and_staff_sessions(db_session):
    a = await new_conversation(db_session)
    b = await new_conversation(db_session)
    old, _ = await case_store.open_or_raise(db_session, conversation_id=a.id, level="high", reason="risk",
                                            categories=[], evidence=[], message_id=None)
    old.created_at = dt.datetime.now(dt.timezone.utc) - dt.timedelta(minutes=5)
    new, _ = await case_store.open_or_raise(db_session, conversation_id=b.id, level="imminent", reason="risk",
                                            categories=[], evidence=[], message_id=None)
    await db_session.flush()
    # the store is shared by the session's tests: compare, don't count absolutely
    assert await case_store.queue_ahead(db_session, new) < await case_store.queue_ahead(db_session, old)
    staff = await staff_store.create(db_session, username="u" + secrets.token_hex(4), display_name="陈老师",
                                     password_hash="x", on_shift=True)
    assert await case_store.take_if_queued(db_session, new.id, staff.id, dt.datetime.now(dt.timezone.utc))
    assert not await case_store.take_if_queued(db_session, new.id, staff.id, dt.datetime.now(dt.timezone.utc))
    token = secrets.token_hex(32)
    await staff_store.add_session(db_session, token_hash=token, staff_id=staff.id, csrf_token="c",
                                  expires_at=dt.datetime.now(dt.timezone.utc) + dt.timedelta(hours=1))
    found = await staff_store.session_with_staff(db_session, token)
    assert found is not None and found[1].id == staff.id
    later = dt.datetime.now(dt.timezone.utc) + dt.timedelta(hours=2)
    assert await staff_store.session_with_staff(db_session, token, now=later) is None
