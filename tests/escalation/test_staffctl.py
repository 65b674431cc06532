"""``python -m escalation.service.staffctl``: add an account the console can log in with."""
from __future__ import annotations

import asyncio

import pytest

from escalation.service import staffctl
from escalation.service.auth import verify_password
from escalation.store import db
from escalation.store import staff as staff_store


def test_add_list_passwd_disable(tmp_path, monkeypatch, capsys):
    url = f"sqlite+aiosqlite:///{tmp_path / 'ctl.db'}"
    monkeypatch.setenv("QINGXIN_DATABASE_URL", url)
    monkeypatch.setenv("QINGXIN_STAFF_PASSWORD", "chen-password-1")
    staffctl.main(["add", "chen", "--role", "counsellor", "--name", "陈老师"])
    staffctl.main(["list"])
    out = capsys.readouterr().out
    assert "added chen" in out and "陈老师" in out and "chen-password-1" not in out
    with pytest.raises(SystemExit):
        staffctl.main(["add", "chen"])
    monkeypatch.setenv("QINGXIN_STAFF_PASSWORD", "short")
    with pytest.raises(SystemExit):
        staffctl.main(["passwd", "chen"])
    monkeypatch.setenv("QINGXIN_STAFF_PASSWORD", "another-password")
    staffctl.main(["passwd", "chen"])
    staffctl.main(["disable", "chen"])

    async def check():
        engine = db.create_engine(url)
        try:
            async with db.sessionmaker(engine)() as session:
                staff = await staff_store.by_username(session, "chen")
                return staff.display_name, staff.active, verify_password("another-password", staff.password_hash)
        finally:
            await engine.dispose()

    assert asyncio.run(check()) == ("陈老师", False, True)
