"""Telegram handlers: updates in → ``MessageRouter.handle`` → replies out, plus the privacy commands.

Only private chats are answered. Every text a young person sends (messages, captions, edits,
button presses) goes through the router, so it is stored and risk-screened even when the channel
holds it back (rate limit, too long, an edit): the router then skips Rasa below medium risk and the
channel answers with its own kind note (``Inbound.metadata["screen_only"]``).
"""
from __future__ import annotations

import asyncio
import collections
import contextlib
import datetime as dt
import hashlib
import logging
import time
import traceback
from collections.abc import Awaitable, Callable, Sequence

from telegram import (BotCommand, BotCommandScopeDefault, CallbackQuery, InlineKeyboardButton,
                      InlineKeyboardMarkup, Update, User)
from telegram.constants import ChatAction, ChatType
from telegram.error import TelegramError
from telegram.ext import (Application, ApplicationHandlerStop, CallbackQueryHandler, CommandHandler,
                          ContextTypes, MessageHandler, TypeHandler, filters)

from bot import privacy
from bot.router import ConversationRef, Inbound, MessageRouter, Reply
from escalation.store import conversations as store
from escalation.store import privacy as privacy_store

from . import texts
from .formatting import INTERNAL_PREFIX, CallbackPayloads, split_text

log = logging.getLogger("qingxin.telegram")

CHANNEL = "telegram"
GROUP_CHANNEL = "telegram-group"   # processed_updates rows that remember "this group got its notice"
ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "my_chat_member"]
COMMANDS = ("start", "help", "language", "human", "mood", "mydata", "delete")
TYPING_EVERY = 4.0                 # Telegram shows "typing…" for about 5 seconds
CONFIRMATION_TTL = dt.timedelta(minutes=15)
# Payloads the commands route to Rasa (intents of domain.yml).
PAYLOAD_HUMAN = "/request_human"
PAYLOAD_MOOD = "/mood_checkin"
PAYLOAD_LANGUAGE = "/switch_language"
PAYLOAD_ROLE = {"parent": "/inform_role_parent", "student": "/inform_role_student"}
LANGUAGE_BUTTONS = (("中文", "zh"), ("English", "en"))


class RateLimiter:
    """A sliding one-minute window per user (in memory, keyed by a hash of the user id)."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute = per_minute
        self._clock = clock
        self._hits: dict[str, collections.deque[float]] = {}
        self._notified: dict[str, float] = {}

    def allow(self, key: str) -> bool:
        """True (and counted) when under the limit; held messages are not counted."""
        now = self._clock()
        hits = self._hits.setdefault(key, collections.deque())
        while hits and now - hits[0] >= 60:
            hits.popleft()
        if len(hits) >= self.per_minute:
            return False
        hits.append(now)
        if len(self._hits) > 50_000:  # forget idle users
            for stale in [k for k, v in self._hits.items() if not v or now - v[-1] >= 60][:10_000]:
                self._hits.pop(stale, None)
                self._notified.pop(stale, None)
        return True

    def should_notify(self, key: str) -> bool:
        """Tell a limited user once per minute, not once per message."""
        now = self._clock()
        if now - self._notified.get(key, -1e9) < 60:
            return False
        self._notified[key] = now
        return True


def _group_key(chat_id: int) -> int:
    """A group's id as a 63-bit hash (processed_updates is a BigInteger key; no raw id stored)."""
    return int.from_bytes(hashlib.sha256(f"group:{chat_id}".encode()).digest()[:8], "big") >> 1


class TelegramChannel:
    def __init__(self, *, router: MessageRouter, sessions, region: str = "default", max_message_chars: int = 4000,
                 rate_limit_per_minute: int = 20, retention_days: int = 30, closed_case_retention_days: int = 365,
                 token: str = "", forget: Callable[[str], Awaitable[None]] | None = None) -> None:
        self.router = router
        self.sessions = sessions
        self.region = region
        self.max_chars = max_message_chars
        self.limiter = RateLimiter(rate_limit_per_minute)
        self.retention_days = retention_days
        self.closed_case_retention_days = closed_case_retention_days
        self.payloads = CallbackPayloads()
        self._token = token
        self._forget = forget
        self.bot = None

    # -- wiring -----------------------------------------------------------------------------------
    def attach(self, application: Application) -> None:
        self.bot = application.bot
        private = filters.ChatType.PRIVATE
        new = filters.UpdateType.MESSAGE
        application.add_handler(TypeHandler(Update, self.gate), group=-1)
        for name in COMMANDS:
            application.add_handler(CommandHandler(name, getattr(self, f"cmd_{name}"), filters=private & new))
        application.add_handler(MessageHandler(private & new & filters.COMMAND, self.cmd_unknown))
        application.add_handler(MessageHandler(private & new & filters.TEXT & ~filters.COMMAND, self.on_text))
        application.add_handler(MessageHandler(private & filters.UpdateType.EDITED_MESSAGE & filters.TEXT,
                                               self.on_edited))
        application.add_handler(MessageHandler(private & new & ~filters.TEXT & ~filters.StatusUpdate.ALL,
                                               self.on_non_text))
        application.add_handler(CallbackQueryHandler(self.on_callback))
        application.add_error_handler(self.on_error)

    async def set_commands(self, bot) -> None:
        """The command menu in both languages: Chinese by default, English for English clients."""
        for language, code in (("zh", None), ("en", "en")):
            commands = [BotCommand(name, description) for name, description in texts.commands(language)]
            await bot.set_my_commands(commands, scope=BotCommandScopeDefault(), language_code=code)

    def text(self, key: str, language: str | None, **values) -> str:
        return texts.text(key, language, self.region, **values)

    # -- every update: duplicates, groups ------------------------------------------------------------
    async def gate(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Runs before every handler: drop retried updates; answer groups once, then never."""
        async with self.sessions.begin() as session:
            fresh = await privacy_store.claim_update(session, CHANNEL, update.update_id)
        if not fresh:
            log.info("update %s already handled; skipped", update.update_id)
            raise ApplicationHandlerStop
        chat = update.effective_chat
        if chat is None or chat.type == ChatType.PRIVATE:
            return
        member = update.my_chat_member
        joined = member is not None and member.new_chat_member.status in ("member", "administrator")
        if (update.message is not None or joined) and chat.type in (ChatType.GROUP, ChatType.SUPERGROUP):
            async with self.sessions.begin() as session:
                first = await privacy_store.claim_update(session, GROUP_CHANNEL, _group_key(chat.id))
            if first:
                await context.bot.send_message(chat.id, self._group_notice(context.bot.username))
        if update.callback_query is not None:
            await update.callback_query.answer()  # stop the button's spinner, do nothing else
        raise ApplicationHandlerStop  # nothing from groups or channels is stored or routed

    def _group_notice(self, username: str | None) -> str:
        link = f"https://t.me/{username}" if username else "t.me"
        return self.text("group_notice", "zh", link=link) + "\n\n" + self.text("group_notice", "en", link=link)

    # -- routing ----------------------------------------------------------------------------------
    async def language_of(self, user: User | None) -> str:
        """The conversation's language, else the Telegram client's, else Chinese."""
        if user is not None:
            ref = await self.router.conversation(CHANNEL, str(user.id))
            if ref is not None and ref.language:
                return texts.lang(ref.language)
            return texts.lang(texts.language_from_code(user.language_code))
        return "zh"

    def _limit_key(self, user: User) -> str:
        return hashlib.sha256(f"rate:{user.id}".encode()).hexdigest()[:24]

    async def route(self, update: Update, context: ContextTypes.DEFAULT_TYPE, text: str, *,
                    meta: dict | None = None, limited_ok: bool = False, language: str | None = None) -> list[Reply]:
        """Send one text through the router and the replies back; holds (screen only) when needed."""
        user, chat = update.effective_user, update.effective_chat
        metadata = dict(meta or {})
        hint = texts.language_from_code(user.language_code)
        if hint:
            metadata["language_hint"] = hint
        if language:
            metadata["language"] = language
        too_long = len(text) > self.max_chars
        limited = False
        if not limited_ok and not too_long and not metadata.get("screen_only"):
            limited = not self.limiter.allow(self._limit_key(user))
        if too_long:
            metadata.update(too_long=True, screen_only=True)
        if limited:
            metadata.update(rate_limited=True, screen_only=True)
        # A private chat's id is the user's id (a button under a message Telegram no longer shows has no chat).
        chat_id = chat.id if chat is not None else user.id
        inbound = Inbound(channel=CHANNEL, user_id=str(user.id), text=text, address=str(chat_id), metadata=metadata)
        async with self.typing(context.bot, chat_id):
            replies = await self.router.handle(inbound)
        reply_language = await self.language_of(user)
        await self.send_replies(context.bot, chat_id, replies, reply_language)
        if too_long:
            await context.bot.send_message(chat_id, self.text("too_long", reply_language, n=self.max_chars))
        elif limited and self.limiter.should_notify(self._limit_key(user)):
            await context.bot.send_message(chat_id, self.text("rate_limited", reply_language))
        return replies

    @contextlib.asynccontextmanager
    async def typing(self, bot, chat_id: int):
        """Show "typing…" while the router and Rasa work (renewed every few seconds)."""

        async def action() -> None:
            try:
                await bot.send_chat_action(chat_id, ChatAction.TYPING)
            except TelegramError as exc:
                log.debug("typing indicator failed: %s", type(exc).__name__)

        async def renew() -> None:
            while True:
                await asyncio.sleep(TYPING_EVERY)
                await action()

        first = asyncio.create_task(action())
        again = asyncio.create_task(renew())
        try:
            yield
        finally:
            again.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await again
            await first

    def keyboard(self, buttons: Sequence[dict[str, str]]) -> InlineKeyboardMarkup | None:
        """Rasa buttons as an inline keyboard: short titles share a row (up to 5), long ones get their own."""
        if not buttons:
            return None
        keys = [InlineKeyboardButton(b.get("title") or b.get("payload", ""),
                                     callback_data=self.payloads.data_for(b.get("payload") or b.get("title", "")))
                for b in buttons]
        if all(len(b.get("title", "")) <= 6 for b in buttons):
            rows = [keys[i:i + 5] for i in range(0, len(keys), 5)]
        else:
            rows = [[key] for key in keys]
        return InlineKeyboardMarkup(rows)

    async def send_replies(self, bot, chat_id: int | str, replies: Sequence[Reply], language: str) -> None:
        for reply in replies:
            body = reply.text
            if reply.sender == "staff":
                name = reply.name or ""
                body = self.text("staff_prefix", language, name=(" " + name if language == "en" and name else name)) + body
            if not body.strip():
                body = self.text("choose", language)
            parts = split_text(body)
            markup = self.keyboard(reply.buttons)
            for i, part in enumerate(parts):
                await bot.send_message(chat_id, part, reply_markup=markup if i == len(parts) - 1 else None)

    async def send_to_conversation(self, conversation: ConversationRef, reply: Reply) -> None:
        """The router's sender for pushed messages (staff replies, hand-back notices)."""
        if not conversation.address:
            raise LookupError(f"no Telegram chat address for {conversation.pseudonym}")
        if self.bot is None:
            raise RuntimeError("Telegram channel not started")
        await self.send_replies(self.bot, int(conversation.address), [reply], conversation.language)

    # -- messages ---------------------------------------------------------------------------------
    async def on_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await self.route(update, context, update.effective_message.text)

    async def on_edited(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """An edit is stored and screened; it is only answered when it shows risk."""
        await self.route(update, context, update.effective_message.text, meta={"edited": True, "screen_only": True})

    async def on_non_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        kind = next((k for k in ("sticker", "photo", "voice", "video", "video_note", "animation", "audio",
                                 "document", "location", "venue", "contact", "poll", "dice") if getattr(message, k)),
                    "other")
        if message.caption and message.caption.strip():
            await self.route(update, context, message.caption, meta={"kind": kind, "caption": True})
            return
        language = await self.language_of(update.effective_user)
        await context.bot.send_message(update.effective_chat.id, self.text("non_text", language))

    # -- commands ---------------------------------------------------------------------------------
    async def cmd_start(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        language = await self.language_of(update.effective_user)
        await context.bot.send_message(update.effective_chat.id, self.text(
            "start", language, retention_days=self.retention_days,
            closed_case_retention_days=self.closed_case_retention_days))
        role = (context.args or [""])[0].lower()
        if role in PAYLOAD_ROLE:
            await self.route(update, context, PAYLOAD_ROLE[role], limited_ok=True, meta={"command": "start"})

    async def cmd_help(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        language = await self.language_of(update.effective_user)
        await context.bot.send_message(update.effective_chat.id, self.text("help", language))

    async def cmd_unknown(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        language = await self.language_of(update.effective_user)
        await context.bot.send_message(update.effective_chat.id, self.text("unknown_command", language))

    async def cmd_language(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        language = await self.language_of(update.effective_user)
        markup = InlineKeyboardMarkup([[InlineKeyboardButton(title, callback_data=f"{INTERNAL_PREFIX}lang:{code}")
                                        for title, code in LANGUAGE_BUTTONS]])
        await context.bot.send_message(update.effective_chat.id, self.text("language_prompt", language),
                                       reply_markup=markup)

    async def cmd_human(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        # Asking for a person is never rate-limited.
        await self.route(update, context, PAYLOAD_HUMAN, limited_ok=True, meta={"command": "human"})

    async def cmd_mood(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await self.route(update, context, PAYLOAD_MOOD, limited_ok=True, meta={"command": "mood"})

    async def cmd_mydata(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        user = update.effective_user
        language = await self.language_of(user)
        ref = await self.router.conversation(CHANNEL, str(user.id))
        if ref is None:
            await context.bot.send_message(update.effective_chat.id, self.text("mydata_none", language))
            return
        async with self.sessions() as session:
            summary = await store.data_summary(session, ref.id)

        def day(value) -> str:
            return value.strftime("%Y-%m-%d") if value else "—"

        await context.bot.send_message(update.effective_chat.id, self.text(
            "mydata", language, messages=summary["messages"], first=day(summary["first_message_at"]),
            last=day(summary["last_message_at"]), cases=summary["cases"], moods=summary["mood_checkins"],
            retention_days=self.retention_days))

    async def cmd_delete(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        language = await self.language_of(update.effective_user)
        markup = InlineKeyboardMarkup([[
            InlineKeyboardButton(self.text("delete_yes", language), callback_data=f"{INTERNAL_PREFIX}del:yes"),
            InlineKeyboardButton(self.text("delete_no", language), callback_data=f"{INTERNAL_PREFIX}del:no")]])
        await context.bot.send_message(update.effective_chat.id, self.text("delete_confirm", language),
                                       reply_markup=markup)

    # -- buttons ----------------------------------------------------------------------------------
    async def on_callback(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        await query.answer()
        data = query.data or ""
        await self._remove_keyboard(query)
        if data.startswith(f"{INTERNAL_PREFIX}lang:"):
            code = data.rsplit(":", 1)[1]
            if code in texts.LANGUAGES:
                await self.route(update, context, PAYLOAD_LANGUAGE, limited_ok=True, language=code,
                                 meta={"button": True})
            return
        if data.startswith(f"{INTERNAL_PREFIX}del:"):
            await self._erasure_answer(update, context, query, data.rsplit(":", 1)[1] == "yes")
            return
        payload = self.payloads.payload_for(data)
        if payload is None:
            language = await self.language_of(update.effective_user)
            await context.bot.send_message(_chat_id(update), self.text("button_expired", language))
            return
        meta = {"button": True}
        title = _button_title(query, data)
        if title:
            meta["button_title"] = title
        await self.route(update, context, payload, meta=meta)

    async def _remove_keyboard(self, query: CallbackQuery) -> None:
        """A pressed keyboard disappears, so an answer can't be sent twice by a second tap."""
        if query.message is None:
            return
        try:
            await query.edit_message_reply_markup(reply_markup=None)
        except TelegramError as exc:
            log.debug("could not remove keyboard: %s", type(exc).__name__)

    async def _erasure_answer(self, update: Update, context: ContextTypes.DEFAULT_TYPE, query: CallbackQuery,
                              confirmed: bool) -> None:
        user, chat_id = update.effective_user, _chat_id(update)
        language = await self.language_of(user)
        if not confirmed:
            await context.bot.send_message(chat_id, self.text("delete_kept", language))
            return
        sent = getattr(query.message, "date", None)
        if sent is not None and dt.datetime.now(dt.timezone.utc) - sent > CONFIRMATION_TTL:
            await context.bot.send_message(chat_id, self.text("delete_expired", language))
            return
        ref = await self.router.conversation(CHANNEL, str(user.id))
        if ref is None:
            await context.bot.send_message(chat_id, self.text("delete_nothing", language))
            return
        await privacy.erase(self.router, self.sessions, ref, forget=self._forget)
        await context.bot.send_message(chat_id, self.text("delete_done", language))

    # -- failures ---------------------------------------------------------------------------------
    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Log without the token; tell the user to try again — never silence."""
        error = context.error
        detail = "".join(traceback.format_exception(type(error), error, error.__traceback__)) if error else ""
        update_id = getattr(update, "update_id", None)
        log.error("Telegram update %s failed: %s", update_id, redact(detail, self._token))
        if not isinstance(update, Update) or update.effective_user is None:
            return
        if update.effective_chat is not None and update.effective_chat.type != ChatType.PRIVATE:
            return
        user = update.effective_user
        language = texts.lang(texts.language_from_code(user.language_code))
        try:
            await context.bot.send_message(_chat_id(update), self.text("retry", language))
        except Exception as exc:  # noqa: BLE001 - the failure is already logged
            log.error("could not send the retry message for update %s: %s", update_id, type(exc).__name__)


def _chat_id(update: Update) -> int:
    """Where to answer: the chat, or (private chats) the user when Telegram sent no message."""
    return update.effective_chat.id if update.effective_chat is not None else update.effective_user.id


def _button_title(query: CallbackQuery, data: str) -> str | None:
    markup = getattr(query.message, "reply_markup", None)
    for row in getattr(markup, "inline_keyboard", ()) or ():
        for button in row:
            if button.callback_data == data:
                return button.text
    return None


def redact(text: str, token: str) -> str:
    """``text`` with the bot token (and its URL-encoded form) replaced."""
    if not token:
        return text
    from urllib.parse import quote

    return text.replace(token, "<token>").replace(quote(token, safe=""), "<token>")


class RedactTokenFilter(logging.Filter):
    """Removes the bot token from records of python-telegram-bot's and httpx's loggers."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self._token = token

    def filter(self, record: logging.LogRecord) -> bool:
        if not self._token:
            return True
        message = record.getMessage()
        if record.exc_info:
            message += "\n" + "".join(traceback.format_exception(*record.exc_info))
            record.exc_info = None
            record.exc_text = None
        record.msg, record.args = redact(message, self._token), None
        return True
