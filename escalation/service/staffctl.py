"""Manage staff console accounts.

    python -m escalation.service.staffctl add USER --role counsellor --name 陈老师
    python -m escalation.service.staffctl passwd USER
    python -m escalation.service.staffctl disable USER
    python -m escalation.service.staffctl list

The password is read from ``QINGXIN_STAFF_PASSWORD`` when set (for scripts), otherwise prompted twice.
Uses the same ``QINGXIN_*`` settings as the service (the database URL in particular).
"""
from __future__ import annotations

import argparse
import asyncio
import getpass
import os
import sys

from bot.settings import Settings, SettingsError
from escalation.store import db
from escalation.store import staff as staff_store
from escalation.store.models import STAFF_ROLES

from .auth import hash_password

MIN_PASSWORD = 10


def read_password() -> str:
    password = os.environ.get("QINGXIN_STAFF_PASSWORD", "")
    if not password:
        password = getpass.getpass("Password: ")
        if getpass.getpass("Repeat: ") != password:
            sys.exit("staffctl: the passwords differ")
    if len(password) < MIN_PASSWORD:
        sys.exit(f"staffctl: use a password of at least {MIN_PASSWORD} characters")
    return password


async def run(args: argparse.Namespace, settings: Settings) -> str:
    await db.upgrade(settings.database)
    engine = db.create_engine(settings.database)
    sessions = db.sessionmaker(engine)
    try:
        async with sessions.begin() as session:
            if args.command == "list":
                rows = await staff_store.all_staff(session)
                return "\n".join(f"{s.id}\t{s.username}\t{s.display_name}\t{s.role}\t"
                                 f"{'on shift' if s.on_shift else 'off shift'}\t{'active' if s.active else 'disabled'}"
                                 for s in rows) or "(no staff)"
            found = await staff_store.by_username(session, args.username)
            if args.command == "add":
                if found is not None:
                    sys.exit(f"staffctl: {args.username} exists already (use passwd)")
                password_hash = await asyncio.to_thread(hash_password, args.password)
                await staff_store.create(session, username=args.username, display_name=args.name or args.username,
                                         password_hash=password_hash, role=args.role)
                return f"added {args.username} ({args.role})"
            if found is None:
                sys.exit(f"staffctl: no staff member {args.username}")
            if args.command == "passwd":
                found.password_hash = await asyncio.to_thread(hash_password, args.password)
                return f"password changed for {args.username}"
            if args.command == "disable":
                found.active, found.on_shift = False, False
                return f"disabled {args.username}"
    finally:
        await engine.dispose()
    return ""


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m escalation.service.staffctl", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    add = sub.add_parser("add", help="add a staff member")
    add.add_argument("username")
    add.add_argument("--role", choices=STAFF_ROLES, default="counsellor")
    add.add_argument("--name", help="display name shown to young people, e.g. 陈老师")
    sub.add_parser("passwd", help="set a new password").add_argument("username")
    sub.add_parser("disable", help="disable an account").add_argument("username")
    sub.add_parser("list", help="list accounts")
    args = parser.parse_args(argv)
    if args.command in ("add", "passwd"):
        if not 1 <= len(args.username) <= 64 or not args.username.replace("_", "").replace("-", "").isalnum():
            sys.exit("staffctl: a username is 1-64 letters, digits, - or _")
        args.password = read_password()
    try:
        settings = Settings.from_env()
    except SettingsError as exc:
        sys.exit(f"staffctl: {exc}")
    print(asyncio.run(run(args, settings)))


if __name__ == "__main__":
    main()
