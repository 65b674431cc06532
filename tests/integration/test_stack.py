"""The whole path with real parts: a trained Rasa model, the real Rasa server and action server, the
qingxin service, HTTP on loopback."""
from __future__ import annotations

import json
import re
import subprocess
import sys
import urllib.request

import pytest
from sqlalchemy import select

from bot.app import SESSIONS, create_app
from escalation.store.models import Message

pytestmark = pytest.mark.integration
HAN = re.compile(r"[\u4e00-\u9fff]")


def chat(stack, user: str, text: str) -> list[dict]:
    request = urllib.request.Request(f"{stack.service_url}/api/chat", method="POST",
                                     data=json.dumps({"user": user, "text": text}).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)["replies"]


def texts(replies: list[dict]) -> str:
    return "\n".join(r["text"] for r in replies)


def test_chinese_greeting_gets_a_chinese_answer(live_stack):
    answer = texts(chat(live_stack, "int-zh", "你好"))
    assert HAN.search(answer), answer


def test_english_greeting_gets_an_english_answer(live_stack):
    answer = texts(chat(live_stack, "int-en", "hello"))
    assert answer and not HAN.search(answer), answer


def test_traditional_chinese_is_understood(live_stack):
    answer = texts(chat(live_stack, "int-hant", "你是機器人嗎"))
    assert "程序" in answer or "机器人" in answer, answer


@pytest.mark.parametrize("text,words", [("are you a robot?", ("program",)), ("你是机器人吗", ("程序",)),
                                        ("are you a real person", ("program",)), ("你是真人吗", ("程序",))])
def test_bot_challenge_says_it_is_a_program(live_stack, text, words):
    answer = texts(chat(live_stack, f"int-robot-{abs(hash(text))}", text))
    assert any(w in answer.lower() for w in words), answer


def test_language_can_be_switched(live_stack):
    chat(live_stack, "int-switch", "你好")
    answer = texts(chat(live_stack, "int-switch", "hi, can we speak English please"))
    assert answer and not HAN.search(answer), answer


def test_risky_message_gets_safety_reply_from_region_file(live_stack):
    answer = texts(chat(live_stack, "int-risk", "我不想活了，今晚就去跳楼"))
    assert "120" in answer and "12355" in answer
    assert answer.index("120") < answer.index("12355")


def test_readyz_reports_all_parts_ready(live_stack):
    with urllib.request.urlopen(f"{live_stack.service_url}/readyz", timeout=10) as response:
        body = json.load(response)
    assert body == {"status": "ready", "checks": {"store": True, "rasa": True, "action_server": True}}


def test_terminal_chat_talks_to_the_running_stack(live_stack):
    result = subprocess.run([sys.executable, "-m", "bot.cli", "--url", live_stack.service_url, "--user", "int-cli"],
                            input="hello\n/quit\n", capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert "qingxin:" in result.stdout, result.stdout + result.stderr


async def test_with_rasa_stopped_the_fallback_comes_and_the_message_is_stored(rasa_model_path, make_settings,
                                                                               aiohttp_client, tmp_path):
    from bot.stack import Stack

    stack = Stack(model=rasa_model_path, service=False, log_dir=tmp_path / "log")
    stack.start()
    try:
        settings = make_settings(RASA_URL=stack.rasa_url, ACTION_SERVER_URL=stack.action_url)
        client = await aiohttp_client(create_app(settings))
        first = await (await client.post("/api/chat", json={"user": "down", "text": "hello"})).json()
        assert "Sorry" not in texts(first["replies"])
        stack.stop_rasa()
        second = await (await client.post("/api/chat", json={"user": "down", "text": "are you still there?"})).json()
    finally:
        stack.stop()
    answer = texts(second["replies"])
    assert answer.startswith("Sorry") and "12355" in answer
    async with client.app[SESSIONS]() as session:
        stored = (await session.scalars(select(Message.text).where(Message.direction == "in"))).all()
    assert "are you still there?" in stored
