"""Settings: one ``Settings`` per process, read from ``QINGXIN_*`` environment variables.

Every variable is documented in the README's configuration table; ``.env.example`` lists them.
Demo mode generates throwaway secrets (and says so); production mode refuses to start without them.
"""
from __future__ import annotations

import dataclasses
import os
import secrets
from collections.abc import Mapping
from pathlib import Path

MODES = ("demo", "production")


class SettingsError(ValueError):
    """A setting is missing or malformed; the message says which and how to fix it."""


@dataclasses.dataclass(frozen=True)
class Settings:
    mode: str = "demo"
    host: str = "127.0.0.1"
    port: int = 8080
    data_dir: Path = Path("var")
    database_url: str = ""
    rasa_url: str = "http://127.0.0.1:5005"
    rasa_token: str = ""
    rasa_timeout: float = 10.0
    action_server_url: str = "http://127.0.0.1:5055"
    public_url: str = ""
    secret_key: str = ""
    internal_secret: str = ""
    admin_password: str = ""
    max_message_chars: int = 4000
    region: str = "default"
    history_messages: int = 20
    # escalation
    sla_high_seconds: int = 120
    sla_imminent_seconds: int = 30
    demo_admin_on_shift: bool = True
    # telegram
    telegram_token: str = ""
    telegram_mode: str = ""
    telegram_webhook_secret: str = ""
    telegram_webhook_url: str = ""
    telegram_api_url: str = "https://api.telegram.org/bot"
    telegram_staff_chat_id: str = ""
    telegram_rate_limit_per_minute: int = 20
    # retention
    retention_days: int = 30
    closed_case_retention_days: int = 365
    generated: tuple[str, ...] = ()

    @property
    def database(self) -> str:
        return self.database_url or f"sqlite+aiosqlite:///{(self.data_dir / 'qingxin.db').resolve()}"

    @property
    def base_url(self) -> str:
        return self.public_url.rstrip("/") if self.public_url else f"http://{self.host}:{self.port}"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env

        def get(name: str, default: str = "") -> str:
            return env.get(f"QINGXIN_{name}", default).strip()

        def integer(name: str, default: int, minimum: int = 0) -> int:
            raw = get(name, str(default))
            try:
                value = int(raw)
            except ValueError:
                raise SettingsError(f"QINGXIN_{name} must be a whole number, got {raw!r}") from None
            if value < minimum:
                raise SettingsError(f"QINGXIN_{name} must be at least {minimum}, got {value}")
            return value

        def number(name: str, default: float) -> float:
            raw = get(name, str(default))
            try:
                value = float(raw)
            except ValueError:
                raise SettingsError(f"QINGXIN_{name} must be a number, got {raw!r}") from None
            if value <= 0:
                raise SettingsError(f"QINGXIN_{name} must be positive, got {value}")
            return value

        mode = get("MODE", "demo") or "demo"
        if mode not in MODES:
            raise SettingsError(f"QINGXIN_MODE must be one of {', '.join(MODES)}, got {mode!r}")
        generated: list[str] = []

        def secret(name: str) -> str:
            value = get(name)
            if value:
                return value
            if mode == "production":
                raise SettingsError(
                    f"QINGXIN_{name} is required in production mode: set it to a long random string "
                    f"(python3 -c 'import secrets; print(secrets.token_urlsafe(32))')")
            generated.append(f"QINGXIN_{name}")
            return secrets.token_urlsafe(32)

        telegram_token = get("TELEGRAM_TOKEN")
        telegram_mode = get("TELEGRAM_MODE")
        if telegram_mode and telegram_mode not in ("webhook", "polling"):
            raise SettingsError(f"QINGXIN_TELEGRAM_MODE must be webhook or polling, got {telegram_mode!r}")
        if telegram_token and not telegram_mode:
            telegram_mode = "webhook" if get("TELEGRAM_WEBHOOK_URL") else "polling"
        settings = cls(
            mode=mode,
            host=get("HOST", "127.0.0.1"),
            port=integer("PORT", 8080, minimum=0),
            data_dir=Path(get("DATA_DIR", "var") or "var"),
            database_url=get("DATABASE_URL"),
            rasa_url=get("RASA_URL", "http://127.0.0.1:5005").rstrip("/"),
            rasa_token=get("RASA_TOKEN"),
            rasa_timeout=number("RASA_TIMEOUT", 10.0),
            action_server_url=get("ACTION_SERVER_URL", "http://127.0.0.1:5055").rstrip("/"),
            public_url=get("PUBLIC_URL"),
            secret_key=secret("SECRET_KEY"),
            internal_secret=secret("INTERNAL_SECRET"),
            admin_password=get("ADMIN_PASSWORD"),
            max_message_chars=integer("MAX_MESSAGE_CHARS", 4000, minimum=1),
            region=get("REGION", "default") or "default",
            history_messages=integer("HISTORY_MESSAGES", 20),
            sla_high_seconds=integer("SLA_HIGH_SECONDS", 120, minimum=1),
            sla_imminent_seconds=integer("SLA_IMMINENT_SECONDS", 30, minimum=1),
            demo_admin_on_shift=get("DEMO_ADMIN_ON_SHIFT", "1") not in ("0", "false", "no"),
            telegram_token=telegram_token,
            telegram_mode=telegram_mode,
            telegram_webhook_secret=get("TELEGRAM_WEBHOOK_SECRET"),
            telegram_webhook_url=get("TELEGRAM_WEBHOOK_URL"),
            telegram_api_url=get("TELEGRAM_API_URL", "https://api.telegram.org/bot"),
            telegram_staff_chat_id=get("TELEGRAM_STAFF_CHAT_ID"),
            telegram_rate_limit_per_minute=integer("TELEGRAM_RATE_LIMIT_PER_MINUTE", 20, minimum=1),
            retention_days=integer("RETENTION_DAYS", 30, minimum=1),
            closed_case_retention_days=integer("CLOSED_CASE_RETENTION_DAYS", 365, minimum=1),
            generated=tuple(generated),
        )
        if telegram_mode == "webhook" and telegram_token and not settings.telegram_webhook_secret:
            if mode == "production":
                raise SettingsError("QINGXIN_TELEGRAM_WEBHOOK_SECRET is required for webhook mode")
        return settings
