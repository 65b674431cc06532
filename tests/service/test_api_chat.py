"""``POST /api/chat``, health checks and the web chat websocket, in-process with a fake Rasa over HTTP."""
from __future__ import annotations

import json

import pytest
from aiohttp import web
from sqlalchemy import func, select

from bot.app import SESSIONS, create_app
from escalation.store.models import Message


@pytest.fixture
async def fake_rasa(aiohttp_server):
    calls = []

    async def webhook(request):
        body = await request.json()
        calls.append(body)
        if body["message"] == "slow":
            import asyncio
            await asyncio.sleep(3)
        return web.json_response([{"recipient_id": body["sender"], "text": f"echo: {body['message']}",
                                   "buttons": [{"title": "Yes", "payload": "/affirm"}]}])

    async def root(request):
        return web.Response(text="Hello from Rasa: 3.6.21")

    app = web.Application()
    app.router.add_post("/webhooks/rest/webhook", webhook)
    app.router.add_get("/", root)
    server = await aiohttp_server(app)
    server.calls = calls
    return server


@pytest.fixture
async def client(aiohttp_client, make_settings, fake_rasa):
    settings = make_settings(RASA_URL=str(fake_rasa.make_url("")).rstrip("/"), RASA_TIMEOUT="1")
    return await aiohttp_client(create_app(settings))


async def count_messages(client) -> int:
    async with client.app[SESSIONS]() as session:
        return await session.scalar(select(func.count(Message.id)))


async def test_chat_round_trip(client, fake_rasa):
    response = await client.post("/api/chat", json={"user": "alice", "text": "hello"})
    assert response.status == 200
    body = await response.json()
    assert body["replies"][0]["text"] == "echo: hello"
    assert body["replies"][0]["buttons"] == [{"title": "Yes", "payload": "/affirm"}]
    assert fake_rasa.calls[0]["sender"].startswith("u-")
    assert await count_messages(client) == 2


@pytest.mark.parametrize("body,content_type,status,error", [
    (b'{"user": "a"}', "application/json", 422, "invalid_text"),
    (b'{"text": "hi"}', "application/json", 422, "invalid_user"),
    (b'{"user": 5, "text": "hi"}', "application/json", 422, "invalid_user"),
    (b'{"user": "a", "text": ["hi"]}', "application/json", 422, "invalid_text"),
    (b'{"user": "a", "text": "   "}', "application/json", 422, "empty_text"),
    (b'{"user": "a", "text": "hi"', "application/json", 400, "invalid_json"),
    (b'["user", "text"]', "application/json", 400, "invalid_body"),
    (b'\xff\xfe', "application/json", 400, "invalid_json"),
    (b'user=a&text=hi', "application/x-www-form-urlencoded", 415, "unsupported_media_type"),
    (json.dumps({"user": "a", "text": "字" * 4001}).encode(), "application/json", 413, "text_too_long"),
])
async def test_bad_input_gets_clear_json_error_and_nothing_is_stored(client, body, content_type, status, error):
    response = await client.post("/api/chat", data=body, headers={"Content-Type": content_type})
    assert response.status == status
    payload = await response.json()
    assert payload["error"] == error and payload["message"]
    assert await count_messages(client) == 0


async def test_text_at_the_limit_is_accepted(client):
    response = await client.post("/api/chat", json={"user": "a", "text": "字" * 4000})
    assert response.status == 200


async def test_huge_body_is_refused_kindly(client):
    response = await client.post("/api/chat", data=b"x" * 600_000, headers={"Content-Type": "application/json"})
    assert response.status == 413
    assert (await response.json())["error"]
    assert await count_messages(client) == 0


async def test_unknown_api_route_is_json_404(client):
    response = await client.get("/api/nothing")
    assert response.status == 404 and (await response.json())["error"]


async def test_rasa_timeout_gives_fallback_and_stores_message(client):
    response = await client.post("/api/chat", json={"user": "a", "text": "slow"})
    body = await response.json()
    assert "12355" in body["replies"][0]["text"]
    assert await count_messages(client) == 2


async def test_healthz_and_readyz(client):
    assert (await (await client.get("/healthz")).json()) == {"status": "ok"}
    response = await client.get("/readyz")
    body = await response.json()
    # store and the fake Rasa are up; no action server runs in this test
    assert response.status == 503 and body["checks"] == {"store": True, "rasa": True, "action_server": False}


async def test_webchat_page_is_served_with_csp(client):
    response = await client.get("/")
    assert response.status == 200
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert "chat.js" in await response.text()


async def test_websocket_chat_and_bad_frames(client):
    async with client.ws_connect("/ws") as ws:
        await ws.send_json({"type": "message", "text": "too early"})
        assert (await ws.receive_json())["type"] == "error"
        await ws.send_json({"type": "hello", "user": "client-abcdef12"})
        assert (await ws.receive_json()) == {"type": "ready"}
        await ws.send_json({"type": "message", "text": "hi there"})
        reply = await ws.receive_json()
        assert reply["type"] == "reply" and reply["text"] == "echo: hi there" and reply["from"] == "bot"
        await ws.send_json({"type": "message", "text": ""})
        assert (await ws.receive_json())["type"] == "error"
        await ws.send_json({"type": "message", "text": "a" * 4001})
        assert "4000" in (await ws.receive_json())["error"]
        await ws.send_str("not json")
        assert (await ws.receive_json())["type"] == "error"
        await ws.send_bytes(b"\x00\x01")
        assert (await ws.receive_json())["type"] == "error"


async def test_cross_origin_websocket_is_refused(client):
    response = await client.get("/ws", headers={"Origin": "https://evil.example", "Connection": "Upgrade",
                                                "Upgrade": "websocket", "Sec-WebSocket-Version": "13",
                                                "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ=="})
    assert response.status == 403
