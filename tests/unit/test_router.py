"""The router with plain fakes for Rasa and escalation, on a real (temporary SQLite) store."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.identity import user_hash
from bot.router import EscalationOutcome, Inbound, MessageRouter, RasaUnavailable, Reply
from escalation.store import db
from escalation.store.models import Conversation, Message, MoodCheckin


class FakeRasa:
    def __init__(self, answers=None, fail=False):
        self.calls = []
        self.answers = answers if answers is not None else [{"recipient_id": "x", "text": "你好呀"}]
        self.fail = fail

    async def send(self, sender, text, metadata):
        self.calls.append((sender, text, metadata))
        if self.fail:
            raise RasaUnavailable("connection refused")
        return self.answers


class FakeEscalation:
    def __init__(self):
        self.seen, self.relayed = [], []

    async def on_user_message(self, conversation, message_id, assessment, history):
        self.seen.append((conversation, assessment, list(history)))
        return EscalationOutcome()

    async def relay_to_staff(self, conversation, message_id, text, assessment):
        self.relayed.append((conversation.pseudonym, text, assessment.level))


@pytest.fixture
async def sessions(tmp_path):
    url = f"sqlite+aiosqlite:///{tmp_path / 'r.db'}"
    await db.upgrade(url)
    engine = db.create_engine(url)
    yield db.sessionmaker(engine)
    await engine.dispose()


def make_router(sessions, rasa, escalation=None):
    return MessageRouter(sessions=sessions, rasa=rasa, secret_key="k", escalation=escalation)


async def all_messages(sessions):
    async with sessions() as session:
        return list((await session.scalars(select(Message).order_by(Message.id))).all())


async def test_stores_message_and_reply_and_passes_pseudonym_to_rasa(sessions):
    rasa = FakeRasa()
    router = make_router(sessions, rasa)
    replies = await router.handle(Inbound("web", "client-123456", "你好"))
    assert [r.text for r in replies] == ["你好呀"]
    sender, text, metadata = rasa.calls[0]
    assert sender.startswith("u-") and "client-123456" not in sender
    assert text == "你好" and metadata["language"] == "zh" and metadata["risk"]["level"] == "none"
    stored = await all_messages(sessions)
    assert [(m.direction, m.text) for m in stored] == [("in", "你好"), ("out", "你好呀")]
    assert stored[0].risk_level == "none"


async def test_raw_user_id_is_never_stored(sessions):
    router = make_router(sessions, FakeRasa())
    await router.handle(Inbound("telegram", "987654321", "hi", address="987654321"))
    async with sessions() as session:
        conversation = (await session.scalars(select(Conversation))).one()
    assert conversation.user_hash == user_hash("k", "telegram", "987654321")
    assert "987654321" not in (conversation.pseudonym + conversation.user_hash + conversation.address_enc)
    ref = await router.conversation("telegram", "987654321")
    assert ref.address == "987654321" and ref.pseudonym == conversation.pseudonym


async def test_rasa_down_gives_fallback_naming_the_help_line_and_keeps_the_message(sessions):
    router = make_router(sessions, FakeRasa(fail=True))
    replies = await router.handle(Inbound("api", "u1", "what can you do?"))
    assert len(replies) == 1 and "12355" in replies[0].text and replies[0].text.startswith("Sorry")
    assert [m.direction for m in await all_messages(sessions)] == ["in", "out"]


async def test_high_risk_gets_safety_reply_even_when_rasa_is_down(sessions):
    router = make_router(sessions, FakeRasa(fail=True))
    replies = await router.handle(Inbound("api", "u1", "I want to kill myself"))
    assert "12355" in replies[0].text and "Sorry" not in replies[0].text
    stored = await all_messages(sessions)
    assert stored[0].risk_level in ("high", "imminent")


async def test_imminent_puts_emergency_numbers_first(sessions):
    router = make_router(sessions, FakeRasa(fail=True))
    replies = await router.handle(Inbound("api", "u1", "我刚吃了半瓶安眠药"))
    text = replies[0].text
    assert text.index("120") < text.index("12355")


async def test_no_duplicate_safety_reply_when_rasa_already_sent_one(sessions):
    rasa = FakeRasa(answers=[{"text": "rasa safety text"},
                             {"custom": {"qingxin": {"event": "safety_reply", "level": "high"}}}])
    router = make_router(sessions, rasa)
    replies = await router.handle(Inbound("api", "u1", "I want to kill myself"))
    assert [r.text for r in replies] == ["rasa safety text"]


async def test_router_adds_safety_reply_when_rasa_did_not(sessions):
    router = make_router(sessions, FakeRasa(answers=[{"text": "ok"}]))
    replies = await router.handle(Inbound("api", "u1", "I want to kill myself"))
    assert "12355" in replies[0].text and replies[-1].text == "ok"


async def test_rasa_risk_signal_raises_the_level_and_is_stored(sessions):
    rasa = FakeRasa(answers=[{"text": "I'm here"},
                             {"custom": {"qingxin": {"event": "risk", "level": "high", "categories": ["suicidal_ideation"]}}}])
    escalation = FakeEscalation()
    router = make_router(sessions, rasa, escalation)
    replies = await router.handle(Inbound("api", "u1", "everything would be easier if I just stopped existing"))
    assert escalation.seen[0][1].level == "high"
    assert "12355" in replies[0].text
    assert (await all_messages(sessions))[0].risk_level == "high"


async def test_custom_payloads_are_stripped_and_moods_stored(sessions):
    rasa = FakeRasa(answers=[{"text": "thanks for sharing"}, {"custom": {"qingxin": {"event": "mood", "score": 2}}}])
    router = make_router(sessions, rasa)
    replies = await router.handle(Inbound("api", "u1", "2"))
    assert [r.text for r in replies] == ["thanks for sharing"]
    async with sessions() as session:
        assert [m.score for m in (await session.scalars(select(MoodCheckin))).all()] == [2]


async def test_history_reaches_the_screen_and_escalation(sessions):
    escalation = FakeEscalation()
    router = make_router(sessions, FakeRasa(answers=[{"text": "ok"}]), escalation)
    await router.handle(Inbound("api", "u1", "first"))
    await router.handle(Inbound("api", "u1", "second"))
    assert escalation.seen[-1][2] == ["first"]


async def test_conversation_with_staff_goes_to_staff_not_rasa(sessions):
    rasa, escalation = FakeRasa(), FakeEscalation()
    router = make_router(sessions, rasa, escalation)
    await router.handle(Inbound("web", "client-1", "hello"))
    async with sessions.begin() as session:
        (await session.scalars(select(Conversation))).one().handoff_state = "with_staff"
    replies = await router.handle(Inbound("web", "client-1", "are you there?"))
    assert replies == [] and len(rasa.calls) == 1
    assert escalation.relayed[0][1] == "are you there?"


async def test_language_follows_the_user(sessions):
    rasa = FakeRasa(fail=True)
    router = make_router(sessions, rasa)
    assert (await router.handle(Inbound("api", "u1", "hello there")))[0].text.startswith("Sorry")
    assert (await router.handle(Inbound("api", "u1", "你好")))[0].text.startswith("抱歉")
    # neutral text keeps the last language
    assert (await router.handle(Inbound("api", "u1", "👍")))[0].text.startswith("抱歉")


async def test_deliver_uses_the_channel_sender(sessions):
    router = make_router(sessions, FakeRasa())
    sent = []

    async def send(conversation, reply):
        sent.append((conversation.channel, reply.text))

    router.register_channel("web", send)
    await router.handle(Inbound("web", "client-1", "hello"))
    ref = await router.conversation("web", "client-1")
    assert await router.deliver(ref.id, Reply("staff says hi", sender="staff"))
    assert sent == [("web", "staff says hi")]
    assert not await router.deliver(ref.id + 999, Reply("nobody"))
