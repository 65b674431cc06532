"""Telegram channel: a thin adapter from python-telegram-bot onto the channel-agnostic router.

``setup.setup_telegram(app)`` wires it into the service when ``QINGXIN_TELEGRAM_TOKEN`` is set.
"""
