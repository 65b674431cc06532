"""App factory: only wiring — routes, middlewares, cleanup contexts."""
from __future__ import annotations

import logging

import aiohttp
from aiohttp import web

from escalation.store import db

from . import routes
from .rasa_client import RasaClient
from .retention import retention_context
from .router import MessageRouter
from .settings import Settings

log = logging.getLogger("qingxin")

SETTINGS = web.AppKey("settings", Settings)
ROUTER = web.AppKey("router", MessageRouter)
HTTP = web.AppKey("http", aiohttp.ClientSession)
ENGINE = web.AppKey("engine", object)
SESSIONS = web.AppKey("sessions", object)
# (escalation, issue 5) an AppKey instead of the string "rasa": a str key warns (NotAppKeyWarning), and
# pytest.ini turns warnings into errors.
RASA = web.AppKey("rasa", RasaClient)


async def _warm_risk_screen(app: web.Application):
    """Build the risk lexicons at start-up (about a second), so the first young person doesn't wait."""
    import asyncio

    from escalation.risk import screen

    await asyncio.to_thread(screen, "warm up")
    yield


async def _store(app: web.Application):
    settings = app[SETTINGS]
    await db.upgrade(settings.database)
    engine = db.create_engine(settings.database)
    app[ENGINE] = engine
    app[SESSIONS] = db.sessionmaker(engine)
    yield
    await engine.dispose()


async def _http_and_router(app: web.Application):
    settings = app[SETTINGS]
    session = aiohttp.ClientSession()
    app[HTTP] = session
    rasa = RasaClient(session, settings.rasa_url, timeout=settings.rasa_timeout, token=settings.rasa_token)
    app[ROUTER] = MessageRouter(sessions=app[SESSIONS], rasa=rasa, secret_key=settings.secret_key,
                                region=settings.region, history_messages=settings.history_messages)
    app[RASA] = rasa
    yield
    await session.close()


def create_app(settings: Settings) -> web.Application:
    from bot.webchat import handlers as webchat

    app = web.Application(client_max_size=256 * 1024, middlewares=[routes.error_middleware])
    app[SETTINGS] = settings
    app.cleanup_ctx.append(_warm_risk_screen)
    app.cleanup_ctx.append(_store)
    app.cleanup_ctx.append(_http_and_router)
    app.cleanup_ctx.append(webchat.channel_context)
    app.cleanup_ctx.append(retention_context)  # (retention edit) hourly retention job for every channel
    routes.setup(app)
    # Later capabilities plug in here: each adds its routes and cleanup contexts.
    _optional_setup(app, "escalation.service.setup", "setup_escalation")
    _optional_setup(app, "bot.telegram.setup", "setup_telegram")
    return app


def _optional_setup(app: web.Application, module: str, function: str) -> None:
    import importlib

    try:
        setup = getattr(importlib.import_module(module), function)
    except ModuleNotFoundError as exc:
        if exc.name and module.startswith(exc.name):
            return
        raise
    setup(app)
