"""Staff authentication: scrypt password hashes, cookie sessions stored in ``staff_sessions``, CSRF.

* Passwords: ``hashlib.scrypt`` (n=2**14, r=8, p=1, 16-byte salt), stored as ``scrypt$n$r$p$salt$hash``.
* Sessions: a random token in an HttpOnly, SameSite=Strict cookie (``Secure`` when served over https);
  only its SHA-256 is stored, so a leaked database does not leak live sessions.
* CSRF: every state-changing ``/staff/`` request needs ``X-CSRF-Token`` equal to the session's token
  and, when the browser sends one, a same-origin ``Origin`` (and no ``Sec-Fetch-Site: cross-site``).
* Login failures: 401 after a delay that doubles with each recent failure per username and per IP.
"""
from __future__ import annotations

import asyncio
import base64
import datetime as dt
import hashlib
import hmac
import secrets
import time
from urllib.parse import urlsplit

from aiohttp import web

from escalation.cases import Actor
from escalation.store import staff as staff_store
from escalation.store.models import utcnow

from . import audit

COOKIE = "qingxin_staff"
SESSION_TTL = dt.timedelta(hours=12)
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
STAFF = web.RequestKey("qingxin_staff", Actor)  # request keys set by the auth middleware
STAFF_SESSION = web.RequestKey("qingxin_staff_session", object)
_N, _R, _P, _DKLEN = 2 ** 14, 8, 1, 32


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=_DKLEN, maxmem=64 * 1024 * 1024)
    return f"scrypt${_N}${_R}${_P}${_b64(salt)}${_b64(digest)}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt(password.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p),
                                dklen=len(expected), maxmem=64 * 1024 * 1024)
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


_DUMMY_HASH: str | None = None


def _dummy_hash() -> str:
    global _DUMMY_HASH
    if _DUMMY_HASH is None:
        _DUMMY_HASH = hash_password(secrets.token_urlsafe(16))
    return _DUMMY_HASH


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class LoginThrottle:
    """Growing delay after failed logins, per username and per client IP (in memory, per process).

    ``delay_for`` = 0 with no recent failure, then ``base * 2**(failures-1)`` capped at ``cap`` seconds;
    failures older than ``window`` seconds are forgotten.
    """

    def __init__(self, *, base: float = 0.5, cap: float = 8.0, window: float = 900.0, max_keys: int = 10000) -> None:
        self.base, self.cap, self.window, self.max_keys = base, cap, window, max_keys
        self._failures: dict[str, tuple[int, float]] = {}

    def _count(self, key: str, now: float) -> int:
        count, last = self._failures.get(key, (0, 0.0))
        return count if now - last < self.window else 0

    def delay_for(self, username: str, ip: str | None, now: float | None = None) -> float:
        now = time.monotonic() if now is None else now
        failures = max(self._count("u:" + username.lower(), now), self._count("ip:" + (ip or "?"), now))
        return 0.0 if failures == 0 else min(self.cap, self.base * 2 ** (failures - 1))

    def record_failure(self, username: str, ip: str | None, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        if len(self._failures) > self.max_keys:
            self._failures = {k: v for k, v in self._failures.items() if now - v[1] < self.window}
        for key in ("u:" + username.lower(), "ip:" + (ip or "?")):
            self._failures[key] = (self._count(key, now) + 1, now)

    def reset(self, username: str, ip: str | None) -> None:
        self._failures.pop("u:" + username.lower(), None)
        self._failures.pop("ip:" + (ip or "?"), None)


class LoginFailed(Exception):
    def __init__(self, delay: float) -> None:
        super().__init__("wrong username or password")
        self.delay = delay


def actor_of(staff) -> Actor:
    return Actor(id=staff.id, role=staff.role, display_name=staff.display_name, username=staff.username)


async def login(sessions, throttle: LoginThrottle, username: str, password: str, ip: str | None,
                *, sleep=asyncio.sleep) -> tuple[Actor, str, str]:
    """Check a password; returns ``(actor, session token, csrf token)`` or sleeps the throttle delay and
    raises ``LoginFailed``. The hash check runs in a thread (scrypt takes tens of milliseconds)."""
    async with sessions() as session:
        staff = await staff_store.by_username(session, username)
    stored = staff.password_hash if staff is not None and staff.active else _dummy_hash()
    ok = await asyncio.to_thread(verify_password, password, stored)
    if not ok or staff is None or not staff.active:
        throttle.record_failure(username, ip)
        delay = throttle.delay_for(username, ip)
        await sleep(delay)
        raise LoginFailed(delay)
    throttle.reset(username, ip)
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    async with sessions.begin() as session:
        await staff_store.delete_expired_sessions(session)
        await staff_store.add_session(session, token_hash=token_hash(token), staff_id=staff.id, csrf_token=csrf,
                                      expires_at=utcnow() + SESSION_TTL)
        await audit.record(session, actor_of(staff), "login")
    return actor_of(staff), token, csrf


def set_cookie(response: web.StreamResponse, token: str, *, secure: bool) -> None:
    response.set_cookie(COOKIE, token, max_age=int(SESSION_TTL.total_seconds()), path="/staff", httponly=True,
                        samesite="Strict", secure=secure)


def clear_cookie(response: web.StreamResponse) -> None:
    response.del_cookie(COOKIE, path="/staff")


def same_origin(request: web.Request, base_url: str) -> bool:
    """No ``Origin`` (non-browser client) passes; a browser's must be this host or the public URL."""
    if request.headers.get("Sec-Fetch-Site") == "cross-site":
        return False
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    netloc = urlsplit(origin).netloc
    return netloc == request.host or netloc == urlsplit(base_url).netloc


def _protected(request: web.Request) -> bool:
    path = request.path
    if path == "/staff/ws":
        return True
    return path.startswith("/staff/api/") and path != "/staff/api/login"


def auth_middleware(sessions_of):
    """Loads the staff session of ``/staff/api/*`` and ``/staff/ws`` requests; 401 without one."""

    @web.middleware
    async def middleware(request: web.Request, handler):
        if not _protected(request):
            return await handler(request)
        token = request.cookies.get(COOKIE)
        found = None
        if token:
            async with sessions_of(request.app)() as session:
                found = await staff_store.session_with_staff(session, token_hash(token))
        if found is None:
            return web.json_response({"error": "unauthenticated", "message": "Please log in."}, status=401)
        staff_session, staff = found
        request[STAFF] = actor_of(staff)
        request[STAFF_SESSION] = staff_session
        return await handler(request)

    return middleware


def csrf_middleware(base_url_of):
    """State-changing ``/staff/`` requests: same origin, and ``X-CSRF-Token`` matching the session."""

    @web.middleware
    async def middleware(request: web.Request, handler):
        if request.method in SAFE_METHODS or not request.path.startswith("/staff/"):
            return await handler(request)
        if not same_origin(request, base_url_of(request.app)):
            return web.json_response({"error": "cross_origin", "message": "Cross-site request refused."},
                                     status=403)
        staff_session = request.get(STAFF_SESSION)
        if staff_session is not None:
            sent = request.headers.get("X-CSRF-Token", "")
            if not sent or not hmac.compare_digest(sent.encode(), staff_session.csrf_token.encode()):
                return web.json_response({"error": "csrf", "message": "Missing or wrong X-CSRF-Token header."},
                                         status=403)
        return await handler(request)

    return middleware


async def logout(sessions, token: str | None, actor: Actor | None = None) -> None:
    if token:
        async with sessions.begin() as session:
            await staff_store.delete_session(session, token_hash(token))
            if actor is not None:
                await audit.record(session, actor, "logout")
