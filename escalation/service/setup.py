"""``setup_escalation(app)``: the hotline side's routes, middlewares and cleanup contexts.

Called by ``bot.app.create_app``. The router is created in an earlier cleanup context, so the service
is attached in our own cleanup context, appended after the existing ones.
"""
from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import sys

from aiohttp import web

from escalation.store import staff as staff_store

from . import api, auth, views
from .alerts import make_alerts
from .events import EventHub
from .keys import ADMIN_PASSWORD, HUB, SERVICE, THROTTLE
from .service import EscalationService

log = logging.getLogger("qingxin.escalation")
ADMIN = "admin"


def add_routes(app: web.Application) -> None:
    r = app.router
    r.add_get("/staff", views.console_redirect, name="staff_redirect")
    r.add_get("/staff/", views.console, name="staff_console")
    r.add_static("/staff/static/", views.STATIC, name="staff_static")
    r.add_get("/staff/ws", views.websocket, name="staff_ws")
    r.add_post("/staff/api/login", api.login, name="staff_login")
    r.add_post("/staff/api/logout", api.logout, name="staff_logout")
    r.add_get("/staff/api/me", api.me, name="staff_me")
    r.add_post("/staff/api/shift", api.shift, name="staff_shift")
    r.add_get("/staff/api/staff", api.staff_list, name="staff_list")
    r.add_get("/staff/api/cases", api.cases, name="staff_cases")
    r.add_get("/staff/api/cases/{case_id}", api.case, name="staff_case")
    r.add_post("/staff/api/cases/{case_id}/take", api.take, name="staff_case_take")
    r.add_post("/staff/api/cases/{case_id}/messages", api.message, name="staff_case_message")
    r.add_post("/staff/api/cases/{case_id}/handback", api.handback, name="staff_case_handback")
    r.add_post("/staff/api/cases/{case_id}/close", api.close, name="staff_case_close")
    r.add_post("/staff/api/cases/{case_id}/assign", api.assign, name="staff_case_assign")
    r.add_get("/staff/api/audit", api.audit_log, name="staff_audit")
    r.add_post("/internal/cases", api.internal_cases, name="internal_cases")


def _sessions_of(app: web.Application):
    from bot.app import SESSIONS

    return app[SESSIONS]


def _base_url_of(app: web.Application) -> str:
    from bot.app import SETTINGS

    return app[SETTINGS].base_url


async def ensure_admin(sessions, settings) -> str | None:
    """Create or refresh the ``admin`` supervisor. Returns a generated password (shown once) or None."""
    generated = None
    async with sessions.begin() as session:
        admin = await staff_store.by_username(session, ADMIN)
        password = settings.admin_password
        if admin is None:
            if not password:
                generated = password = secrets.token_urlsafe(12)
            admin = await staff_store.create(session, username=ADMIN, display_name="Admin",
                                             password_hash=await asyncio.to_thread(auth.hash_password, password),
                                             role="supervisor")
        elif password and not await asyncio.to_thread(auth.verify_password, password, admin.password_hash):
            admin.password_hash = await asyncio.to_thread(auth.hash_password, password)
        admin.role, admin.active = "supervisor", True
        if settings.mode == "demo":
            admin.on_shift = settings.demo_admin_on_shift
    return generated


async def escalation_context(app: web.Application):
    from bot.app import ROUTER, SESSIONS, SETTINGS

    settings = app[SETTINGS]
    generated = await ensure_admin(app[SESSIONS], settings)
    if generated:
        # Shown once, at creation; only the hash is stored.
        message = f"Created the staff console account 'admin' with password: {generated} (shown only once)"
        log.warning(message)
        print(message, file=sys.stderr, flush=True)
        app[ADMIN_PASSWORD] = generated
    alerts = make_alerts(settings)
    service = EscalationService(sessions=app[SESSIONS], router=app[ROUTER], hub=app[HUB], alerts=alerts,
                                region=settings.region, sla_high=settings.sla_high_seconds,
                                sla_imminent=settings.sla_imminent_seconds)
    app[SERVICE] = service
    app[ROUTER].escalation = service
    interval = max(1.0, min(10.0, min(settings.sla_high_seconds, settings.sla_imminent_seconds) / 4))
    sla = asyncio.create_task(service.sla_loop(interval))
    yield
    sla.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await sla
    app[ROUTER].escalation = None
    await alerts.close()


def setup_escalation(app: web.Application) -> None:
    app[HUB] = EventHub()
    app[THROTTLE] = auth.LoginThrottle()
    add_routes(app)
    app.middlewares.append(auth.auth_middleware(_sessions_of))
    app.middlewares.append(auth.csrf_middleware(_base_url_of))
    app.cleanup_ctx.append(escalation_context)
