from pathlib import Path

import pytest

from bot.settings import Settings, SettingsError


def test_defaults_are_loopback_and_sqlite_under_var():
    settings = Settings.from_env({})
    assert (settings.host, settings.port) == ("127.0.0.1", 8080)
    assert settings.rasa_url == "http://127.0.0.1:5005"
    assert settings.action_server_url == "http://127.0.0.1:5055"
    assert settings.data_dir == Path("var")
    assert settings.database.startswith("sqlite+aiosqlite:///") and settings.database.endswith("var/qingxin.db")
    assert settings.max_message_chars == 4000


def test_demo_mode_generates_throwaway_secrets_and_says_so():
    settings = Settings.from_env({})
    assert settings.secret_key and settings.internal_secret
    assert set(settings.generated) == {"QINGXIN_SECRET_KEY", "QINGXIN_INTERNAL_SECRET"}
    assert Settings.from_env({}).secret_key != settings.secret_key


def test_production_mode_refuses_to_start_without_secrets():
    with pytest.raises(SettingsError, match="QINGXIN_SECRET_KEY is required"):
        Settings.from_env({"QINGXIN_MODE": "production"})
    settings = Settings.from_env({"QINGXIN_MODE": "production", "QINGXIN_SECRET_KEY": "a", "QINGXIN_INTERNAL_SECRET": "b"})
    assert settings.generated == ()


def test_every_address_is_overridable():
    settings = Settings.from_env({
        "QINGXIN_HOST": "0.0.0.0", "QINGXIN_PORT": "9000", "QINGXIN_RASA_URL": "http://rasa:5005/",
        "QINGXIN_ACTION_SERVER_URL": "http://actions:5055", "QINGXIN_DATA_DIR": "/srv/q",
        "QINGXIN_DATABASE_URL": "postgresql+asyncpg://u@db/q"})
    assert (settings.host, settings.port) == ("0.0.0.0", 9000)
    assert settings.rasa_url == "http://rasa:5005"
    assert settings.database == "postgresql+asyncpg://u@db/q"


@pytest.mark.parametrize("name,value,message", [
    ("QINGXIN_PORT", "eighty", "whole number"),
    ("QINGXIN_RASA_TIMEOUT", "-1", "positive"),
    ("QINGXIN_MODE", "prod", "demo, production"),
    ("QINGXIN_MAX_MESSAGE_CHARS", "0", "at least 1"),
    ("QINGXIN_TELEGRAM_MODE", "push", "webhook or polling"),
])
def test_malformed_values_get_a_clear_message(name, value, message):
    with pytest.raises(SettingsError, match=message):
        Settings.from_env({name: value})


def test_telegram_mode_follows_what_is_configured():
    assert Settings.from_env({"QINGXIN_TELEGRAM_TOKEN": "1:x"}).telegram_mode == "polling"
    assert Settings.from_env({"QINGXIN_TELEGRAM_TOKEN": "1:x", "QINGXIN_TELEGRAM_WEBHOOK_URL": "https://h/telegram/webhook",
                              "QINGXIN_TELEGRAM_WEBHOOK_SECRET": "s"}).telegram_mode == "webhook"
    assert Settings.from_env({}).telegram_mode == ""
