"""Audit helper: one call per staff action, recording who, what, which case, when — never message text."""
from __future__ import annotations

from typing import Any

from escalation.cases import Actor
from escalation.store import audit as audit_store


async def record(session, actor: Actor | None, action: str, *, case_id: int | None = None,
                 conversation: str | None = None, detail: dict[str, Any] | None = None) -> None:
    await audit_store.add(session, actor=actor.username if actor else "system", action=action,
                          staff_id=actor.id if actor else None, case_id=case_id, conversation=conversation,
                          detail=detail)


def entry_dict(entry) -> dict[str, Any]:
    return {"id": entry.id, "at": entry.at.isoformat() if entry.at else None, "actor": entry.actor,
            "staff_id": entry.staff_id, "action": entry.action, "case_id": entry.case_id,
            "conversation": entry.conversation, "detail": entry.detail or {}}
