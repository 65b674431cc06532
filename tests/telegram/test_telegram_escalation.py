"""Escalation over Telegram: a risky message opens a case; staff replies reach the Telegram user through
the fake Bot API; while with staff, the user's messages go to staff and never to Rasa."""
from __future__ import annotations

from sqlalchemy import select

from escalation.store.models import Case, Conversation, Message, Staff
from tg_helpers import USER, message

RISKY_ZH = "我不想活了，今晚就想结束自己"


async def _admin_actor(app):
    from escalation.service.auth import actor_of

    async with app.sessions() as session:
        admin = await session.scalar(select(Staff).where(Staff.username == "admin"))
    return actor_of(admin)


async def test_risky_message_opens_case_and_staff_chat_runs_through_telegram(tg_app, fake_bot_api, fake_rasa):
    from escalation.service.keys import SERVICE

    app = await tg_app()
    fake_bot_api.clear()
    await app.post(message(RISKY_ZH))
    (case,) = await app.rows(Case)
    assert case.state == "queued" and case.level in ("high", "imminent")
    assert fake_bot_api.texts()  # the safety reply (and queue notice) went out
    service = app.app[SERVICE]
    actor = await _admin_actor(app)
    fake_bot_api.clear()
    await service.take(actor, case.id)
    result = await service.post_message(actor, case.id, "你好，我是热线的老师，我在这里陪你。")
    assert result["delivered"] is True
    joined, staff_text = fake_bot_api.sent()
    assert joined["chat_id"] == str(USER)
    assert staff_text["chat_id"] == str(USER)
    assert staff_text["text"] == "【热线工作人员Admin】你好，我是热线的老师，我在这里陪你。"
    # the user's reply goes to staff, not to Rasa
    rasa_calls = len(fake_rasa.calls)
    fake_bot_api.clear()
    await app.post(message("谢谢你，我现在好一点了"))
    assert len(fake_rasa.calls) == rasa_calls
    assert fake_bot_api.texts() == []
    (conversation,) = await app.rows(Conversation)
    assert conversation.handoff_state == "with_staff"
    stored = await app.rows(Message, Message.direction == "in")
    assert stored[-1].text == "谢谢你，我现在好一点了"


async def test_staff_message_to_an_english_user_is_labelled_in_english(tg_app, fake_bot_api, fake_rasa):
    from bot.router import Reply

    app = await tg_app()
    await app.post(message("hello", language_code="en"))
    ref = await app.router.conversation("telegram", str(USER))
    fake_bot_api.clear()
    assert await app.router.deliver(ref.id, Reply("I'm here with you.", sender="staff", name="Li"))
    assert fake_bot_api.texts() == ["[Hotline staff Li] I'm here with you."]
