"""Helpers shared by the escalation tests (importable: tests/escalation is on sys.path)."""
from __future__ import annotations

ADMIN_PASSWORD = "admin-pass-for-tests"


class Staff:
    """A logged-in console user (own cookie jar) for API calls with the CSRF header."""

    def __init__(self, client, session, csrf: str, user: dict) -> None:
        self.client, self.session, self.csrf, self.user = client, session, csrf, user

    def url(self, path: str) -> str:
        return str(self.client.make_url(path))

    async def get(self, path: str):
        return await self.session.get(self.url(path))

    async def post(self, path: str, json=None, headers=None):
        h = {"X-CSRF-Token": self.csrf}
        h.update(headers or {})
        return await self.session.post(self.url(path), json=json if json is not None else {}, headers=h)


async def chat(client, user: str, text: str) -> list[dict]:
    response = await client.post("/api/chat", json={"user": user, "text": text})
    assert response.status == 200, await response.text()
    return (await response.json())["replies"]
