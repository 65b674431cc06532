"""Erasure ("delete my data") for every channel: close open cases (staff are told), erase the conversation,
keep only an audit entry saying that it happened, and ask Rasa to forget its tracker."""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

import aiohttp

from escalation.store import privacy as privacy_store

log = logging.getLogger("qingxin.privacy")


async def erase(router, sessions, conversation, *, forget: Callable[[str], Awaitable[None]] | None = None) -> None:
    """Erase one conversation (a ``ConversationRef``) at the user's request."""
    closer = getattr(router.escalation, "close_for_erasure", None)
    closed: list[int] = []
    if closer is not None:
        # The escalation service closes open cases with outcome "user_erasure" and tells staff.
        closed = list(await closer(conversation.id))
    async with sessions.begin() as session:
        closed += await privacy_store.close_cases_for_erasure(session, conversation.id)
        await privacy_store.erase_conversation(
            session, conversation.id, actor="user",
            detail={"channel": conversation.channel, "open_cases_closed": len(closed)} if closed else
            {"channel": conversation.channel})
    log.info("conversation %s erased at the user's request", conversation.pseudonym)
    if forget is not None:
        try:
            await forget(conversation.pseudonym)
        except Exception as exc:  # noqa: BLE001 - the store is erased; Rasa's copy is best effort
            log.warning("could not clear Rasa's tracker for %s: %s", conversation.pseudonym, type(exc).__name__)


def rasa_forgetter(http: aiohttp.ClientSession, rasa_url: str, token: str = "") -> Callable[[str], Awaitable[None]]:
    """Replace a sender's Rasa tracker with an empty one (Rasa's HTTP API, needs ``--enable-api``).

    With Rasa's in-memory tracker store (endpoints.yml) this erases Rasa's copy; a SQL tracker store
    keeps old event rows on a replace, so a deployment that adds one must also delete them there."""

    async def forget(sender: str) -> None:
        params = {"token": token} if token else {}
        url = f"{rasa_url.rstrip('/')}/conversations/{sender}/tracker/events"
        try:
            async with http.put(url, json=[], params=params, timeout=aiohttp.ClientTimeout(total=5)) as response:
                if response.status >= 400:
                    log.warning("Rasa refused to clear the tracker of %s (HTTP %s)", sender, response.status)
        except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
            log.warning("Rasa unreachable to clear the tracker of %s: %s", sender, type(exc).__name__)

    return forget
