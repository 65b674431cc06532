"""Helpers of the Telegram channel tests: a fake Rasa REST webhook and updates of the shape Telegram sends.

(Imported as a top-level module: pytest puts this directory on sys.path; no ``__init__.py`` here, so the
folder name can't shadow the ``telegram`` package.)"""
from __future__ import annotations

import itertools
import time
from typing import Any

from aiohttp import web

TOKEN = "123456789:TEST-token_for-fake-api"
SECRET = "webhook-secret-for-tests"
WEBHOOK_URL = "https://qingxin.example.org/telegram/webhook"
HEADER = "X-Telegram-Bot-Api-Secret-Token"


class FakeRasa:
    """Rasa's REST webhook: records each call; answers from ``script`` (message -> replies) or echoes."""

    def __init__(self) -> None:
        self.calls: list[dict[str, Any]] = []
        self.script: dict[str, list[dict[str, Any]]] = {}
        self.url = ""
        self._runner: web.AppRunner | None = None

    async def start(self) -> str:
        app = web.Application()
        app.router.add_post("/webhooks/rest/webhook", self._webhook)
        app.router.add_put("/conversations/{sender}/tracker/events", self._replace_events)
        app.router.add_get("/", self._hello)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.url = f"http://127.0.0.1:{site._server.sockets[0].getsockname()[1]}"  # noqa: SLF001
        return self.url

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def messages(self) -> list[str]:
        return [call["message"] for call in self.calls if "message" in call]

    async def _webhook(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.calls.append(body)
        message = body["message"]
        if message in self.script:
            return web.json_response(self.script[message])
        return web.json_response([{"recipient_id": body["sender"], "text": f"echo: {message[:50]}"}])

    @staticmethod
    async def _hello(request: web.Request) -> web.Response:
        return web.Response(text="Hello from Rasa: 3.6.21")

    async def _replace_events(self, request: web.Request) -> web.Response:
        self.calls.append({"forget": request.match_info["sender"], "events": await request.json()})
        return web.json_response({"events": []})


# -- updates of the shape Telegram sends ---------------------------------------------------------------
_ids = itertools.count(1000)
USER = 555001
DATE = 1_790_000_000


def user(user_id: int = USER, language_code: str | None = "zh-hans") -> dict[str, Any]:
    data = {"id": user_id, "is_bot": False, "first_name": "Test"}
    if language_code:
        data["language_code"] = language_code
    return data


def chat(chat_id: int = USER, kind: str = "private") -> dict[str, Any]:
    if kind == "private":
        return {"id": chat_id, "type": "private", "first_name": "Test"}
    return {"id": chat_id, "type": kind, "title": "Class 3"}


def message(text: str | None = None, *, update_id: int | None = None, user_id: int = USER,
            chat_id: int | None = None, chat_type: str = "private", language_code: str | None = "zh-hans",
            edited: bool = False, **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"message_id": next(_ids), "date": DATE, "from": user(user_id, language_code),
                            "chat": chat(chat_id if chat_id is not None else user_id, chat_type)}
    if text is not None:
        body["text"] = text
        if text.startswith("/"):
            body["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
    body.update(extra)
    if edited:
        body["edit_date"] = DATE + 5
    return {"update_id": update_id if update_id is not None else next(_ids),
            "edited_message" if edited else "message": body}


def callback(data: str, *, update_id: int | None = None, user_id: int = USER, language_code: str | None = "zh-hans",
             keyboard: list[list[dict[str, str]]] | None = None, date: int | None = None) -> dict[str, Any]:
    msg: dict[str, Any] = {"message_id": next(_ids), "date": date or int(time.time()), "chat": chat(user_id),
                           "from": {"id": 7000001, "is_bot": True, "first_name": "Qingxin"}, "text": "…"}
    if keyboard:
        msg["reply_markup"] = {"inline_keyboard": keyboard}
    return {"update_id": update_id if update_id is not None else next(_ids),
            "callback_query": {"id": str(next(_ids)), "from": user(user_id, language_code), "chat_instance": "42",
                               "data": data, "message": msg}}
