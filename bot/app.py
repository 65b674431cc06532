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

    from escalation.risk import warm_up

    await asyncio.to_thread(warm_up)
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
    from bot.telegram.setup import setup_telegram
    from bot.webchat import handlers as webchat
    from escalation.service.setup import setup_escalation

    app = web.Application(client_max_size=256 * 1024, middlewares=[routes.error_middleware])
    app[SETTINGS] = settings
    app.cleanup_ctx.append(_warm_risk_screen)
    app.cleanup_ctx.append(_store)
    app.cleanup_ctx.append(_http_and_router)
    app.cleanup_ctx.append(webchat.channel_context)
    app.cleanup_ctx.append(retention_context)  # hourly retention job, for every channel
    routes.setup(app)
    # The hotline side (cases, staff console, alerts) and the Telegram channel add their own routes and
    # cleanup contexts; Telegram does nothing unless a bot token is configured.
    setup_escalation(app)
    setup_telegram(app)
    return app
