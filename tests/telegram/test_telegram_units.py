"""Pure parts of the Telegram channel: splitting, callback data, the rate limiter, token redaction."""
from __future__ import annotations

import logging

from bot.telegram.channel import RateLimiter, redact
from bot.telegram.formatting import CallbackPayloads, split_text
from tg_helpers import TOKEN


def test_split_keeps_short_text_whole():
    assert split_text("你好。") == ["你好。"]


def test_split_cuts_after_sentence_ends_and_loses_nothing():
    text = "我今天很累。" * 1000 + "最后一句!"
    parts = split_text(text)
    assert "".join(parts) == text
    assert all(len(p) <= 4096 for p in parts)
    assert all(p.endswith("。") for p in parts[:-1])


def test_split_prefers_newlines_and_english_sentence_ends():
    text = ("Breathe in slowly. Hold it for four counts!\n" * 200)
    parts = split_text(text, limit=1000)
    assert all(len(p) <= 1000 for p in parts)
    assert all(p.endswith("!") for p in parts)
    assert "\n".join(parts) == text.rstrip("\n")


def test_split_without_boundaries_falls_back_to_spaces_then_hard_cuts():
    assert [len(p) for p in split_text("x" * 9000)] == [4096, 4096, 808]
    words = split_text("word " * 2000)
    assert all(p.endswith("word") for p in words)


def test_split_counts_emoji_as_two_units():
    parts = split_text("😀" * 3000)
    assert [len(p) for p in parts] == [2048, 952]


def test_callback_data_fits_in_64_bytes_and_maps_back():
    payloads = CallbackPayloads(capacity=2)
    assert payloads.data_for("/mood_checkin") == "/mood_checkin"
    long = '/inform_mood{"mood_score": "4", "note": "' + "很好" * 30 + '"}'
    key = payloads.data_for(long)
    assert len(key.encode()) <= 64 and payloads.payload_for(key) == long
    assert payloads.data_for("qx:lang:en") != "qx:lang:en"  # a Rasa payload can't pose as an internal button
    payloads.data_for("/a" + "b" * 70)
    payloads.data_for("/c" + "d" * 70)
    assert payloads.payload_for(key) is None  # bounded: the oldest mapping is forgotten


def test_rate_limiter_counts_a_sliding_minute_and_notifies_once():
    now = [0.0]
    limiter = RateLimiter(2, clock=lambda: now[0])
    assert limiter.allow("u") and limiter.allow("u")
    assert not limiter.allow("u")
    assert limiter.should_notify("u") and not limiter.should_notify("u")
    assert limiter.allow("v")
    now[0] = 61.0
    assert limiter.allow("u")
    assert limiter.should_notify("u")


def test_redact_removes_the_token_in_plain_and_url_encoded_form():
    from urllib.parse import quote

    text = f"GET https://api.telegram.org/bot{TOKEN}/getMe and {quote(TOKEN, safe='')}"
    assert TOKEN not in redact(text, TOKEN) and quote(TOKEN, safe="") not in redact(text, TOKEN)


def test_ptb_and_httpx_log_records_are_redacted(caplog):
    from bot.telegram.setup import _token_filters

    attached = _token_filters(TOKEN)
    try:
        with caplog.at_level(logging.DEBUG):
            logging.getLogger("telegram.ext.Updater").error("polling failed for %s", f"/bot{TOKEN}/getUpdates")
            try:
                raise ConnectionError(f"https://api.telegram.org/bot{TOKEN}/getMe")
            except ConnectionError:
                logging.getLogger("telegram.ext.Application").exception("network error")
            logging.getLogger("httpx").warning("HTTP Request: POST https://api.telegram.org/bot%s/x", TOKEN)
        assert TOKEN not in caplog.text
        assert "<token>" in caplog.text
        assert logging.getLogger("httpx").level == logging.WARNING
    finally:
        for logger, token_filter in attached:
            logger.removeFilter(token_filter)
