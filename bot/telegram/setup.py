"""Wiring of the Telegram channel into the aiohttp service.

``setup_telegram(app)`` does nothing unless ``QINGXIN_TELEGRAM_TOKEN`` is set. Then:
- webhook mode: ``POST /telegram/webhook`` (secret header checked with ``hmac.compare_digest``) hands each
  update to a python-telegram-bot ``Application`` built without an updater; ``setWebhook`` at start-up;
- polling mode (``make demo`` with only a token): the same handlers, ``start_polling`` instead.
The Application is started and stopped in a cleanup context. If Telegram can't be reached at start-up,
the rest of the service still starts and the channel keeps retrying in the background.
"""
from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import secrets

from aiohttp import web
from telegram import Update
from telegram.ext import Application

from bot.privacy import rasa_forgetter
from bot.settings import Settings

from .channel import ALLOWED_UPDATES, RedactTokenFilter, TelegramChannel, redact

log = logging.getLogger("qingxin.telegram")

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
WEBHOOK_PATH = "/telegram/webhook"
RETRY_START_SECONDS = 30.0


class TelegramService:
    """The channel's state in one app: mode, secret, the running Application (None until started)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.mode = settings.telegram_mode or ("webhook" if settings.telegram_webhook_url else "polling")
        self.secret = settings.telegram_webhook_secret
        if self.mode == "webhook" and not self.secret:
            # Settings refuses this in production; the demo gets a throwaway secret and says so.
            self.secret = secrets.token_urlsafe(32)
            log.warning("QINGXIN_TELEGRAM_WEBHOOK_SECRET is not set: using a throwaway secret for this run")
        self.webhook_url = settings.telegram_webhook_url or (
            settings.public_url.rstrip("/") + WEBHOOK_PATH if settings.public_url else "")
        self.application: Application | None = None
        self.channel: TelegramChannel | None = None
        self.ready = False

    def build(self) -> Application:
        builder = Application.builder().token(self.settings.telegram_token).base_url(self.settings.telegram_api_url)
        if self.mode == "webhook":
            builder = builder.updater(None)
        return builder.build()

    async def start(self) -> None:
        application = self.application
        assert application is not None and self.channel is not None
        await application.initialize()  # getMe: checks the token, learns the bot's username
        await application.start()
        if self.mode == "webhook":
            if self.webhook_url:
                await application.bot.set_webhook(url=self.webhook_url, secret_token=self.secret,
                                                  allowed_updates=ALLOWED_UPDATES)
            else:
                log.warning("Telegram webhook mode without QINGXIN_TELEGRAM_WEBHOOK_URL or QINGXIN_PUBLIC_URL: "
                            "set the webhook yourself, updates are accepted at %s", WEBHOOK_PATH)
        else:
            await application.updater.start_polling(allowed_updates=ALLOWED_UPDATES)
        await self.channel.set_commands(application.bot)
        self.ready = True
        log.info("Telegram channel started (%s mode, bot @%s)", self.mode, application.bot.username)

    async def stop(self) -> None:
        application = self.application
        if application is None:
            return
        self.ready = False
        if application.updater is not None and application.updater.running:
            await application.updater.stop()
        if application.running:
            await application.stop()
        await application.shutdown()


TELEGRAM = web.AppKey("telegram", TelegramService)


def setup_telegram(app: web.Application) -> None:
    from bot.app import SETTINGS

    settings = app[SETTINGS]
    if not settings.telegram_token:
        return
    app[TELEGRAM] = TelegramService(settings)
    if app[TELEGRAM].mode == "webhook":
        app.router.add_post(WEBHOOK_PATH, webhook, name="telegram_webhook")
    app.cleanup_ctx.append(telegram_context)


def _token_filters(token: str) -> list[tuple[logging.Logger, logging.Filter]]:
    """Quiet httpx (its request lines contain the token) and redact the token from PTB's loggers."""
    logging.getLogger("httpx").setLevel(logging.WARNING)
    token_filter = RedactTokenFilter(token)
    names = [name for name in logging.root.manager.loggerDict
             if name.split(".")[0] in ("telegram", "httpx", "httpcore")] + ["telegram", "httpx", "qingxin.telegram"]
    attached = []
    for name in dict.fromkeys(names):
        logger = logging.getLogger(name)
        logger.addFilter(token_filter)
        attached.append((logger, token_filter))
    return attached


async def telegram_context(app: web.Application):
    from bot.app import HTTP, ROUTER, SESSIONS, SETTINGS

    settings = app[SETTINGS]
    service = app[TELEGRAM]
    filters_attached = _token_filters(settings.telegram_token)
    router = app[ROUTER]
    service.channel = TelegramChannel(
        router=router, sessions=app[SESSIONS], region=settings.region, max_message_chars=settings.max_message_chars,
        rate_limit_per_minute=settings.telegram_rate_limit_per_minute, retention_days=settings.retention_days,
        closed_case_retention_days=settings.closed_case_retention_days, token=settings.telegram_token,
        forget=rasa_forgetter(app[HTTP], settings.rasa_url, settings.rasa_token))
    service.application = service.build()
    service.channel.attach(service.application)
    router.register_channel("telegram", service.channel.send_to_conversation)

    retry: asyncio.Task | None = None
    try:
        await service.start()
    except Exception as exc:  # noqa: BLE001 - the web chat and staff console must start anyway
        log.error("Telegram channel could not start (%s); retrying every %ss",
                  redact(f"{type(exc).__name__}: {exc}", settings.telegram_token), RETRY_START_SECONDS)
        retry = asyncio.create_task(_keep_trying(service), name="qingxin-telegram-start")
    yield
    if retry is not None:
        retry.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await retry
    await service.stop()
    for logger, token_filter in filters_attached:
        logger.removeFilter(token_filter)


async def _keep_trying(service: TelegramService) -> None:
    while not service.ready:
        await asyncio.sleep(RETRY_START_SECONDS)
        await service.stop()
        service.application = service.build()
        service.channel.attach(service.application)
        try:
            await service.start()
        except Exception as exc:  # noqa: BLE001
            log.error("Telegram channel still not started: %s",
                      redact(f"{type(exc).__name__}: {exc}", service.settings.telegram_token))


async def webhook(request: web.Request) -> web.Response:
    """``POST /telegram/webhook``: secret header, JSON update, processed once, then 200."""
    service = request.app[TELEGRAM]
    given = request.headers.get(SECRET_HEADER, "")
    if not hmac.compare_digest(given.encode(), service.secret.encode()):
        raise web.HTTPForbidden(text="forbidden")
    try:
        data = json.loads(await request.read())
    except (UnicodeDecodeError, ValueError):
        raise web.HTTPBadRequest(text="malformed JSON") from None
    if not isinstance(data, dict) or type(data.get("update_id")) is not int:
        raise web.HTTPBadRequest(text="not a Telegram update")
    application = service.application
    if application is None or not service.ready:
        raise web.HTTPServiceUnavailable(text="Telegram channel starting")  # Telegram retries later
    try:
        update = Update.de_json(data, application.bot)
    except (KeyError, TypeError, ValueError):
        raise web.HTTPBadRequest(text="not a Telegram update") from None
    await application.process_update(update)
    return web.Response(text="ok")
