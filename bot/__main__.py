"""``python -m bot serve``: run the qingxin service; ``python -m bot chat``: terminal chat."""
from __future__ import annotations

import logging
import sys


def serve() -> None:
    from aiohttp import web

    from .app import create_app
    from .settings import Settings, SettingsError

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # Request URLs of the Telegram Bot API contain the token: never log them.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    try:
        settings = Settings.from_env()
    except SettingsError as exc:
        sys.exit(f"qingxin: {exc}")
    for name in settings.generated:
        logging.getLogger("qingxin").warning("%s is not set: using a throwaway value (demo mode only)", name)
    web.run_app(create_app(settings), host=settings.host, port=settings.port, print=None,
                access_log_format='%a "%r" %s %Tf')


def main(argv: list[str]) -> None:
    command = argv[1] if len(argv) > 1 else "serve"
    if command == "serve":
        serve()
    elif command == "chat":
        from .cli import main as chat

        chat(argv[2:])
    else:
        sys.exit("usage: python -m bot [serve|chat]")


if __name__ == "__main__":
    main(sys.argv)
