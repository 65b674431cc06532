"""Retention: delete what is no longer needed, on a schedule, for every channel.

- a conversation that never had a case: deleted ``retention_days`` after its last message;
- a conversation whose cases are all closed: deleted ``closed_case_retention_days`` after the last
  case closed (and not before ``retention_days`` of inactivity);
- a conversation with an open case is never deleted by retention;
- remembered channel update ids (duplicate detection) after ``UPDATE_IDS_KEEP``.

``retention_context`` runs ``run_retention`` shortly after start-up and then every hour; tests call
``run_retention`` directly with an injected ``now``.
"""
from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import datetime as dt
import logging

from aiohttp import web

from escalation.store import conversations as store
from escalation.store import privacy

log = logging.getLogger("qingxin.retention")

FIRST_RUN_DELAY = 60.0
INTERVAL = 3600.0
UPDATE_IDS_KEEP = dt.timedelta(days=2)  # Telegram stops retrying an update after about a day
UPDATE_CHANNELS = ("telegram",)


@dataclasses.dataclass(frozen=True)
class RetentionResult:
    conversations_deleted: int
    processed_updates_deleted: int


async def run_retention(sessions, *, retention_days: int, closed_case_retention_days: int,
                        now: dt.datetime | None = None) -> RetentionResult:
    now = now or dt.datetime.now(dt.timezone.utc)
    async with sessions.begin() as session:
        ids = await store.expired_conversation_ids(
            session, idle_before=now - dt.timedelta(days=retention_days),
            closed_case_before=now - dt.timedelta(days=closed_case_retention_days))
        for conversation_id in ids:
            await store.delete_conversation(session, conversation_id)
        updates = 0
        for channel in UPDATE_CHANNELS:
            updates += await privacy.delete_processed_updates(session, channel, now - UPDATE_IDS_KEEP)
        if ids or updates:
            await privacy.record_retention_run(session, len(ids), updates)
    if ids:
        log.info("retention deleted %d conversation(s)", len(ids))
    return RetentionResult(len(ids), updates)


async def retention_context(app: web.Application):
    """Cleanup context: the periodic retention job (first run shortly after start-up, then hourly)."""
    from bot.app import SESSIONS, SETTINGS

    settings = app[SETTINGS]

    async def loop() -> None:
        await asyncio.sleep(FIRST_RUN_DELAY)
        while True:
            try:
                await run_retention(app[SESSIONS], retention_days=settings.retention_days,
                                    closed_case_retention_days=settings.closed_case_retention_days)
            except Exception:  # keep the schedule alive; the next run tries again
                log.exception("retention run failed")
            await asyncio.sleep(INTERVAL)

    task = asyncio.create_task(loop(), name="qingxin-retention")
    yield
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
