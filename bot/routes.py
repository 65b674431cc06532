"""The service's own routes (a flat, greppable list) and the JSON error middleware."""
from __future__ import annotations

import json
import logging

from aiohttp import web
from sqlalchemy import text as sql

from bot.webchat import handlers as webchat

from .router import Inbound

log = logging.getLogger("qingxin.http")


def setup(app: web.Application) -> None:
    app.router.add_get("/", webchat.index, name="webchat")
    app.router.add_get("/ws", webchat.websocket, name="webchat_ws")
    app.router.add_static("/static/", webchat.STATIC, name="static")
    app.router.add_post("/api/chat", chat, name="api_chat")
    app.router.add_get("/healthz", healthz, name="healthz")
    app.router.add_get("/readyz", readyz, name="readyz")


def json_error(status: int, error: str, message: str) -> web.Response:
    return web.json_response({"error": error, "message": message}, status=status)


@web.middleware
async def error_middleware(request: web.Request, handler):
    """Every failure becomes a short JSON (API) or plain (page) message — never a stack trace."""
    try:
        return await handler(request)
    except web.HTTPException as exc:
        if exc.status >= 400 and (request.path.startswith(("/api/", "/staff/api/", "/internal/"))) \
                and exc.content_type != "application/json":
            return json_error(exc.status, exc.reason.lower().replace(" ", "_"), exc.reason)
        raise
    except Exception:
        log.exception("unhandled error on %s %s", request.method, request.path)
        if request.path.startswith(("/api/", "/staff/api/", "/internal/")):
            return json_error(500, "internal_error", "Something went wrong on our side. Please try again.")
        return web.Response(status=500, text="Something went wrong on our side. Please try again.")


async def healthz(request: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


async def readyz(request: web.Request) -> web.Response:
    from .app import HTTP, RASA, SESSIONS, SETTINGS  # RASA: AppKey (was the string "rasa")

    checks: dict[str, bool] = {}
    try:
        async with request.app[SESSIONS]() as session:
            await session.execute(sql("SELECT 1"))
        checks["store"] = True
    except Exception as exc:  # noqa: BLE001 - report, don't raise
        log.warning("store not ready: %s", type(exc).__name__)
        checks["store"] = False
    checks["rasa"] = await request.app[RASA].ready()
    checks["action_server"] = await _reachable(request.app[HTTP], request.app[SETTINGS].action_server_url + "/health")
    ok = all(checks.values())
    return web.json_response({"status": "ready" if ok else "not_ready", "checks": checks}, status=200 if ok else 503)


async def _reachable(http, url: str) -> bool:
    import asyncio

    import aiohttp

    try:
        async with http.get(url, timeout=aiohttp.ClientTimeout(total=2)) as response:
            return response.status == 200
    except (aiohttp.ClientError, asyncio.TimeoutError):
        return False


def parse_chat_body(raw: bytes, content_type: str, max_chars: int) -> tuple[str, str]:
    """Validate a ``POST /api/chat`` body; raises ``ChatInputError`` with a clear, kind message."""
    if content_type != "application/json":
        raise ChatInputError(415, "unsupported_media_type", "Send JSON with Content-Type: application/json.")
    try:
        body = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ChatInputError(400, "invalid_json", "The body is not valid JSON.") from None
    if not isinstance(body, dict):
        raise ChatInputError(400, "invalid_body", 'Send a JSON object like {"user": "...", "text": "..."}.')
    user, text = body.get("user"), body.get("text")
    if not isinstance(user, str) or not user.strip():
        raise ChatInputError(422, "invalid_user", '"user" must be a non-empty string.')
    if len(user) > 128:
        raise ChatInputError(422, "invalid_user", '"user" must be at most 128 characters.')
    if not isinstance(text, str):
        raise ChatInputError(422, "invalid_text", '"text" must be a string.')
    if not text.strip():
        raise ChatInputError(422, "empty_text", "The message is empty. Type something and send it again.")
    if len(text) > max_chars:
        raise ChatInputError(413, "text_too_long",
                             f"The message is longer than {max_chars} characters. Please split it into shorter messages.")
    return user.strip(), text.strip()


class ChatInputError(Exception):
    def __init__(self, status: int, error: str, message: str) -> None:
        super().__init__(message)
        self.status, self.error, self.message = status, error, message


async def chat(request: web.Request) -> web.Response:
    """REST channel: ``{"user", "text"}`` → ``{"replies": [{"text", "buttons"}]}``."""
    from .app import ROUTER, SETTINGS

    settings = request.app[SETTINGS]
    if request.content_length is not None and request.content_length > settings.max_message_chars * 8 + 1024:
        return json_error(413, "text_too_long", f"The message is longer than {settings.max_message_chars} characters.")
    try:
        user, text = parse_chat_body(await request.read(), request.content_type, settings.max_message_chars)
    except ChatInputError as exc:
        return json_error(exc.status, exc.error, exc.message)
    replies = await request.app[ROUTER].handle(Inbound(channel="api", user_id=user, text=text))
    return web.json_response({"replies": [r.to_dict() for r in replies]})
