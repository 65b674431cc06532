"""In-process pub/sub of console events to staff websockets.

Each connected console gets a bounded queue; ``publish`` never blocks the message path (a console that
falls too far behind is disconnected and reloads). One process only: to run several service instances,
put the same interface over Redis pub/sub (publish → PUBLISH on a channel, each instance fans out to
its own sockets).
"""
from __future__ import annotations

import asyncio
import dataclasses
import logging
from collections.abc import Callable
from typing import Any

from escalation.cases import Actor

log = logging.getLogger("qingxin.events")
CLOSE = object()


@dataclasses.dataclass(eq=False)
class Subscription:
    actor: Actor
    token_hash: str
    queue: asyncio.Queue
    watching: set[int] = dataclasses.field(default_factory=set)
    overflowed: bool = False


class EventHub:
    def __init__(self, queue_size: int = 1000) -> None:
        self._subs: set[Subscription] = set()
        self._queue_size = queue_size

    def subscribe(self, actor: Actor, token_hash: str = "") -> Subscription:
        sub = Subscription(actor=actor, token_hash=token_hash, queue=asyncio.Queue(self._queue_size))
        self._subs.add(sub)
        return sub

    def unsubscribe(self, sub: Subscription) -> None:
        self._subs.discard(sub)

    @property
    def count(self) -> int:
        return len(self._subs)

    def _put(self, sub: Subscription, item: Any) -> None:
        try:
            sub.queue.put_nowait(item)
        except asyncio.QueueFull:
            if not sub.overflowed:
                sub.overflowed = True
                log.warning("console of staff %s fell behind; disconnecting it", sub.actor.id)
                sub.queue.get_nowait()
                sub.queue.put_nowait(CLOSE)

    def publish(self, event: dict[str, Any], to: Callable[[Subscription], bool] | None = None) -> int:
        sent = 0
        for sub in list(self._subs):
            if to is None or to(sub):
                self._put(sub, event)
                sent += 1
        return sent

    def publish_case(self, kind: str, case: dict[str, Any]) -> int:
        return self.publish({"type": "case", "event": kind, "case": case})

    def publish_message(self, case: dict[str, Any], message: dict[str, Any]) -> int:
        """A message of a case goes to its assignee and to consoles that have the case open."""
        assignee = (case.get("assignee") or {}).get("id")
        return self.publish({"type": "case", "event": "message", "case": case, "message": message},
                            to=lambda s: s.actor.id == assignee or case["id"] in s.watching)

    def publish_alert(self, event: dict[str, Any]) -> int:
        return self.publish({"type": "alert", **event})

    def disconnect(self, token_hash: str) -> None:
        """Close the consoles of a session (logout)."""
        for sub in list(self._subs):
            if sub.token_hash == token_hash:
                self._put(sub, CLOSE)
