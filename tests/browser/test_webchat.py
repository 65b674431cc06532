"""The web chat in headless Chromium against the real stack."""
from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.integration]


def test_webchat_sends_a_message_and_shows_the_reply(browser, live_stack, tmp_path):
    page = browser.new_page()
    page.goto(live_stack.service_url + "/")
    page.fill("#text", "你好")
    page.click("#send")
    page.wait_for_selector(".msg.bot", timeout=30_000)
    assert page.locator(".msg.user").first.text_content() == "你好"
    assert page.locator(".msg.bot").first.text_content().strip()
    page.screenshot(path=str(tmp_path / "webchat.png"), full_page=True)
    assert (tmp_path / "webchat.png").stat().st_size > 1000


def test_webchat_escapes_what_it_shows(browser, live_stack):
    page = browser.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(live_stack.service_url + "/")
    payload = '<img src=x onerror="alert(1)"><b>bold</b>'
    page.fill("#text", payload)
    page.click("#send")
    page.wait_for_selector(".msg.bot, .msg.system", timeout=30_000)
    assert page.locator(".msg.user").first.text_content() == payload
    assert page.locator(".msg img").count() == 0 and page.locator(".msg b").count() == 0
    assert dialogs == []


def test_webchat_shows_buttons_rasa_sends(browser, live_stack):
    page = browser.new_page()
    page.goto(live_stack.service_url + "/")
    page.fill("#text", "I can't calm down")
    page.click("#send")
    page.wait_for_selector(".buttons button", timeout=30_000)
    answers = page.locator(".msg.bot, .msg.system")
    before = answers.count()
    title = page.locator(".buttons button").first.text_content()
    page.locator(".buttons button").first.click()
    # the button's title is shown as the user's message, and the bot answers it
    page.locator(".msg.user").last.wait_for()
    assert page.locator(".msg.user").last.text_content() == title
    answers.nth(before).wait_for(timeout=30_000)  # (no wait_for_function: the page's CSP forbids eval)


def test_webchat_on_a_phone_sized_screen(browser, live_stack, tmp_path):
    page = browser.new_page(viewport={"width": 375, "height": 667})
    page.goto(live_stack.service_url + "/")
    box = page.locator("#composer").bounding_box()
    assert box["width"] <= 375 and box["y"] + box["height"] <= 667
    page.screenshot(path=str(tmp_path / "webchat-phone.png"))
