"""Polling mode (``make demo`` with only a token): the same handlers, updates fetched with getUpdates."""
from __future__ import annotations

from tg_helpers import USER, message


async def test_polling_mode_fetches_updates_and_answers(tg_app, fake_bot_api, fake_rasa):
    fake_bot_api.queue_update(message("你好", update_id=5001))
    app = await tg_app(TELEGRAM_MODE="polling", TELEGRAM_WEBHOOK_URL="", TELEGRAM_WEBHOOK_SECRET="")
    (sent,) = await fake_bot_api.wait_for("sendMessage")
    assert sent["chat_id"] == str(USER) and sent["text"] == "echo: 你好"
    methods = [c.method for c in fake_bot_api.calls]
    assert "setWebhook" not in methods
    assert methods.index("deleteWebhook") < methods.index("getUpdates")
    assert fake_bot_api.of("getUpdates")[0]["allowed_updates"] == [
        "message", "edited_message", "callback_query", "my_chat_member"]
    assert len(fake_bot_api.of("setMyCommands")) == 2
    # the webhook route does not exist in polling mode
    response = await app.client.post("/telegram/webhook", json=message("hi"))
    assert response.status in (404, 405)


async def test_service_starts_even_when_telegram_is_unreachable(tg_app, fake_bot_api, caplog):
    from tg_helpers import TOKEN

    app = await tg_app(TELEGRAM_API_URL="http://127.0.0.1:9/bot")
    response = await app.client.get("/healthz")
    assert response.status == 200
    # updates are refused with 503 (Telegram retries) until the channel is up
    response = await app.client.post("/telegram/webhook", json=message("hi"),
                                     headers={"X-Telegram-Bot-Api-Secret-Token": "webhook-secret-for-tests"})
    assert response.status == 503
    assert "could not start" in caplog.text and TOKEN not in caplog.text
