"""Staff JSON API and the internal endpoint for the action server. Thin: parse, call, map errors."""
from __future__ import annotations

import hmac
import json
from typing import Any

from aiohttp import web

from bot.routes import json_error
from escalation import cases as rules
from escalation.cases import CaseRuleError, InvalidInput

from . import auth
from .keys import HUB, SERVICE, THROTTLE

MAX_BODY = 64 * 1024


async def _body(request: web.Request) -> Any:
    if request.content_type != "application/json":
        raise InvalidInput("Send JSON with Content-Type: application/json.", code="unsupported_media_type")
    raw = await request.content.read(MAX_BODY + 1)
    if len(raw) > MAX_BODY:
        raise InvalidInput("The request body is too large.", code="too_large")
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise InvalidInput("The body is not valid JSON.", code="invalid_json") from None


def _case_id(request: web.Request) -> int:
    try:
        return int(request.match_info["case_id"])
    except ValueError:
        raise web.HTTPNotFound() from None


def _actor(request: web.Request):
    return request[auth.STAFF]


def _errors(handler):
    """Domain errors → JSON 4xx with a clear message."""

    async def wrapped(request: web.Request) -> web.StreamResponse:
        try:
            return await handler(request)
        except CaseRuleError as exc:
            return json_error(exc.status, exc.code, exc.message)

    wrapped.__name__ = handler.__name__
    wrapped.__doc__ = handler.__doc__
    return wrapped


# -- session --------------------------------------------------------------------------------------
@_errors
async def login(request: web.Request) -> web.Response:
    """``{"username", "password"}`` → cookie + ``{"csrf_token", "user"}``; 401 (after a delay) on failure."""
    from bot.app import SESSIONS, SETTINGS

    body = await _body(request)
    username = body.get("username") if isinstance(body, dict) else None
    password = body.get("password") if isinstance(body, dict) else None
    if not isinstance(username, str) or not isinstance(password, str) or not username or not password \
            or len(username) > 64 or len(password) > 1024:
        raise InvalidInput('Send {"username": "...", "password": "..."}.', code="invalid_credentials_body")
    try:
        actor, token, csrf = await auth.login(request.app[SESSIONS], request.app[THROTTLE], username.strip(),
                                              password, request.remote)
    except auth.LoginFailed:
        return json_error(401, "login_failed", "Wrong username or password.")
    user = await request.app[SERVICE].me(actor)
    response = web.json_response({"csrf_token": csrf, "user": user})
    secure = request.app[SETTINGS].base_url.startswith("https://") or request.secure
    auth.set_cookie(response, token, secure=secure)
    return response


async def logout(request: web.Request) -> web.Response:
    from bot.app import SESSIONS

    token = request.cookies.get(auth.COOKIE)
    await auth.logout(request.app[SESSIONS], token, request.get(auth.STAFF))
    if token:
        request.app[HUB].disconnect(auth.token_hash(token))
    response = web.json_response({"ok": True})
    auth.clear_cookie(response)
    return response


async def me(request: web.Request) -> web.Response:
    user = await request.app[SERVICE].me(_actor(request))
    return web.json_response({"user": user, "csrf_token": request[auth.STAFF_SESSION].csrf_token})


@_errors
async def shift(request: web.Request) -> web.Response:
    body = await _body(request)
    user = await request.app[SERVICE].set_shift(_actor(request), body.get("on_shift") if isinstance(body, dict) else None)
    return web.json_response({"user": user})


async def staff_list(request: web.Request) -> web.Response:
    return web.json_response({"staff": await request.app[SERVICE].staff_list(_actor(request))})


# -- cases ----------------------------------------------------------------------------------------
@_errors
async def cases(request: web.Request) -> web.Response:
    return web.json_response({"cases": await request.app[SERVICE].list_cases(_actor(request),
                                                                             request.query.get("state"))})


@_errors
async def case(request: web.Request) -> web.Response:
    return web.json_response({"case": await request.app[SERVICE].case_detail(_actor(request), _case_id(request))})


@_errors
async def take(request: web.Request) -> web.Response:
    return web.json_response({"case": await request.app[SERVICE].take(_actor(request), _case_id(request))})


@_errors
async def message(request: web.Request) -> web.Response:
    text = rules.parse_text(await _body(request))
    return web.json_response({"message": await request.app[SERVICE].post_message(_actor(request),
                                                                                 _case_id(request), text)})


@_errors
async def handback(request: web.Request) -> web.Response:
    return web.json_response({"case": await request.app[SERVICE].handback(_actor(request), _case_id(request))})


@_errors
async def close(request: web.Request) -> web.Response:
    body = await _body(request)
    return web.json_response({"case": await request.app[SERVICE].close(_actor(request), _case_id(request), body)})


@_errors
async def assign(request: web.Request) -> web.Response:
    body = await _body(request)
    return web.json_response({"case": await request.app[SERVICE].assign(_actor(request), _case_id(request), body)})


@_errors
async def audit_log(request: web.Request) -> web.Response:
    return web.json_response({"entries": await request.app[SERVICE].audit_log(_actor(request))})


# -- internal endpoint (action server → service) ----------------------------------------------------
def parse_case_request(body: Any) -> dict[str, Any]:
    if not isinstance(body, dict):
        raise InvalidInput("Send a JSON object (see docs/INTERFACES.md).")
    conversation, reason, level = body.get("conversation"), body.get("reason"), body.get("level")
    if not isinstance(conversation, str) or not conversation or len(conversation) > 32:
        raise InvalidInput('"conversation" must be the conversation pseudonym.', code="invalid_conversation")
    if reason not in rules.REASONS:
        raise InvalidInput(f'"reason" must be one of: {", ".join(rules.REASONS)}.', code="invalid_reason")
    if level not in rules.CASE_LEVELS:
        raise InvalidInput(f'"level" must be one of: {", ".join(rules.CASE_LEVELS)}.', code="invalid_level")
    categories = body.get("categories") or []
    if not isinstance(categories, list) or len(categories) > 20 or \
            not all(isinstance(c, str) and len(c) <= 64 for c in categories):
        raise InvalidInput('"categories" must be a list of short strings.', code="invalid_categories")
    evidence = []
    raw_evidence = body.get("evidence") or []
    if not isinstance(raw_evidence, list) or len(raw_evidence) > 50:
        raise InvalidInput('"evidence" must be a list (at most 50 items).', code="invalid_evidence")
    for item in raw_evidence:
        if not isinstance(item, dict):
            raise InvalidInput('Each "evidence" item must be an object.', code="invalid_evidence")
        clean = {"term": str(item.get("term", ""))[:200], "category": str(item.get("category", ""))[:64]}
        for key in ("start", "end"):
            if isinstance(item.get(key), int) and not isinstance(item.get(key), bool):
                clean[key] = item[key]
        if isinstance(item.get("weight"), (int, float)) and not isinstance(item.get("weight"), bool):
            clean["weight"] = float(item["weight"])
        evidence.append(clean)
    note = body.get("note")
    if note is not None and (not isinstance(note, str) or len(note) > 1000):
        raise InvalidInput('"note" must be text of at most 1000 characters.', code="invalid_note")
    return {"pseudonym": conversation, "reason": reason, "level": level, "categories": categories,
            "evidence": evidence, "note": note}


@_errors
async def internal_cases(request: web.Request) -> web.Response:
    """``POST /internal/cases`` (docs/INTERFACES.md); needs ``X-Qingxin-Internal-Secret``."""
    from bot.app import SETTINGS

    sent = request.headers.get("X-Qingxin-Internal-Secret", "")
    if not hmac.compare_digest(sent.encode(), request.app[SETTINGS].internal_secret.encode()):
        return json_error(403, "forbidden", "Missing or wrong X-Qingxin-Internal-Secret.")
    request_data = parse_case_request(await _body(request))
    return web.json_response(await request.app[SERVICE].request_case(**request_data))

