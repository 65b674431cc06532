"""Fixtures of the Telegram channel tests: a fake Bot API, a fake Rasa REST webhook, and the real
service (``create_app``) on a temporary SQLite store with Telegram in webhook mode."""
from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from fake_bot_api import FakeBotApi
from tg_helpers import HEADER, SECRET, TOKEN, WEBHOOK_URL, FakeRasa


@pytest.fixture
async def fake_bot_api():
    api = FakeBotApi(TOKEN)
    await api.start()
    yield api
    await api.stop()


@pytest.fixture
async def fake_rasa():
    rasa = FakeRasa()
    await rasa.start()
    yield rasa
    await rasa.stop()


@pytest.fixture
def tg_settings(make_settings, fake_bot_api, fake_rasa):
    def make(**overrides: str):
        values = {"TELEGRAM_TOKEN": TOKEN, "TELEGRAM_MODE": "webhook", "TELEGRAM_WEBHOOK_SECRET": SECRET,
                  "TELEGRAM_WEBHOOK_URL": WEBHOOK_URL, "TELEGRAM_API_URL": fake_bot_api.url,
                  "RASA_URL": fake_rasa.url}
        values.update(overrides)
        return make_settings(**values)

    return make


@pytest.fixture
async def tg_app(aiohttp_client, tg_settings):
    """The real service with the Telegram channel; ``.post(update)`` sends an update with the secret."""
    from bot.app import create_app

    async def start(**overrides: str):
        client = await aiohttp_client(create_app(tg_settings(**overrides)))
        return TelegramTestClient(client)

    return start


class TelegramTestClient:
    def __init__(self, client) -> None:
        self.client = client
        self.app = client.server.app

    async def post(self, update: dict[str, Any], *, secret: str | None = SECRET, expect: int = 200):
        headers = {HEADER: secret} if secret is not None else {}
        response = await self.client.post("/telegram/webhook", json=update, headers=headers)
        assert response.status == expect, await response.text()
        return response

    @property
    def sessions(self):
        from bot.app import SESSIONS

        return self.app[SESSIONS]

    @property
    def router(self):
        from bot.app import ROUTER

        return self.app[ROUTER]

    async def rows(self, model, *where):
        async with self.sessions() as session:
            return list((await session.scalars(select(model).where(*where))).all())
