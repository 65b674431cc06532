"""Terminal chat against a running stack (``make chat`` or ``python -m bot.cli``), via ``POST /api/chat``."""
from __future__ import annotations

import argparse
import json
import os
import secrets
import sys
import urllib.error
import urllib.request

HELP = ("Type a message and press Enter. Numbers choose a button. /quit or Ctrl-D to leave.\n"
        "输入消息后回车；输入数字选择按钮；/quit 或 Ctrl-D 退出。")


def post(url: str, user: str, text: str, timeout: float = 30) -> dict:
    request = urllib.request.Request(url, data=json.dumps({"user": user, "text": text}).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return json.load(response)
    except urllib.error.HTTPError as exc:
        try:
            return {"error": json.load(exc).get("message", str(exc))}
        except ValueError:
            return {"error": str(exc)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bot.cli", description="Chat with Qingxin in a terminal.")
    default = os.environ.get("QINGXIN_URL", f"http://127.0.0.1:{os.environ.get('QINGXIN_PORT', '8080')}")
    parser.add_argument("--url", default=default, help=f"service base URL (default {default})")
    parser.add_argument("--user", default=f"cli-{secrets.token_hex(6)}", help="your user id (default: random)")
    args = parser.parse_args(argv)
    endpoint = args.url.rstrip("/") + "/api/chat"
    print(HELP)
    buttons: list[dict] = []
    while True:
        try:
            text = input("> ").strip()
        except (EOFError, KeyboardInterrupt):
            print()
            return
        if text in ("/quit", "/exit"):
            return
        if not text:
            continue
        if text.isdigit() and buttons and 1 <= int(text) <= len(buttons):
            text = buttons[int(text) - 1].get("payload") or buttons[int(text) - 1].get("title", "")
        try:
            answer = post(endpoint, args.user, text)
        except (urllib.error.URLError, OSError) as exc:
            print(f"! cannot reach {args.url} ({exc}). Is `make demo` running?", file=sys.stderr)
            continue
        if "error" in answer:
            print(f"! {answer['error']}")
            continue
        buttons = []
        for reply in answer.get("replies", []):
            if reply.get("text"):
                who = reply.get("name") or {"staff": "staff", "system": "qingxin"}.get(reply.get("from"), "qingxin")
                print(f"{who}: {reply['text']}")
            for button in reply.get("buttons", []):
                buttons.append(button)
                print(f"   [{len(buttons)}] {button.get('title')}")


if __name__ == "__main__":
    main()
