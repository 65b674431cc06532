"""Audit log queries: who viewed, took, messaged, handed back or closed which case, when — never text."""
from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from .models import AuditEntry


async def add(session: AsyncSession, *, actor: str, action: str, staff_id: int | None = None,
              case_id: int | None = None, conversation: str | None = None,
              detail: dict[str, Any] | None = None) -> AuditEntry:
    entry = AuditEntry(actor=actor, action=action, staff_id=staff_id, case_id=case_id,
                       conversation=conversation, detail=detail)
    session.add(entry)
    await session.flush()
    return entry


async def entries(session: AsyncSession, *, limit: int = 200, case_id: int | None = None) -> list[AuditEntry]:
    query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
    if case_id is not None:
        query = query.where(AuditEntry.case_id == case_id)
    return list((await session.scalars(query)).all())
