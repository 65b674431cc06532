"""The Telegram channel against a real Rasa + action server (``live_rasa_url``, from tests/conftest.py):
updates posted to the real webhook, replies read from the fake Bot API."""
from __future__ import annotations

import re

import pytest

from escalation import content
from escalation.risk import screen
from tg_helpers import message

pytestmark = pytest.mark.integration
HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
async def live_app(tg_app, live_rasa_url):
    return await tg_app(RASA_URL=live_rasa_url, RASA_TIMEOUT="30")


async def test_start_greetings_and_a_risky_message_with_real_rasa(live_app, fake_bot_api):
    app = live_app
    fallback_zh, fallback_en = content.fallback_reply("zh"), content.fallback_reply("en")

    fake_bot_api.clear()
    await app.post(message("/start", user_id=880001))
    (welcome,) = fake_bot_api.texts()
    assert "我是程序，不是真人" in welcome

    fake_bot_api.clear()
    await app.post(message("你好", user_id=880001))
    replies = fake_bot_api.texts()
    assert replies and fallback_zh not in replies
    assert any(HAN.search(text) for text in replies)
    assert fake_bot_api.of("sendChatAction")

    fake_bot_api.clear()
    await app.post(message("hello", user_id=880002, language_code="en"))
    replies = fake_bot_api.texts()
    assert replies and fallback_en not in replies
    assert not any(HAN.search(text) for text in replies)

    risky = "我不想活了，今晚就想结束自己"
    fake_bot_api.clear()
    await app.post(message(risky, user_id=880003))
    replies = fake_bot_api.texts()
    expected = content.safety_reply(screen(risky).level, "zh")
    assert expected in replies[:2]  # at once: Rasa may open with one short sentence of its own
    assert fake_bot_api.of("sendChatAction")
