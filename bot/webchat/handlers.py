"""Web chat: ``GET /`` serves the page, ``/ws`` carries messages (JSON frames, see docs/INTERFACES.md)."""
from __future__ import annotations

import json
import logging
import re
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

from aiohttp import WSMsgType, web

from bot.router import ConversationRef, Inbound, Reply

log = logging.getLogger("qingxin.webchat")
STATIC = Path(__file__).resolve().parent / "static"
SOCKETS = web.AppKey("webchat_sockets", dict)
CLIENT_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")

MESSAGES = {
    "too_long": {"zh": "这条消息太长了（最多 {n} 个字），可以分成几条发给我吗？",
                 "en": "That message is too long (at most {n} characters). Could you send it in a few parts?"},
    "empty": {"zh": "好像是空消息，打几个字告诉我吧。", "en": "That message looks empty. Type a few words and send it again."},
    "bad_frame": {"zh": "我只能读文字消息。", "en": "I can only read text messages."},
    "hello_first": {"zh": "连接还没准备好，请刷新页面再试一次。", "en": "The connection isn't ready yet. Please reload the page."},
}


def _msg(key: str, lang: str, **kw) -> str:
    return MESSAGES[key].get(lang, MESSAGES[key]["zh"]).format(**kw)


async def index(request: web.Request) -> web.FileResponse:
    return web.FileResponse(STATIC / "index.html", headers={
        "Content-Security-Policy": "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; "
                                   "style-src 'self'; script-src 'self'; frame-ancestors 'none'",
        "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"})


async def channel_context(app: web.Application):
    from bot.app import ROUTER

    sockets: dict[str, set[web.WebSocketResponse]] = defaultdict(set)
    app[SOCKETS] = sockets

    async def send(conversation: ConversationRef, reply: Reply) -> None:
        for ws in list(sockets.get(conversation.pseudonym, ())):
            if not ws.closed:
                await ws.send_json({"type": "reply", **reply.to_dict()})

    app[ROUTER].register_channel("web", send)
    yield
    for group in list(sockets.values()):
        for ws in list(group):
            await ws.close()


def _same_origin(request: web.Request) -> bool:
    origin = request.headers.get("Origin")
    if origin is None:
        return True  # non-browser clients (tests, CLI) send no Origin; browsers always do
    return urlsplit(origin).netloc == request.host


async def websocket(request: web.Request) -> web.WebSocketResponse:
    from bot.app import ROUTER, SETTINGS

    if not _same_origin(request):
        raise web.HTTPForbidden(text="cross-origin websocket refused")
    settings = request.app[SETTINGS]
    router = request.app[ROUTER]
    sockets = request.app[SOCKETS]
    ws = web.WebSocketResponse(heartbeat=30, max_msg_size=64 * 1024)
    await ws.prepare(request)
    client_id: str | None = None
    pseudonym: str | None = None
    lang = "zh"
    try:
        async for frame in ws:
            if frame.type != WSMsgType.TEXT:
                if frame.type == WSMsgType.BINARY:
                    await ws.send_json({"type": "error", "error": _msg("bad_frame", lang)})
                continue
            try:
                data = json.loads(frame.data)
                kind = data.get("type") if isinstance(data, dict) else None
            except json.JSONDecodeError:
                kind, data = None, {}
            if kind == "hello" and isinstance(data.get("user"), str) and CLIENT_ID.match(data["user"]):
                if pseudonym:
                    sockets[pseudonym].discard(ws)
                client_id = data["user"]
                if data.get("lang") in ("zh", "en"):
                    lang = data["lang"]
                pseudonym = router.pseudonym("web", client_id)
                sockets[pseudonym].add(ws)
                await ws.send_json({"type": "ready"})
            elif kind == "message":
                text = data.get("text")
                if client_id is None:
                    await ws.send_json({"type": "error", "error": _msg("hello_first", lang)})
                elif not isinstance(text, str) or not text.strip():
                    await ws.send_json({"type": "error", "error": _msg("empty", lang)})
                elif len(text) > settings.max_message_chars:
                    await ws.send_json({"type": "error", "error": _msg("too_long", lang, n=settings.max_message_chars)})
                else:
                    replies = await router.handle(Inbound(channel="web", user_id=client_id, text=text.strip()))
                    for reply in replies:
                        await ws.send_json({"type": "reply", **reply.to_dict()})
            else:
                await ws.send_json({"type": "error", "error": _msg("bad_frame", lang)})
    finally:
        if pseudonym:
            sockets[pseudonym].discard(ws)
            if not sockets[pseudonym]:
                sockets.pop(pseudonym, None)
    return ws
