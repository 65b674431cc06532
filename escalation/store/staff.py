"""Query functions for staff accounts and their console sessions. Session first; caller owns the transaction."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from .models import Staff, StaffSession, utcnow


async def by_username(session: AsyncSession, username: str) -> Staff | None:
    return await session.scalar(select(Staff).where(Staff.username == username))


async def by_id(session: AsyncSession, staff_id: int) -> Staff | None:
    return await session.get(Staff, staff_id)


async def create(session: AsyncSession, *, username: str, display_name: str, password_hash: str,
                 role: str = "counsellor", on_shift: bool = False) -> Staff:
    staff = Staff(username=username, display_name=display_name, password_hash=password_hash, role=role,
                  on_shift=on_shift, active=True)
    session.add(staff)
    await session.flush()
    return staff


async def all_staff(session: AsyncSession) -> list[Staff]:
    return list((await session.scalars(select(Staff).order_by(Staff.id))).all())


async def on_shift(session: AsyncSession) -> list[Staff]:
    rows = await session.scalars(select(Staff).where(Staff.on_shift.is_(True), Staff.active.is_(True))
                                 .order_by(Staff.id))
    return list(rows.all())


async def on_shift_count(session: AsyncSession) -> int:
    return await session.scalar(select(func.count(Staff.id)).where(Staff.on_shift.is_(True),
                                                                  Staff.active.is_(True))) or 0


async def supervisors(session: AsyncSession) -> list[Staff]:
    rows = await session.scalars(select(Staff).where(Staff.role == "supervisor", Staff.active.is_(True)))
    return list(rows.all())


# -- console sessions (the cookie holds a random token; only its SHA-256 is stored) ---------------
async def add_session(session: AsyncSession, *, token_hash: str, staff_id: int, csrf_token: str,
                      expires_at: dt.datetime) -> StaffSession:
    row = StaffSession(token_hash=token_hash, staff_id=staff_id, csrf_token=csrf_token, expires_at=expires_at)
    session.add(row)
    await session.flush()
    return row


async def session_with_staff(session: AsyncSession, token_hash: str,
                             now: dt.datetime | None = None) -> tuple[StaffSession, Staff] | None:
    now = now or utcnow()
    row = (await session.execute(
        select(StaffSession, Staff).join(Staff, Staff.id == StaffSession.staff_id)
        .where(StaffSession.token_hash == token_hash, Staff.active.is_(True)))).first()
    if row is None:
        return None
    staff_session, staff = row
    expires = staff_session.expires_at
    if expires.tzinfo is None:  # SQLite returns naive datetimes
        expires = expires.replace(tzinfo=dt.timezone.utc)
    if expires <= now:
        return None
    return staff_session, staff


async def delete_session(session: AsyncSession, token_hash: str) -> None:
    await session.execute(delete(StaffSession).where(StaffSession.token_hash == token_hash))


async def delete_expired_sessions(session: AsyncSession, now: dt.datetime | None = None) -> None:
    await session.execute(delete(StaffSession).where(StaffSession.expires_at < (now or utcnow())))
