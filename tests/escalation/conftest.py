"""Fixtures for the escalation tests: a real app on a temporary SQLite file, Rasa unreachable."""
from __future__ import annotations

import pytest

from bot.app import create_app
from bot.settings import Settings
from escalation.service.keys import SERVICE, THROTTLE
from esc_helpers import ADMIN_PASSWORD, Staff



@pytest.fixture
def make_settings(make_settings):
    """The suite-wide settings (temporary SQLite, nothing listening where Rasa should be), with a
    short Rasa timeout and the known admin password."""

    def make(**overrides: str) -> Settings:
        return make_settings(**{"QINGXIN_RASA_TIMEOUT": "2", "QINGXIN_ADMIN_PASSWORD": ADMIN_PASSWORD, **overrides})

    return make


@pytest.fixture
async def client(aiohttp_client, make_settings):
    app = create_app(make_settings())
    c = await aiohttp_client(app)
    c.app[THROTTLE].base = 0.01  # keep failed-login tests fast; the delay rule itself is asserted
    return c


@pytest.fixture
def service(client):
    return client.app[SERVICE]


@pytest.fixture
async def login(client):
    import aiohttp

    sessions = []

    async def do(username: str = "admin", password: str = ADMIN_PASSWORD) -> Staff:
        session = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
        sessions.append(session)
        response = await session.post(str(client.make_url("/staff/api/login")),
                                      json={"username": username, "password": password})
        assert response.status == 200, await response.text()
        data = await response.json()
        return Staff(client, session, data["csrf_token"], data["user"])

    yield do
    for session in sessions:
        await session.close()


@pytest.fixture
def add_staff(client):
    from bot.app import SESSIONS
    from escalation.service.auth import hash_password
    from escalation.store import staff as staff_store

    async def do(username: str, password: str = "pw-" + "x" * 10, role: str = "counsellor",
                 name: str = "陈老师", on_shift: bool = True):
        async with client.app[SESSIONS].begin() as session:
            staff = await staff_store.create(session, username=username, display_name=name,
                                             password_hash=hash_password(password), role=role, on_shift=on_shift)
            return staff.id

    return do
