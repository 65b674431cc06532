"""A local fake of the Telegram Bot API (aiohttp on 127.0.0.1), recording every call.

The service reaches it through ``QINGXIN_TELEGRAM_API_URL=http://127.0.0.1:<port>/bot``: python-telegram-bot
then calls ``POST /bot<token>/<method>`` with form-encoded parameters (JSON-encoded where structured).
Implements getMe, setWebhook, deleteWebhook, setMyCommands, sendMessage, sendChatAction,
answerCallbackQuery, editMessageReplyMarkup and getUpdates (fed by ``queue_update``).
"""
from __future__ import annotations

import asyncio
import dataclasses
import json
import time
from typing import Any

from aiohttp import web

BOT_ID = 7000001
BOT_USERNAME = "qingxin_test_bot"
JSON_FIELDS = ("reply_markup", "allowed_updates", "commands", "scope")


@dataclasses.dataclass
class Call:
    method: str
    params: dict[str, Any]

    def __getitem__(self, key: str) -> Any:
        return self.params[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.params.get(key, default)


class FakeBotApi:
    def __init__(self, token: str) -> None:
        self.token = token
        self.calls: list[Call] = []
        self.updates: list[dict[str, Any]] = []
        self.fail: dict[str, int] = {}   # method -> how many next calls answer 500
        self._message_id = 100
        self._new_update = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self.url = ""

    # -- lifecycle --------------------------------------------------------------------------------
    async def start(self) -> str:
        app = web.Application()
        app.router.add_post("/bot{token}/{method}", self._dispatch)
        app.router.add_get("/bot{token}/{method}", self._dispatch)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # noqa: SLF001 - the bound free port
        self.url = f"http://127.0.0.1:{port}/bot"
        return self.url

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    # -- what tests look at -----------------------------------------------------------------------
    def of(self, method: str) -> list[Call]:
        return [call for call in self.calls if call.method == method]

    def sent(self) -> list[Call]:
        return self.of("sendMessage")

    def texts(self) -> list[str]:
        return [call["text"] for call in self.sent()]

    def clear(self) -> None:
        self.calls.clear()

    def queue_update(self, update: dict[str, Any]) -> None:
        self.updates.append(update)
        self._new_update.set()

    async def wait_for(self, method: str, count: int = 1, timeout: float = 10.0) -> list[Call]:
        deadline = time.monotonic() + timeout
        while len(self.of(method)) < count:
            if time.monotonic() > deadline:
                raise AssertionError(f"expected {count} {method} call(s), got {self.of(method)}")
            await asyncio.sleep(0.02)
        return self.of(method)

    # -- the API --------------------------------------------------------------------------------
    async def _dispatch(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.json_response({"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401)
        method = request.match_info["method"]
        params = await self._params(request)
        self.calls.append(Call(method, params))
        if self.fail.get(method):
            self.fail[method] -= 1
            return web.json_response({"ok": False, "error_code": 500, "description": "Internal Server Error"},
                                     status=500)
        handler = getattr(self, f"api_{method}", None)
        if handler is None:
            return web.json_response({"ok": False, "error_code": 404, "description": "Not Found: method not found"},
                                     status=404)
        return web.json_response({"ok": True, "result": await handler(params)})

    @staticmethod
    async def _params(request: web.Request) -> dict[str, Any]:
        if request.content_type == "application/json":
            return await request.json()
        form = await request.post()
        params: dict[str, Any] = {}
        for key, value in form.items():
            value = str(value)
            params[key] = json.loads(value) if key in JSON_FIELDS else value
        return params

    async def api_getMe(self, params):
        return {"id": BOT_ID, "is_bot": True, "first_name": "青心 Qingxin", "username": BOT_USERNAME,
                "can_join_groups": True, "can_read_all_group_messages": False, "supports_inline_queries": False}

    async def api_setWebhook(self, params):
        return True

    async def api_deleteWebhook(self, params):
        return True

    async def api_setMyCommands(self, params):
        return True

    async def api_sendChatAction(self, params):
        return True

    async def api_answerCallbackQuery(self, params):
        return True

    async def api_sendMessage(self, params):
        self._message_id += 1
        chat_id = int(params["chat_id"])
        message: dict[str, Any] = {
            "message_id": self._message_id, "date": int(time.time()), "text": params["text"],
            "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "group"},
            "from": {"id": BOT_ID, "is_bot": True, "first_name": "青心 Qingxin", "username": BOT_USERNAME}}
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        return message

    async def api_editMessageReplyMarkup(self, params):
        chat_id = int(params.get("chat_id", 1))
        return {"message_id": int(params.get("message_id", 1)), "date": int(time.time()),
                "chat": {"id": chat_id, "type": "private"}, "text": "…"}

    async def api_getUpdates(self, params):
        offset = int(params.get("offset") or 0)
        pending = [u for u in self.updates if u["update_id"] >= offset]
        if not pending:
            self._new_update.clear()
            timeout = min(float(params.get("timeout") or 0), 0.3)
            if timeout:
                try:
                    await asyncio.wait_for(self._new_update.wait(), timeout)
                except asyncio.TimeoutError:
                    pass
            pending = [u for u in self.updates if u["update_id"] >= offset]
        return pending[: int(params.get("limit") or 100)]
