"""The staff console page and its websocket. Thin: the page is static; the socket only relays hub events."""
from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from pathlib import Path

from aiohttp import WSMsgType, web

from . import auth
from .events import CLOSE
from .keys import HUB

log = logging.getLogger("qingxin.console")
STATIC = Path(__file__).resolve().parent / "static"
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self' ws: wss:; object-src 'none'; base-uri 'none'; form-action 'self'; "
       "frame-ancestors 'none'")
HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
           "X-Frame-Options": "DENY", "Cache-Control": "no-store"}


async def console(request: web.Request) -> web.FileResponse:
    return web.FileResponse(STATIC / "index.html", headers=HEADERS)


async def console_redirect(request: web.Request) -> web.Response:
    raise web.HTTPFound("/staff/")


async def _pump(sub, ws: web.WebSocketResponse) -> None:
    while True:
        event = await sub.queue.get()
        if event is CLOSE:
            await ws.close()
            return
        await ws.send_str(json.dumps(event, ensure_ascii=False))


async def websocket(request: web.Request) -> web.WebSocketResponse:
    """``GET /staff/ws``: case events for every console, messages of the cases it has open."""
    from bot.app import SETTINGS

    if not auth.same_origin(request, request.app[SETTINGS].base_url):
        raise web.HTTPForbidden(text="cross-origin websocket refused")
    hub = request.app[HUB]
    ws = web.WebSocketResponse(heartbeat=30, max_msg_size=16 * 1024)
    await ws.prepare(request)
    sub = hub.subscribe(request[auth.STAFF], request[auth.STAFF_SESSION].token_hash)
    pump = asyncio.create_task(_pump(sub, ws))
    try:
        await ws.send_json({"type": "ready"})
        async for frame in ws:
            if frame.type != WSMsgType.TEXT:
                continue
            try:
                data = json.loads(frame.data)
            except json.JSONDecodeError:
                continue
            if not isinstance(data, dict):
                continue
            if data.get("type") == "watch" and isinstance(data.get("case_id"), int):
                sub.watching = {data["case_id"]}
            elif data.get("type") == "unwatch":
                sub.watching = set()
            elif data.get("type") == "ping":
                await ws.send_json({"type": "pong"})
    finally:
        hub.unsubscribe(sub)
        pump.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await pump
    return ws
