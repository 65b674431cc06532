"""A user's erasure request closes their open case and tells the staff consoles (no text kept)."""
from __future__ import annotations

from sqlalchemy import select

from bot.app import ROUTER, SESSIONS
from bot.privacy import erase
from escalation.cases import Actor
from escalation.store.models import AuditEntry, Case, Message


async def test_erasure_closes_the_open_case_and_tells_staff(client, service):
    response = await client.post("/api/chat", json={"user": "erase-me", "text": "I want to kill myself tonight"})
    assert response.status == 200
    router = client.app[ROUTER]
    conversation = await router.conversation("api", "erase-me")
    async with client.app[SESSIONS]() as session:
        case = (await session.scalars(select(Case).where(Case.conversation_id == conversation.id))).one()
    assert case.state == "queued"
    sub = service.hub.subscribe(Actor(id=1, username="admin", role="supervisor", display_name="admin"))
    try:
        await erase(router, client.app[SESSIONS], conversation)
        event = sub.queue.get_nowait()
    finally:
        service.hub.unsubscribe(sub)
    assert event["event"] == "closed" and event["case"]["id"] == case.id
    assert event["case"]["erasure_requested"] is True and event["case"]["outcome"] == "user_erasure"
    async with client.app[SESSIONS]() as session:
        assert (await session.scalars(select(Message).where(Message.conversation_id == conversation.id))).all() == []
        assert await session.get(Case, case.id) is None
        audit = (await session.scalars(select(AuditEntry).where(AuditEntry.action == "erasure"))).all()
    assert [a.conversation for a in audit] == [conversation.pseudonym]
    assert "kill" not in str(audit[0].detail)
