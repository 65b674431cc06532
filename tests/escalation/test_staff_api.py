"""Staff API, websocket and internal endpoint against the real app and store (Rasa unreachable)."""
from __future__ import annotations

import asyncio
import datetime as dt

import pytest
from aiohttp import web
from sqlalchemy import select

from bot.app import SESSIONS
from escalation.service.keys import THROTTLE
from escalation.store.models import AuditEntry, Case, CaseEvent, Conversation, Message

from esc_helpers import ADMIN_PASSWORD, chat

HIGH = "I want to kill myself"
IMMINENT = "I want to kill myself tonight"
XSS = '<img src=x onerror=alert(1)><script>alert("x")</script>'
INTERNAL = {"X-Qingxin-Internal-Secret": "test-internal-secret"}


async def user_socket(client, user: str):
    ws = await client.ws_connect("/ws")
    await ws.send_json({"type": "hello", "user": user})
    assert (await ws.receive_json(timeout=5))["type"] == "ready"
    return ws


async def say(ws, text: str) -> list[dict]:
    """Send a web chat message; collect the replies of this turn."""
    await ws.send_json({"type": "message", "text": text})
    replies = [await ws.receive_json(timeout=10)]
    while True:
        try:
            replies.append(await ws.receive_json(timeout=0.3))
        except asyncio.TimeoutError:
            return replies


async def staff_socket(staff):
    ws = await staff.session.ws_connect(staff.url("/staff/ws"))
    assert (await ws.receive_json(timeout=5))["type"] == "ready"
    return ws


async def next_event(ws, event: str, timeout: float = 5) -> dict:
    while True:
        data = await ws.receive_json(timeout=timeout)
        if data.get("event") == event:
            return data


async def rows(client, model, *where):
    async with client.app[SESSIONS]() as session:
        return list((await session.scalars(select(model).where(*where).order_by(model.id))).all())


# -- authentication ---------------------------------------------------------------------------------
async def test_login_me_logout(client, login):
    staff = await login()
    assert staff.user["username"] == "admin" and staff.user["role"] == "supervisor"
    cookie = next(c for c in staff.session.cookie_jar if c.key == "qingxin_staff")
    assert cookie["httponly"] and cookie["samesite"] == "Strict" and cookie["path"] == "/staff"
    me = await staff.get("/staff/api/me")
    assert me.status == 200 and (await me.json())["csrf_token"] == staff.csrf
    assert (await staff.post("/staff/api/logout")).status == 200
    assert (await staff.get("/staff/api/me")).status == 401


async def test_session_token_is_stored_hashed(client, login):
    staff = await login()
    token = next(c for c in staff.session.cookie_jar if c.key == "qingxin_staff").value
    async with client.app[SESSIONS]() as session:
        from escalation.store.models import StaffSession
        stored = list((await session.scalars(select(StaffSession))).all())
    assert stored and all(s.token_hash != token for s in stored)


async def test_wrong_password_is_401_with_a_growing_delay(client):
    throttle = client.app[THROTTLE]
    delays = []
    for _ in range(3):
        response = await client.post("/staff/api/login", json={"username": "admin", "password": "nope"})
        assert response.status == 401
        assert (await response.json())["error"] == "login_failed"
        delays.append(throttle.delay_for("admin", "127.0.0.1"))
    assert delays == [throttle.base, throttle.base * 2, throttle.base * 4]
    # unknown usernames are throttled too, and per IP
    assert throttle.delay_for("someone-else", "127.0.0.1") == throttle.base * 4
    assert throttle.delay_for("someone-else", "10.0.0.9") == 0
    # the cap
    for _ in range(20):
        throttle.record_failure("admin", "127.0.0.1")
    assert throttle.delay_for("admin", "127.0.0.1") == throttle.cap
    # a successful login clears the counter
    throttle.reset("admin", "127.0.0.1")
    response = await client.post("/staff/api/login", json={"username": "admin", "password": ADMIN_PASSWORD})
    assert response.status == 200
    assert throttle.delay_for("admin", "127.0.0.1") == 0


async def test_default_login_delay_doubles():
    from escalation.service.auth import LoginThrottle

    throttle = LoginThrottle()
    assert throttle.delay_for("a", "1.2.3.4", now=0) == 0
    for expected in (0.5, 1.0, 2.0, 4.0, 8.0, 8.0):
        throttle.record_failure("a", "1.2.3.4", now=1)
        assert throttle.delay_for("a", "1.2.3.4", now=1) == expected
    assert throttle.delay_for("a", "1.2.3.4", now=1 + throttle.window) == 0  # forgotten after the window


@pytest.mark.parametrize("body", [{}, {"username": "admin"}, {"username": 1, "password": "x"}, [1]])
async def test_login_bad_body_is_422(client, body):
    response = await client.post("/staff/api/login", json=body)
    assert response.status == 422
    assert (await response.json())["message"]


@pytest.mark.parametrize("method, path", [
    ("GET", "/staff/api/me"), ("GET", "/staff/api/cases"), ("GET", "/staff/api/cases/1"),
    ("POST", "/staff/api/cases/1/take"), ("POST", "/staff/api/shift"), ("GET", "/staff/api/audit"),
    ("GET", "/staff/ws"),
])
async def test_unauthenticated_is_401(client, method, path):
    response = await client.request(method, path)
    assert response.status == 401
    assert (await response.json())["error"] == "unauthenticated"


async def test_forged_cookie_is_401(client):
    response = await client.get("/staff/api/cases", headers={"Cookie": "qingxin_staff=forged"})
    assert response.status == 401


async def test_missing_or_wrong_csrf_is_403(client, login):
    staff = await login()
    response = await staff.session.post(staff.url("/staff/api/shift"), json={"on_shift": False})
    assert response.status == 403 and (await response.json())["error"] == "csrf"
    response = await staff.post("/staff/api/shift", {"on_shift": False}, headers={"X-CSRF-Token": "wrong"})
    assert response.status == 403
    assert (await staff.post("/staff/api/shift", {"on_shift": False})).status == 200


@pytest.mark.parametrize("headers", [{"Origin": "https://evil.example"}, {"Sec-Fetch-Site": "cross-site"}])
async def test_cross_site_requests_are_403(client, login, headers):
    staff = await login()
    response = await staff.post("/staff/api/shift", {"on_shift": False}, headers=headers)
    assert response.status == 403 and (await response.json())["error"] == "cross_origin"
    response = await client.post("/staff/api/login", json={"username": "admin", "password": ADMIN_PASSWORD},
                                 headers=headers)
    assert response.status == 403


async def test_same_origin_header_is_accepted(client, login):
    staff = await login()
    origin = f"http://{client.host}:{client.port}"
    assert (await staff.post("/staff/api/shift", {"on_shift": True}, headers={"Origin": origin})).status == 200


async def test_cross_origin_staff_websocket_is_refused(client, login):
    staff = await login()
    response = await staff.session.get(staff.url("/staff/ws"), headers={
        "Origin": "https://evil.example", "Upgrade": "websocket", "Connection": "Upgrade",
        "Sec-WebSocket-Version": "13", "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ=="})
    assert response.status == 403


async def test_console_page_has_a_strict_csp(client):
    response = await client.get("/staff/")
    assert response.status == 200
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    js = await (await client.get("/staff/static/console.js")).text()
    assert "innerHTML" not in js and "textContent" in js


# -- cases -------------------------------------------------------------------------------------------
async def test_high_risk_message_opens_a_case_and_tells_the_user_once(client, login):
    staff = await login()
    replies = await chat(client, "student-1", HIGH)
    texts = [r["text"] for r in replies]
    assert any("12355" in t for t in texts)                     # the router's safety reply
    assert any("counsellor has been told" in t for t in texts)  # honest notice with the wait
    again = await chat(client, "student-1", HIGH + ", really")
    assert not any("counsellor has been told" in r["text"] for r in again)  # not on every message
    cases = (await (await staff.get("/staff/api/cases")).json())["cases"]
    assert len(cases) == 1
    case = cases[0]
    assert case["state"] == "queued" and case["level"] in ("high", "imminent")
    assert case["conversation"].startswith("u-") and "student-1" not in str(case)
    assert case["first_message"]["text"] == HIGH
    ev = case["first_message"]["evidence"]
    assert ev and all(HIGH[e["start"]:e["end"]] for e in ev)
    conv = (await rows(client, Conversation))[0]
    assert conv.handoff_state == "queued"
    first = (await rows(client, Message, Message.direction == "in"))[0]
    assert (await rows(client, Case))[0].first_message_id == first.id


async def test_raise_tells_the_user_again_and_never_lowers(client, login):
    staff = await login()
    await chat(client, "student-r", HIGH)
    replies = await chat(client, "student-r", IMMINENT)
    case = (await rows(client, Case))[0]
    if case.level == "imminent":
        assert any("counsellor has been told" in r["text"] for r in replies)
        assert [e.kind for e in await rows(client, CaseEvent)][:2] == ["opened", "raised"]
    await chat(client, "student-r", "just kidding, I'm fine")
    assert (await rows(client, Case))[0].level == case.level
    assert (await rows(client, Case))[0].state == "queued"


async def test_medium_opens_only_when_it_repeats(client, service):
    from escalation.risk import Assessment

    from bot.router import ConversationRef

    async with client.app[SESSIONS].begin() as session:
        from escalation.store import conversations as store
        conv = await store.get_or_create_conversation(session, user_hash="h" * 64, pseudonym="u-medium0001",
                                                      channel="api")
        m1 = await store.add_message(session, conv, "in", "m1", risk={"level": "medium"})
        m2 = await store.add_message(session, conv, "in", "m2", risk={"level": "medium"})
        conv_id, ids = conv.id, (m1.id, m2.id)
    ref = ConversationRef(id=conv_id, pseudonym="u-medium0001", channel="api", language="en", handoff_state="bot")
    medium = Assessment(level="medium", categories=("hopelessness",), evidence=())
    # first medium: the history before it holds nothing risky
    async with client.app[SESSIONS].begin() as session:
        (await session.get(Message, ids[0])).risk_level = "medium"
    assert (await service.on_user_message(ref, ids[0], medium, [])).replies == []
    assert await rows(client, Case) == []
    outcome = await service.on_user_message(ref, ids[1], medium, ["m1"])
    cases = await rows(client, Case)
    assert len(cases) == 1 and cases[0].level == "medium" and cases[0].first_message_id == ids[1]
    assert outcome.replies and outcome.replies[0].sender == "system"


async def test_queue_is_ordered_by_priority(client, login):
    staff = await login()
    await chat(client, "q-requested", "hello")
    await chat(client, "q-high-old", HIGH)
    await chat(client, "q-imminent", IMMINENT)
    await chat(client, "q-high-new", HIGH)
    conv = (await rows(client, Conversation, Conversation.id == 1))[0]
    response = await client.post("/internal/cases", headers=INTERNAL, json={
        "conversation": conv.pseudonym, "reason": "request_human", "level": "requested"})
    assert response.status == 200
    cases = (await (await staff.get("/staff/api/cases?state=queued")).json())["cases"]
    levels = [c["level"] for c in cases]
    from escalation.cases import case_level_rank
    assert [case_level_rank(lv) for lv in levels] == sorted((case_level_rank(lv) for lv in levels), reverse=True)
    assert levels[-1] == "requested"
    highs = [c for c in cases if c["level"] == "high"]
    assert [c["created_at"] for c in highs] == sorted(c["created_at"] for c in highs)
    assert (await staff.get("/staff/api/cases?state=nonsense")).status == 422


async def test_take_message_handback_close_flow(client, login, add_staff):
    await add_staff("chen", password="chen-password-1", name="陈老师")
    chen = await login("chen", "chen-password-1")
    console = await staff_socket(chen)
    user = await user_socket(client, "flow-user-0001")
    replies = await say(user, HIGH)
    assert any("counsellor has been told" in r["text"] for r in replies)
    opened = await next_event(console, "opened")
    case_id = opened["case"]["id"]
    assert opened["case"]["first_message"]["text"] == HIGH

    taken = await chen.post(f"/staff/api/cases/{case_id}/take")
    assert taken.status == 200 and (await taken.json())["case"]["state"] == "with_staff"
    joined = await user.receive_json(timeout=5)
    assert joined["from"] == "system" and "陈老师 from the 12355 hotline has joined" in joined["text"]
    assert (await chen.post(f"/staff/api/cases/{case_id}/take")).status == 409

    sent = await chen.post(f"/staff/api/cases/{case_id}/messages", {"text": "Hi, I'm here. Are you safe right now?"})
    assert sent.status == 200 and (await sent.json())["message"]["delivered"] is True
    got = await user.receive_json(timeout=5)
    assert got == {"type": "reply", "text": "Hi, I'm here. Are you safe right now?", "buttons": [], "from": "staff",
                   "name": "陈老师"}

    # the user's answer goes to the console, not to Rasa (no bot reply)
    await console.send_json({"type": "watch", "case_id": case_id})
    await user.send_json({"type": "message", "text": "I'm at home"})
    relayed = await next_event(console, "message")
    while relayed["message"]["direction"] != "in":  # the console also sees its own staff message
        relayed = await next_event(console, "message")
    assert relayed["message"]["text"] == "I'm at home" and relayed["message"]["direction"] == "in"
    with pytest.raises(asyncio.TimeoutError):
        await user.receive_json(timeout=0.5)

    assert (await chen.post(f"/staff/api/cases/{case_id}/handback")).status == 200
    back = await user.receive_json(timeout=5)
    assert "back with the Qingxin assistant" in back["text"]
    assert (await rows(client, Conversation))[0].handoff_state == "bot"
    # after hand-back the bot answers again (Rasa is down here: the fallback apology)
    assert await say(user, "ok thanks")

    closed = await chen.post(f"/staff/api/cases/{case_id}/close",
                             {"outcome": "safety_plan_made", "note": "plan agreed", "follow_up_due": "2031-01-08"})
    assert closed.status == 200
    case = (await rows(client, Case))[0]
    assert (case.state, case.outcome, case.notes, case.follow_up_due) == \
        ("closed", "safety_plan_made", "plan agreed", dt.date(2031, 1, 8))
    kinds = [e.kind for e in await rows(client, CaseEvent, CaseEvent.case_id == case_id)]
    assert kinds[0] == "opened" and kinds[-3:] == ["taken", "handed_back", "closed"]
    assert all(e.at for e in await rows(client, CaseEvent))
    staff_messages = await rows(client, Message, Message.direction == "staff")
    assert [m.staff_id for m in staff_messages] == [chen.user["id"]]
    bad = await chen.post(f"/staff/api/cases/{case_id}/close", {"outcome": "safety_plan_made"})
    assert bad.status == 409
    follow_ups = (await (await chen.get("/staff/api/cases?state=follow_up")).json())["cases"]
    assert [(c["id"], c["follow_up_due"], c["outcome"]) for c in follow_ups] == \
        [(case_id, "2031-01-08", "safety_plan_made")]
    await user.close()
    await console.close()


async def test_close_validates_input(client, login):
    staff = await login()
    await chat(client, "close-user", HIGH)
    case_id = (await rows(client, Case))[0].id
    response = await staff.post(f"/staff/api/cases/{case_id}/close", {"outcome": "whatever"})
    assert response.status == 422 and "outcome" in (await response.json())["message"]
    response = await staff.post(f"/staff/api/cases/{case_id}/close",
                                {"outcome": "other", "follow_up_due": "tomorrow"})
    assert response.status == 422
    assert (await staff.post("/staff/api/cases/999/take")).status == 404
    assert (await staff.post(f"/staff/api/cases/{case_id}/messages", {"text": ""})).status == 422


async def test_counsellor_cannot_post_into_anothers_case_until_reassigned(client, login, add_staff):
    await add_staff("chen", password="chen-password-1", name="陈老师")
    li_id = await add_staff("li", password="li-password-12", name="李老师")
    chen = await login("chen", "chen-password-1")
    li = await login("li", "li-password-12")
    admin = await login()
    user = await user_socket(client, "assign-user-001")
    await say(user, HIGH)
    case_id = (await rows(client, Case))[0].id
    assert (await chen.post(f"/staff/api/cases/{case_id}/take")).status == 200
    await user.receive_json(timeout=5)  # joined notice
    response = await li.post(f"/staff/api/cases/{case_id}/messages", {"text": "hello from li"})
    assert response.status == 403 and (await response.json())["error"] == "not_assignee"
    assert (await li.post(f"/staff/api/cases/{case_id}/take")).status == 409
    assert (await li.post(f"/staff/api/cases/{case_id}/assign", {"staff_id": li_id})).status == 403
    assert (await li.get("/staff/api/audit")).status == 403
    assert (await admin.post(f"/staff/api/cases/{case_id}/assign", {"staff_id": "li"})).status == 422
    assert (await admin.post(f"/staff/api/cases/{case_id}/assign", {"staff_id": li_id})).status == 200
    notice = await user.receive_json(timeout=5)
    assert "李老师" in notice["text"]
    assert (await li.post(f"/staff/api/cases/{case_id}/messages", {"text": "hello from li"})).status == 200
    assert (await user.receive_json(timeout=5))["name"] == "李老师"
    assert (await chen.post(f"/staff/api/cases/{case_id}/messages", {"text": "me again"})).status == 403
    kinds = [e.kind for e in await rows(client, CaseEvent)]
    assert "reassigned" in kinds
    await user.close()


async def test_xss_payloads_are_stored_and_returned_as_data(client, login):
    staff = await login()
    user = await user_socket(client, "xss-user-00001")
    await say(user, HIGH + " " + XSS)
    case_id = (await rows(client, Case))[0].id
    detail = (await (await staff.get(f"/staff/api/cases/{case_id}")).json())["case"]
    assert detail["messages"][0]["text"] == HIGH + " " + XSS
    assert detail["first_message"]["text"] == HIGH + " " + XSS
    await staff.post(f"/staff/api/cases/{case_id}/take")
    await user.receive_json(timeout=5)
    response = await staff.post(f"/staff/api/cases/{case_id}/messages", {"text": XSS})
    assert (await response.json())["message"]["text"] == XSS
    assert (await user.receive_json(timeout=5))["text"] == XSS
    response = await staff.post(f"/staff/api/cases/{case_id}/close", {"outcome": "other", "note": XSS})
    assert response.status == 200
    async with client.app[SESSIONS]() as session:
        assert (await session.get(Case, case_id)).notes == XSS
    await user.close()


async def test_no_staff_on_shift_user_is_told_at_once(aiohttp_client, make_settings):
    from bot.app import create_app

    client = await aiohttp_client(create_app(make_settings(QINGXIN_DEMO_ADMIN_ON_SHIFT="0")))
    replies = await chat(client, "lonely-user", HIGH)
    notice = [r["text"] for r in replies if "on shift" in r["text"]]
    assert notice and "No counsellor is on shift" in notice[0] and "12355" in notice[0] and "12356" in notice[0]
    case = (await rows(client, Case))[0]
    assert case.no_staff_on_shift
    assert "no_staff_on_shift" in [e.kind for e in await rows(client, CaseEvent)]
    zh = await chat(client, "lonely-user-zh", "我不想活了，想自杀")
    assert any("没有值班" in r["text"] for r in zh)


async def test_internal_endpoint_requires_the_secret(client, login):
    await chat(client, "internal-user", "hello")
    conv = (await rows(client, Conversation))[0]
    body = {"conversation": conv.pseudonym, "reason": "request_human", "level": "requested", "categories": [],
            "evidence": [], "note": "user asked for a person"}
    assert (await client.post("/internal/cases", json=body)).status == 403
    assert (await client.post("/internal/cases", json=body, headers={"X-Qingxin-Internal-Secret": "x"})).status == 403
    response = await client.post("/internal/cases", json=body, headers=INTERNAL)
    assert response.status == 200
    data = await response.json()
    assert data["state"] == "queued" and data["level"] == "requested" and data["staff_on_shift"] is True
    assert isinstance(data["estimated_wait_seconds"], int)
    again = await client.post("/internal/cases", json={**body, "reason": "safety_check", "level": "medium"},
                              headers=INTERNAL)
    assert (await again.json())["case_id"] == data["case_id"]           # idempotent: one open case
    assert (await again.json())["level"] == "medium"                    # raised
    assert data["result"] == "opened" and (await again.json())["result"] == "raised"
    bad = await client.post("/internal/cases", json={**body, "level": "extreme"}, headers=INTERNAL)
    assert bad.status == 422
    missing = await client.post("/internal/cases", json={**body, "conversation": "u-0000000000"}, headers=INTERNAL)
    assert missing.status == 404


async def test_audit_records_who_did_what_without_text(client, login):
    staff = await login()
    user = await user_socket(client, "audit-user-0001")
    await say(user, HIGH)
    case_id = (await rows(client, Case))[0].id
    await staff.get(f"/staff/api/cases/{case_id}")
    await staff.post(f"/staff/api/cases/{case_id}/take")
    await staff.post(f"/staff/api/cases/{case_id}/messages", {"text": "secret words of the chat"})
    await staff.post(f"/staff/api/cases/{case_id}/handback")
    await staff.post(f"/staff/api/cases/{case_id}/close", {"outcome": "no_risk_found", "note": "private note"})
    entries = (await (await staff.get("/staff/api/audit")).json())["entries"]
    actions = [e["action"] for e in reversed(entries) if e["case_id"] == case_id]
    assert actions == ["view", "take", "message", "handback", "close"]
    assert "login" in [e["action"] for e in entries]
    assert all(e["actor"] == "admin" and e["at"] for e in entries)
    stored = str([(a.detail, a.action) for a in await rows(client, AuditEntry)])
    assert "secret words" not in stored and "private note" not in stored
    await user.close()


async def test_staff_socket_gets_new_cases_live(client, login):
    staff = await login()
    console = await staff_socket(staff)
    await chat(client, "live-user", IMMINENT)
    event = await next_event(console, "opened")
    assert event["type"] == "case" and event["case"]["conversation"].startswith("u-")
    await console.close()


async def test_logout_closes_the_console_socket(client, login):
    staff = await login()
    console = await staff_socket(staff)
    await staff.post("/staff/api/logout")
    message = await console.receive(timeout=5)
    assert message.type.name in ("CLOSE", "CLOSED", "CLOSING")


async def test_handed_back_case_is_requeued_by_new_high_risk(client, login):
    staff = await login()
    user = await user_socket(client, "requeue-user-01")
    await say(user, HIGH)
    case_id = (await rows(client, Case))[0].id
    await staff.post(f"/staff/api/cases/{case_id}/take")
    await staff.post(f"/staff/api/cases/{case_id}/handback")
    case = (await rows(client, Case))[0]
    assert case.state == "with_staff" and case.handed_back_at is not None
    await say(user, IMMINENT)
    case = (await rows(client, Case))[0]
    if case.level == "imminent":
        assert case.state == "queued" and case.assignee_id is None
        assert (await rows(client, Conversation))[0].handoff_state == "queued"
    await user.close()


# -- alerts ----------------------------------------------------------------------------------------------
@pytest.fixture
async def fake_telegram(aiohttp_server):
    sent: list[dict] = []

    async def method(request: web.Request) -> web.Response:
        name = request.match_info["method"]
        data = dict(await request.post()) if request.content_type != "application/json" else await request.json()
        if name == "sendMessage":
            sent.append(data)
            return web.json_response({"ok": True, "result": {
                "message_id": len(sent), "date": 0, "chat": {"id": int(data["chat_id"]), "type": "group"},
                "text": data["text"]}})
        if name == "getMe":
            return web.json_response({"ok": True, "result": {"id": 1, "is_bot": True, "first_name": "q",
                                                             "username": "q_bot"}})
        return web.json_response({"ok": True, "result": True})

    app = web.Application()
    app.router.add_post("/bot{token}/{method}", method)
    server = await aiohttp_server(app)
    server.sent = sent
    return server


async def test_telegram_staff_alerts_and_sla_realert(aiohttp_client, make_settings, fake_telegram):
    from bot.app import create_app
    from escalation.service.keys import SERVICE

    settings = make_settings(QINGXIN_TELEGRAM_TOKEN="123:abc", QINGXIN_TELEGRAM_STAFF_CHAT_ID="-1001",
                             QINGXIN_TELEGRAM_API_URL=str(fake_telegram.make_url("/bot")),
                             QINGXIN_PUBLIC_URL="https://qingxin.example", QINGXIN_SLA_IMMINENT_SECONDS="30",
                             QINGXIN_TELEGRAM_MODE="webhook")
    client = await aiohttp_client(create_app(settings))
    await chat(client, "alert-user", IMMINENT)
    for _ in range(50):
        if fake_telegram.sent:
            break
        await asyncio.sleep(0.05)
    assert fake_telegram.sent, "no staff alert sent"
    text = fake_telegram.sent[0]["text"]
    case = (await rows(client, Case))[0]
    assert f"https://qingxin.example/staff/#case-{case.id}" in text
    assert "kill" not in text and "alert-user" not in text
    service = client.app[SERVICE]
    assert await service.sla_tick() == []                       # not late yet
    later = case.created_at.replace(tzinfo=dt.timezone.utc) + dt.timedelta(seconds=60)
    assert await service.sla_tick(later) == [case.id]
    assert await service.sla_tick(later + dt.timedelta(seconds=5)) == []   # once per SLA period
    for _ in range(50):
        if len(fake_telegram.sent) >= 2:
            break
        await asyncio.sleep(0.05)
    assert "supervisors" in fake_telegram.sent[-1]["text"]
    assert (await rows(client, Case))[0].alert_count == 1


async def test_watching_console_sees_messages_of_a_queued_case(client, login):
    staff = await login()
    console = await staff_socket(staff)
    user = await user_socket(client, "queued-watch-01")
    await say(user, HIGH)
    case_id = (await next_event(console, "opened"))["case"]["id"]
    await console.send_json({"type": "watch", "case_id": case_id})
    await asyncio.sleep(0.1)
    replies = await say(user, "are you there?")
    assert replies  # the bot keeps supporting while the case waits
    event = await next_event(console, "message")
    assert event["case"]["id"] == case_id and event["message"]["text"] == "are you there?"
    # viewing a case again and again is audited once per period, not on every refresh
    for _ in range(3):
        assert (await staff.get(f"/staff/api/cases/{case_id}")).status == 200
    views = [a for a in await rows(client, AuditEntry) if a.action == "view"]
    assert len(views) == 1
    await user.close()
    await console.close()


async def test_slow_rasa_does_not_delay_the_staff_alert(aiohttp_client, aiohttp_server, make_settings):
    """The case opens from the lexicon screen before Rasa is asked (bot/router.py, step 3)."""
    from bot.app import create_app

    async def slow_webhook(request: web.Request) -> web.Response:
        await asyncio.sleep(3)
        return web.json_response([{"text": "I'm here with you."}])

    rasa = web.Application()
    rasa.router.add_post("/webhooks/rest/webhook", slow_webhook)
    rasa_server = await aiohttp_server(rasa)
    client = await aiohttp_client(create_app(make_settings(QINGXIN_RASA_URL=str(rasa_server.make_url("")).rstrip("/"),
                                                           QINGXIN_RASA_TIMEOUT="8")))
    import aiohttp

    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
        response = await http.post(str(client.make_url("/staff/api/login")),
                                   json={"username": "admin", "password": ADMIN_PASSWORD})
        assert response.status == 200
        console = await http.ws_connect(str(client.make_url("/staff/ws")))
        assert (await console.receive_json(timeout=5))["type"] == "ready"
        started = asyncio.get_running_loop().time()
        pending = asyncio.ensure_future(chat(client, "slow-rasa-user", IMMINENT))
        event = await next_event(console, "opened", timeout=2.5)
        assert asyncio.get_running_loop().time() - started < 2.5 and not pending.done()
        replies = await pending
        texts = [r["text"] for r in replies]
        assert "I'm here with you." in texts and any("counsellor has been told" in t for t in texts)
        assert event["case"]["level"] == "imminent"
        await console.close()
