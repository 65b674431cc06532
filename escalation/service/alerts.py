"""Alerts to the staff Telegram group (python-telegram-bot ``Bot``), sent in the background.

Only when both ``QINGXIN_TELEGRAM_TOKEN`` and ``QINGXIN_TELEGRAM_STAFF_CHAT_ID`` are set. A message
says the case level, how long it has waited and links to the case in the console — never the
conversation's id on its channel, never a word of the transcript.
"""
from __future__ import annotations

import asyncio
import logging
from typing import Any

log = logging.getLogger("qingxin.alerts")

LEVEL_WORDS = {"imminent": ("🔴", "紧急", "IMMINENT"), "high": ("🟠", "高风险", "HIGH"),
               "medium": ("🟡", "中风险", "medium"), "requested": ("🔵", "求助", "asked for a person")}


def alert_text(kind: str, case_id: int, level: str, waiting_seconds: int, base_url: str) -> str:
    icon, zh, en = LEVEL_WORDS.get(level, ("⚪", level, level))
    minutes = waiting_seconds // 60
    waited = f"等待 {minutes} 分钟 / waiting {minutes} min" if minutes else "刚刚 / just now"
    head = {"opened": "新个案 / new case", "raised": "风险升级 / risk raised",
            "sla": "⏰ 超时未接，请督导关注 / NOT TAKEN in time — supervisors please check"}.get(kind, kind)
    return f"{icon} {zh} {en} · {head}\n{waited}\n{base_url}/staff/#case-{case_id}"


class StaffAlerts:
    """Sends alerts without blocking the caller; failures are logged (never with the token)."""

    def __init__(self, bot: Any | None, chat_id: str, base_url: str) -> None:
        self._bot = bot
        self._chat_id = chat_id
        self._base_url = base_url.rstrip("/")
        self._tasks: set[asyncio.Task] = set()
        self.sent: list[str] = []  # texts sent (kept short; handy in tests and the demo)

    @property
    def enabled(self) -> bool:
        return self._bot is not None and bool(self._chat_id)

    def case_alert(self, kind: str, case_id: int, level: str, waiting_seconds: int) -> None:
        if not self.enabled:
            return
        text = alert_text(kind, case_id, level, waiting_seconds, self._base_url)
        task = asyncio.get_running_loop().create_task(self._send(text))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _send(self, text: str) -> None:
        try:
            await self._bot.send_message(chat_id=self._chat_id, text=text, disable_web_page_preview=True)
            self.sent = [*self.sent[-99:], text]
        except Exception as exc:  # noqa: BLE001 - an alert failure must never break the message path
            log.error("staff alert to Telegram failed: %s", type(exc).__name__)

    async def close(self) -> None:
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)
        if self._bot is not None:
            try:
                await self._bot.shutdown()
            except Exception:  # noqa: BLE001
                pass


def make_alerts(settings) -> StaffAlerts:
    """A ``StaffAlerts`` with a Telegram ``Bot`` when configured, otherwise a silent one."""
    bot = None
    if settings.telegram_token and settings.telegram_staff_chat_id:
        from telegram import Bot

        # Request URLs contain the bot token: keep the HTTP client's loggers quiet.
        logging.getLogger("httpx").setLevel(logging.WARNING)
        logging.getLogger("httpcore").setLevel(logging.WARNING)
        bot = Bot(settings.telegram_token, base_url=settings.telegram_api_url)
    return StaffAlerts(bot, settings.telegram_staff_chat_id, settings.base_url)
