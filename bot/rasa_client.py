"""Rasa REST webhook client (loopback HTTP, with a timeout)."""
from __future__ import annotations

import asyncio
from typing import Any

import aiohttp

from .router import RasaUnavailable


class RasaClient:
    def __init__(self, session: aiohttp.ClientSession, base_url: str, *, timeout: float, token: str = "") -> None:
        self._http = session
        self._base = base_url.rstrip("/")
        self._timeout = aiohttp.ClientTimeout(total=timeout)
        self._params = {"token": token} if token else {}

    async def send(self, sender: str, text: str, metadata: dict[str, Any]) -> list[dict[str, Any]]:
        url = f"{self._base}/webhooks/rest/webhook"
        try:
            async with self._http.post(url, json={"sender": sender, "message": text, "metadata": metadata},
                                       params=self._params, timeout=self._timeout) as response:
                if response.status != 200:
                    raise RasaUnavailable(f"HTTP {response.status}")
                data = await response.json(content_type=None)
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as exc:
            raise RasaUnavailable(type(exc).__name__ + (f": {exc}" if str(exc) else "")) from exc
        if not isinstance(data, list):
            raise RasaUnavailable("unexpected response shape")
        return [item for item in data if isinstance(item, dict)]

    async def ready(self) -> bool:
        try:
            async with self._http.get(f"{self._base}/", timeout=aiohttp.ClientTimeout(total=2)) as response:
                return response.status == 200
        except (aiohttp.ClientError, asyncio.TimeoutError):
            return False
