"""The Telegram channel over the webhook: registration, the secret, malformed input, duplicates, failures."""
from __future__ import annotations

import logging

from sqlalchemy import func, select

from escalation.store.models import Message, ProcessedUpdate
from tg_helpers import SECRET, TOKEN, USER, WEBHOOK_URL, message

ALLOWED = ["message", "edited_message", "callback_query", "my_chat_member"]


async def test_start_up_registers_webhook_with_secret_and_commands_in_both_languages(tg_app, fake_bot_api):
    await tg_app()
    assert [c.method for c in fake_bot_api.calls] == ["getMe", "setWebhook", "setMyCommands", "setMyCommands"]
    hook = fake_bot_api.of("setWebhook")[0]
    assert hook["url"] == WEBHOOK_URL
    assert hook["secret_token"] == SECRET
    assert hook["allowed_updates"] == ALLOWED
    zh, en = fake_bot_api.of("setMyCommands")
    assert "language_code" not in zh.params and en["language_code"] == "en"
    assert [c["command"] for c in zh["commands"]] == ["start", "help", "mood", "human", "language", "mydata", "delete"]
    assert zh["commands"][0]["description"] == "我是谁、隐私说明"
    assert en["commands"][0]["description"] == "Who I am, and privacy"


async def test_without_token_the_channel_is_not_wired(make_settings, aiohttp_client, fake_bot_api):
    from bot.app import create_app

    client = await aiohttp_client(create_app(make_settings()))
    response = await client.post("/telegram/webhook", json=message("你好"))
    assert response.status in (404, 405)
    assert fake_bot_api.calls == []


async def _stored_messages(app) -> int:
    async with app.sessions() as session:
        return await session.scalar(select(func.count(Message.id)))


async def test_missing_or_wrong_secret_is_refused_and_nothing_is_processed(tg_app, fake_bot_api, fake_rasa):
    app = await tg_app()
    fake_bot_api.clear()
    await app.post(message("你好"), secret=None, expect=403)
    await app.post(message("你好"), secret="wrong-secret", expect=403)
    await app.post(message("你好"), secret=SECRET + "x", expect=403)
    await app.post(message("你好"), secret="密码", expect=403)
    assert fake_bot_api.calls == []
    assert fake_rasa.calls == []
    assert await _stored_messages(app) == 0
    assert await app.rows(ProcessedUpdate) == []


async def test_malformed_json_is_a_bad_request(tg_app, fake_bot_api):
    app = await tg_app()
    fake_bot_api.clear()
    for body in (b"{not json", b"\xff\xfe", b"[]", b'{"message": {}}', b'{"update_id": "7"}'):
        response = await app.client.post("/telegram/webhook", data=body,
                                          headers={"X-Telegram-Bot-Api-Secret-Token": SECRET,
                                                   "Content-Type": "application/json"})
        assert response.status == 400, body
    assert fake_bot_api.calls == []


async def test_a_text_message_is_routed_with_typing_indicator_and_answered(tg_app, fake_bot_api, fake_rasa):
    app = await tg_app()
    fake_bot_api.clear()
    await app.post(message("你好呀"))
    assert fake_rasa.messages() == ["你好呀"]
    assert fake_rasa.calls[0]["metadata"]["channel"] == "telegram"
    assert fake_rasa.calls[0]["metadata"]["language"] == "zh"
    action = fake_bot_api.of("sendChatAction")[0]
    assert action["chat_id"] == str(USER) and action["action"] == "typing"
    assert [(c["chat_id"], c["text"]) for c in fake_bot_api.sent()] == [(str(USER), "echo: 你好呀")]
    # stored: the message and the reply; the raw Telegram id is nowhere in clear text
    async with app.sessions() as session:
        texts = [(m.direction, m.text) for m in (await session.scalars(select(Message).order_by(Message.id))).all()]
    assert texts == [("in", "你好呀"), ("out", "echo: 你好呀")]
    conversation = await app.router.conversation("telegram", str(USER))
    assert conversation.address == str(USER)  # decrypted for delivery only
    from escalation.store.models import Conversation

    (row,) = await app.rows(Conversation)
    assert str(USER) not in (row.address_enc or "") and str(USER) not in row.user_hash


async def test_the_same_update_twice_is_answered_once(tg_app, fake_bot_api, fake_rasa):
    app = await tg_app()
    fake_bot_api.clear()
    update = message("今天考试好累", update_id=424242)
    await app.post(update)
    await app.post(update)
    assert fake_rasa.messages() == ["今天考试好累"]
    assert len(fake_bot_api.sent()) == 1
    assert await _stored_messages(app) == 2
    assert [(r.channel, r.update_id) for r in await app.rows(ProcessedUpdate)] == [("telegram", 424242)]


async def test_a_failing_update_is_logged_without_token_and_the_user_asked_to_retry(
        tg_app, fake_bot_api, fake_rasa, caplog, monkeypatch):
    app = await tg_app()
    fake_bot_api.clear()

    async def broken(inbound):
        raise RuntimeError(f"boom while calling https://api.telegram.org/bot{TOKEN}/sendMessage")

    monkeypatch.setattr(app.router, "handle", broken)
    with caplog.at_level(logging.DEBUG):
        await app.post(message("hello there", language_code="en"))
    assert fake_bot_api.texts() == [
        "Sorry, something went wrong on my side with that message. Please send it again in a moment. "
        "To talk to a person: 12355 (youth hotline); 12356 (national mental-health support line); "
        "in danger, call 120 (ambulance); 110 (police)."]
    assert "failed" in caplog.text and "RuntimeError" in caplog.text
    assert TOKEN not in caplog.text
    for record in caplog.records:
        assert TOKEN not in record.getMessage()
