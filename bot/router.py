"""The channel-agnostic message router: message in → store → risk screen → Rasa or staff → replies out.

It imports neither aiohttp nor python-telegram-bot; channels are thin adapters onto it and the Rasa
client and escalation service are passed in, so it is tested with plain fakes.

Safety does not depend on Rasa: the deterministic screen runs on every message, and when Rasa is
down, slow, or did not include a safety reply for the level, the router adds one itself.
"""
from __future__ import annotations

import dataclasses
import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, Protocol

from escalation import content
from escalation.risk import Assessment, level_rank, screen
from escalation.risk.language import detect_language
from escalation.store import conversations as store

from .identity import decrypt_address, encrypt_address, pseudonym_for, user_hash

log = logging.getLogger("qingxin.router")


@dataclasses.dataclass(frozen=True)
class Inbound:
    """One message from a channel user. ``address`` is where to push later messages (kept encrypted)."""

    channel: str
    user_id: str
    text: str
    address: str | None = None
    metadata: dict[str, Any] = dataclasses.field(default_factory=dict)


@dataclasses.dataclass(frozen=True)
class Reply:
    text: str
    buttons: tuple[dict[str, str], ...] = ()
    sender: str = "bot"  # bot | staff | system
    name: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"text": self.text, "buttons": [dict(b) for b in self.buttons], "from": self.sender}
        if self.name:
            data["name"] = self.name
        return data


@dataclasses.dataclass(frozen=True)
class ConversationRef:
    """What channels and the escalation side need to know about a conversation (never the raw id)."""

    id: int
    pseudonym: str
    channel: str
    language: str
    handoff_state: str
    address: str | None = None


class RasaUnavailable(Exception):
    """Rasa could not be reached, timed out, or answered with an error."""


class RasaPort(Protocol):
    async def send(self, sender: str, text: str, metadata: dict[str, Any]) -> list[dict[str, Any]]: ...


@dataclasses.dataclass
class EscalationOutcome:
    """What the escalation side did with a message: replies to add (when Rasa did not say it)."""

    replies: list[Reply] = dataclasses.field(default_factory=list)


class EscalationPort(Protocol):
    async def on_user_message(self, conversation: ConversationRef, message_id: int, assessment: Assessment,
                              history: Sequence[str]) -> EscalationOutcome: ...

    async def relay_to_staff(self, conversation: ConversationRef, message_id: int, text: str,
                             assessment: Assessment) -> None: ...


Sender = Callable[[ConversationRef, Reply], Awaitable[None]]


def _buttons(raw: Any) -> tuple[dict[str, str], ...]:
    if not isinstance(raw, list):
        return ()
    return tuple({"title": str(b.get("title", "")), "payload": str(b.get("payload", ""))}
                 for b in raw if isinstance(b, dict))


class MessageRouter:
    def __init__(self, *, sessions, rasa: RasaPort, secret_key: str, region: str = "default",
                 history_messages: int = 20, escalation: EscalationPort | None = None) -> None:
        self._sessions = sessions
        self._rasa = rasa
        self._secret = secret_key
        self._region = region
        self._history = history_messages
        self.escalation = escalation
        self._senders: dict[str, Sender] = {}

    # -- channels -------------------------------------------------------------------------------
    def register_channel(self, name: str, send: Sender) -> None:
        self._senders[name] = send

    async def deliver(self, conversation_id: int, reply: Reply) -> bool:
        """Push a message that was not an answer (staff message, hand-back) to the user's channel."""
        async with self._sessions() as session:
            conversation = await store.conversation_by_id(session, conversation_id)
            if conversation is None:
                return False
            ref = self._ref(conversation)
        send = self._senders.get(ref.channel)
        if send is None:
            log.warning("no sender for channel %s (conversation %s)", ref.channel, ref.pseudonym)
            return False
        try:
            await send(ref, reply)
        except Exception:  # a channel failure must not break the caller (staff console)
            log.exception("delivery to %s failed", ref.pseudonym)
            return False
        return True

    def _ref(self, conversation) -> ConversationRef:
        address = decrypt_address(self._secret, conversation.address_enc) if conversation.address_enc else None
        return ConversationRef(id=conversation.id, pseudonym=conversation.pseudonym, channel=conversation.channel,
                               language=conversation.language or "zh",
                               handoff_state=conversation.handoff_state, address=address)

    def pseudonym(self, channel: str, user_id: str) -> str:
        return pseudonym_for(user_hash(self._secret, channel, user_id))

    async def conversation(self, channel: str, user_id: str) -> ConversationRef | None:
        hashed = user_hash(self._secret, channel, user_id)
        async with self._sessions() as session:
            found = await store.conversation_by_pseudonym(session, pseudonym_for(hashed))
            return self._ref(found) if found is not None else None

    # -- the path of one message -----------------------------------------------------------------
    async def handle(self, inbound: Inbound) -> list[Reply]:
        hashed = user_hash(self._secret, inbound.channel, inbound.user_id)
        # 1. persist first: nothing a young person writes is lost, whatever fails later.
        async with self._sessions.begin() as session:
            conversation = await store.get_or_create_conversation(
                session, user_hash=hashed, pseudonym=pseudonym_for(hashed), channel=inbound.channel)
            if inbound.address and not conversation.address_enc:
                conversation.address_enc = encrypt_address(self._secret, inbound.address)
            message = await store.add_message(session, conversation, "in", inbound.text,
                                              meta={"channel": inbound.channel, **inbound.metadata} or None)
            message_id = message.id
        # 2. screen with the user's recent history.
        async with self._sessions.begin() as session:
            conversation = await store.conversation_by_id(session, message.conversation_id)
            history = await store.recent_inbound_texts(session, conversation.id, before_id=message_id,
                                                       limit=self._history)
            assessment = screen(inbound.text, history)
            await store.set_message_risk(session, message_id, assessment.to_dict())
            # (telegram edit) a channel may set the language (a language button), and a button payload
            # ("/mood_checkin") says nothing about it; "language_hint" (the client's language) only
            # decides for a new conversation whose first words don't.
            chosen = inbound.metadata.get("language")
            language = (chosen if chosen in ("zh", "en") else None) \
                or (None if inbound.text.startswith("/") else detect_language(inbound.text)) \
                or conversation.language or inbound.metadata.get("language_hint") or "zh"
            conversation.language = language
            ref = self._ref(conversation)
        if assessment.level != "none":
            log.info("conversation %s message %s risk %s %s", ref.pseudonym, message_id, assessment.level,
                     ",".join(assessment.categories))
        # 3. route: a conversation with staff goes to staff, never to Rasa.
        if ref.handoff_state == "with_staff" and self.escalation is not None:
            await self.escalation.relay_to_staff(ref, message_id, inbound.text, assessment)
            return []
        # (telegram edit) a channel holding a message back (rate limit, too long, an edit) sets
        # metadata "screen_only" (or "rate_limited"): it is stored and screened above, and below medium
        # risk Rasa is not asked — the channel answers with its own note. At medium and above, as usual.
        if (inbound.metadata.get("screen_only") or inbound.metadata.get("rate_limited")) \
                and level_rank(assessment.level) < level_rank("medium"):
            return []
        # Lexicon high/imminent: open the case BEFORE asking Rasa, so staff are alerted at once even when
        # Rasa is slow or down (its timeout is seconds). Opening is idempotent (it merges into, or raises,
        # the open case), so step 4 runs again only when Rasa raised the level.
        early = level_rank(assessment.level) >= level_rank("high")
        opened = await self._escalate(ref, message_id, assessment, history) if early else EscalationOutcome()
        replies, rasa_level, rasa_categories = await self._ask_rasa(ref, inbound, assessment)
        self._add_new(replies, opened)
        raised = level_rank(rasa_level) > level_rank(assessment.level)
        if raised:
            # The trained model caught a paraphrase the lexicon missed: take the higher signal.
            assessment = dataclasses.replace(
                assessment, level=rasa_level,
                categories=tuple(dict.fromkeys((*assessment.categories, *rasa_categories, "rasa_nlu"))))
            async with self._sessions.begin() as session:
                await store.set_message_risk(session, message_id, {**assessment.to_dict(), "source": "rasa"})
        # 4. escalation rules (cases, notices) see every message.
        if not early or raised:
            self._add_new(replies, await self._escalate(ref, message_id, assessment, history))
        # 5. persist and send every reply.
        async with self._sessions.begin() as session:
            conversation = await store.conversation_by_id(session, ref.id)
            for reply in replies:
                await store.add_message(session, conversation, "out", reply.text,
                                        meta={"buttons": [dict(b) for b in reply.buttons]} if reply.buttons else None)
        return replies

    async def _escalate(self, ref: ConversationRef, message_id: int, assessment: Assessment,
                        history: Sequence[str]) -> EscalationOutcome:
        """Case rules for one message; a failure there never stops the safety reply."""
        if self.escalation is None:
            return EscalationOutcome()
        try:
            return await self.escalation.on_user_message(ref, message_id, assessment, history)
        except Exception:
            log.exception("escalation failed for %s; the safety reply still goes out", ref.pseudonym)
            return EscalationOutcome()

    @staticmethod
    def _add_new(replies: list[Reply], outcome: EscalationOutcome) -> None:
        seen = {reply.text for reply in replies}
        replies.extend(reply for reply in outcome.replies if reply.text not in seen)

    async def _ask_rasa(self, ref: ConversationRef, inbound: Inbound,
                        assessment: Assessment) -> tuple[list[Reply], str, list[str]]:
        """Rasa's replies (with the safety reply added when needed), and Rasa's own risk signal."""
        metadata = {"language": ref.language, "channel": inbound.channel, "risk": assessment.to_dict()}
        rasa_ok = True
        try:
            raw = await self._rasa.send(ref.pseudonym, inbound.text, metadata)
        except RasaUnavailable as exc:
            log.error("Rasa unavailable for %s: %s", ref.pseudonym, exc)
            raw, rasa_ok = [], False
        replies: list[Reply] = []
        safety_levels: list[str] = []
        rasa_level = "none"
        rasa_categories: list[str] = []
        moods: list[int] = []
        for item in raw:
            custom = item.get("custom") if isinstance(item, dict) else None
            if isinstance(custom, dict) and isinstance(custom.get("qingxin"), dict):
                signal = custom["qingxin"]
                kind = signal.get("event")
                if kind == "safety_reply" and signal.get("level") in ("medium", "high", "imminent"):
                    safety_levels.append(signal["level"])
                elif kind == "risk" and isinstance(signal.get("level"), str):
                    if signal["level"] in ("none", "low", "medium", "high", "imminent") and \
                            level_rank(signal["level"]) > level_rank(rasa_level):
                        rasa_level = signal["level"]
                    rasa_categories.extend(str(c) for c in signal.get("categories") or [])
                elif kind == "mood" and isinstance(signal.get("score"), int) and 1 <= signal["score"] <= 5:
                    moods.append(signal["score"])
                continue
            if isinstance(item, dict) and isinstance(item.get("text"), str) and item["text"].strip():
                replies.append(Reply(item["text"], _buttons(item.get("buttons"))))
            elif isinstance(item, dict) and item.get("buttons"):
                replies.append(Reply("", _buttons(item.get("buttons"))))
        if moods:
            async with self._sessions.begin() as session:
                for score in moods:
                    await store.add_mood(session, ref.id, score)
        final = assessment.level if level_rank(assessment.level) >= level_rank(rasa_level) else rasa_level
        covered = max((level_rank(level) for level in safety_levels), default=-1)
        if level_rank(final) >= level_rank("medium") and covered < level_rank(final):
            replies.insert(0, Reply(content.safety_reply(final, ref.language, self._region), sender="system"))
        elif not rasa_ok:
            replies = [Reply(content.fallback_reply(ref.language, self._region), sender="system")]
        if not replies:
            # Rasa answered with nothing at all: never leave a young person in silence.
            replies = [Reply(content.fallback_reply(ref.language, self._region), sender="system")]
        return replies, rasa_level, rasa_categories
