"""The staff console in headless Chromium against a real service process (Rasa unreachable: the router's
safety reply and case opening work without it).

The console's CSP forbids eval, so the test waits with locators, never ``wait_for_function`` strings."""
from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser]

ROOT = Path(__file__).resolve().parents[2]
ADMIN_PASSWORD = "console-test-password"
XSS = "<img src=x onerror=alert(1)>"


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def console_service(tmp_path_factory):
    """``python -m bot serve`` on a free loopback port, its own SQLite file, nothing listening for Rasa."""
    work = tmp_path_factory.mktemp("console")
    port = _port()
    env = {**os.environ,
           "QINGXIN_MODE": "demo", "QINGXIN_HOST": "127.0.0.1", "QINGXIN_PORT": str(port),
           "QINGXIN_DATA_DIR": str(work / "var"),
           "QINGXIN_DATABASE_URL": f"sqlite+aiosqlite:///{work / 'qingxin.db'}",
           "QINGXIN_RASA_URL": f"http://127.0.0.1:{_port()}", "QINGXIN_RASA_TIMEOUT": "2",
           "QINGXIN_ACTION_SERVER_URL": f"http://127.0.0.1:{_port()}",
           "QINGXIN_SECRET_KEY": "console-secret", "QINGXIN_INTERNAL_SECRET": "console-internal",
           "QINGXIN_ADMIN_PASSWORD": ADMIN_PASSWORD}
    for key in ("QINGXIN_TELEGRAM_TOKEN", "QINGXIN_TELEGRAM_STAFF_CHAT_ID", "QINGXIN_PUBLIC_URL"):
        env.pop(key, None)
    log = open(work / "service.log", "wb")
    proc = subprocess.Popen([sys.executable, "-m", "bot", "serve"], cwd=ROOT, env=env, stdout=log,
                            stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=1) as response:
                if response.status == 200:
                    break
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            log.close()
            pytest.fail("service did not start:\n" + (work / "service.log").read_text(errors="replace")[-3000:])
        time.sleep(0.2)
    yield url
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


def post_chat(url: str, user: str, text: str) -> dict:
    request = urllib.request.Request(url + "/api/chat", data=json.dumps({"user": user, "text": text}).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def log_in(page, url: str) -> None:
    page.goto(url + "/staff/")
    page.wait_for_selector("#login-form", state="visible")
    expect(page.locator("#app-view")).to_be_hidden()
    page.fill("#username", "admin")
    page.fill("#password", ADMIN_PASSWORD)
    page.click("#login-form button[type=submit]")
    page.wait_for_selector("#app-view", state="visible")
    page.wait_for_selector("#conn.up")  # the live websocket is connected


def test_console_live_case_take_and_reply(browser, console_service, tmp_path):
    url = console_service
    errors: list[str] = []
    dialogs: list[str] = []
    staff = browser.new_page(viewport={"width": 1280, "height": 900})
    staff.on("pageerror", lambda exc: errors.append(str(exc)))
    staff.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    log_in(staff, url)
    assert staff.locator(".case-item").count() == 0

    # 1. a high-risk message arrives over the REST channel; the queue shows it without a reload
    replies = post_chat(url, "browser-student-1", "I want to kill myself tonight " + XSS)
    assert any("12355" in r["text"] for r in replies["replies"])
    item = staff.wait_for_selector(".case-item", timeout=10_000)
    assert "新个案" in staff.title()                               # title alert
    assert staff.locator(".case-item .level").first.text_content().strip()
    first = staff.locator(".case-item .first").first
    assert XSS in first.text_content()                              # shown as text
    assert staff.locator(".case-item img").count() == 0
    assert staff.locator(".case-item mark").count() >= 1            # matched words highlighted
    marked = " ".join(staff.locator(".case-item mark").all_text_contents())
    assert "kill myself" in marked and XSS not in marked
    staff.screenshot(path=str(tmp_path / "console-queue.png"), full_page=True)

    # 2. a young person on the web chat page writes; the case arrives live, staff takes it and replies
    user = browser.new_page()
    user.goto(url + "/")
    user.fill("#text", "I want to kill myself")
    user.click("#send")
    user.wait_for_selector(".msg.system", timeout=15_000)
    expect(staff.locator(".case-item")).to_have_count(2, timeout=10_000)
    staff.locator(".case-item", has_text="I want to kill myself").filter(has_not_text=XSS).first.click()
    staff.wait_for_selector("#case-view", state="visible")
    staff.wait_for_selector("#transcript .msg.dir-in")
    staff.click("#btn-take")
    staff.wait_for_selector("#composer", state="visible")
    user.locator(".msg.system", has_text="Admin").first.wait_for(timeout=10_000)  # "Admin ... has joined"
    staff.fill("#composer-text", "I'm Admin from the hotline. Are you safe right now? " + XSS)
    staff.click("#composer button[type=submit]")
    staff_bubble = user.wait_for_selector(".msg.staff", timeout=10_000)
    assert "Are you safe right now?" in staff_bubble.text_content()
    assert XSS in staff_bubble.text_content() and user.locator(".msg img").count() == 0

    # 3. the user's answer reaches the console live (not Rasa)
    user.fill("#text", "yes, at home " + XSS)
    user.click("#send")
    staff.locator("#transcript .msg.dir-in", has_text="yes, at home").first.wait_for(timeout=10_000)
    assert staff.locator("#transcript img").count() == 0
    staff.screenshot(path=str(tmp_path / "console-case.png"), full_page=True)
    user.screenshot(path=str(tmp_path / "webchat-with-staff.png"), full_page=True)

    # 4. hand back, then close with an outcome
    staff.click("#btn-handback")
    user.locator(".msg.system", has_text=re.compile("Qingxin assistant|青心助手")).first.wait_for(timeout=10_000)
    expect(staff.locator("#composer")).to_be_hidden(timeout=10_000)  # not live any more
    expect(staff.locator("#btn-take")).to_have_text(re.compile("Resume"))
    staff.click("#close-box summary")
    staff.select_option("#close-outcome", "safety_plan_made")
    staff.fill("#close-note", "agreed a plan " + XSS)
    staff.fill("#close-follow-up", "2031-01-08")
    staff.click("#close-form button[type=submit]")
    expect(staff.locator("#case-meta")).to_contain_text("closed", timeout=10_000)
    staff.click("#nav-follow-up")
    expect(staff.locator(".case-item", has_text="2031-01-08")).to_have_count(1, timeout=10_000)

    # 5. the supervisor's audit page lists what happened
    staff.goto(url + "/staff/#audit")
    staff.wait_for_selector("#audit-rows tr")
    actions = " ".join(staff.locator("#audit-rows td").all_text_contents())
    assert "take" in actions and "message" in actions and "close" in actions
    staff.screenshot(path=str(tmp_path / "console-audit.png"), full_page=True)
    assert dialogs == [] and errors == []
    assert (tmp_path / "console-case.png").stat().st_size > 1000


def test_console_on_a_phone_and_wrong_password(browser, console_service, tmp_path):
    page = browser.new_page(viewport={"width": 375, "height": 740})
    page.goto(console_service + "/staff/")
    page.fill("#username", "admin")
    page.fill("#password", "wrong")
    page.click("#login-form button[type=submit]")
    expect(page.locator("#login-error")).not_to_be_empty(timeout=15_000)
    log_in(page, console_service)
    box = page.locator("#queue-view").bounding_box()
    assert box["width"] <= 375
    page.screenshot(path=str(tmp_path / "console-phone.png"), full_page=True)


@pytest.mark.integration
def test_console_with_the_real_stack(browser, live_stack, tmp_path):
    """Real Rasa and action server: asking for a person opens a case through the action server's call to
    ``POST /internal/cases``; a counsellor takes it in the console and the young person sees the reply."""
    url = live_stack.service_url
    staff = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    staff.on("pageerror", lambda exc: errors.append(str(exc)))
    staff.goto(url + "/staff/")
    staff.fill("#username", "admin")
    staff.fill("#password", "admin-live-password")
    staff.click("#login-form button[type=submit]")
    staff.wait_for_selector("#conn.up")

    user = browser.new_page()
    user.goto(url + "/")
    marker = "I want to talk to a real person please"
    user.fill("#text", marker)
    user.click("#send")
    item = staff.locator(".case-item", has_text=marker).first
    item.wait_for(timeout=60_000)
    item.click()
    staff.wait_for_selector("#case-view", state="visible")
    staff.click("#btn-take")
    staff.wait_for_selector("#composer", state="visible")
    user.locator(".msg.system", has_text="Admin").first.wait_for(timeout=15_000)
    staff.fill("#composer-text", "Hello, I'm a counsellor. What would you like to talk about?")
    staff.click("#composer button[type=submit]")
    bubble = user.locator(".msg.staff").first
    bubble.wait_for(timeout=15_000)
    assert "What would you like to talk about?" in bubble.text_content()
    staff.click("#btn-handback")
    user.locator(".msg.system", has_text=re.compile("Qingxin assistant|青心助手")).first.wait_for(timeout=15_000)
    staff.screenshot(path=str(tmp_path / "console-live-stack.png"), full_page=True)
    assert errors == []
