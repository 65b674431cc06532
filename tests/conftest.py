"""Shared fixtures: settings on a temporary SQLite store, the store on SQLite and PostgreSQL, and one
real Rasa + action server + qingxin service per test run (trained once, shared by every test)."""
from __future__ import annotations

import asyncio
import os
import secrets
import socket
import uuid
from pathlib import Path

import pytest

from bot.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN_URL = os.environ.get("QINGXIN_TEST_PG_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test")


def unused_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def make_settings(tmp_path):
    """Settings for an in-process app: a fresh SQLite file, Rasa on a port where nothing listens."""

    def make(**overrides: str) -> Settings:
        env = {
            "QINGXIN_DATA_DIR": str(tmp_path / "var"),
            "QINGXIN_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'qingxin.db'}",
            "QINGXIN_RASA_URL": f"http://127.0.0.1:{unused_port()}",
            "QINGXIN_ACTION_SERVER_URL": f"http://127.0.0.1:{unused_port()}",
            "QINGXIN_RASA_TIMEOUT": "5",
            "QINGXIN_SECRET_KEY": "test-secret-key",
            "QINGXIN_INTERNAL_SECRET": "test-internal-secret",
            "QINGXIN_ADMIN_PASSWORD": "admin-test-password",
        }
        env.update({k if k.startswith("QINGXIN_") else f"QINGXIN_{k.upper()}": v for k, v in overrides.items()})
        return Settings.from_env(env)

    return make


# --- the store on both backends ----------------------------------------------------------------------
def _postgres_available() -> bool:
    async def probe() -> bool:
        import asyncpg

        try:
            conn = await asyncpg.connect("postgresql://postgres@127.0.0.1:5432/test", timeout=3)
        except (OSError, asyncpg.PostgresError, asyncio.TimeoutError):
            return False
        await conn.close()
        return True

    return asyncio.run(probe())


_PG = None


def postgres_available() -> bool:
    global _PG
    if _PG is None:
        _PG = _postgres_available()
    return _PG


def pytest_report_header(config):
    return ("store tests: SQLite and PostgreSQL (127.0.0.1:5432/test)" if postgres_available()
            else "store tests: SQLite only — PostgreSQL at 127.0.0.1:5432 is NOT reachable, its tests are skipped")


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def store_url(request, tmp_path_factory):
    """A migrated, empty database per backend (Alembic ``upgrade head`` once per test session)."""
    from escalation.store.db import upgrade_sync

    if request.param == "sqlite":
        url = f"sqlite+aiosqlite:///{tmp_path_factory.mktemp('store') / 'store.db'}"
        upgrade_sync(url)
        yield url
        return
    if not postgres_available():
        pytest.skip("PostgreSQL at 127.0.0.1:5432 is not reachable (store tests ran on SQLite only)")
    import asyncpg

    name = f"qingxin_test_{uuid.uuid4().hex[:8]}"

    async def admin(sql: str) -> None:
        conn = await asyncpg.connect("postgresql://postgres@127.0.0.1:5432/test")
        try:
            await conn.execute(sql)
        finally:
            await conn.close()

    asyncio.run(admin(f'CREATE DATABASE "{name}"'))
    url = f"postgresql+asyncpg://postgres@127.0.0.1:5432/{name}"
    try:
        upgrade_sync(url)
        yield url
    finally:
        asyncio.run(admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture
async def db_session(store_url):
    """An AsyncSession inside a transaction that is rolled back after the test."""
    from sqlalchemy.ext.asyncio import AsyncSession

    from escalation.store.db import create_engine

    engine = create_engine(store_url)
    if engine.dialect.name == "sqlite":
        # pysqlite/aiosqlite open transactions lazily, so a SAVEPOINT outside a real BEGIN commits on
        # RELEASE and leaks rows out of the rolled-back test transaction. SQLAlchemy's documented fix:
        from sqlalchemy import event

        @event.listens_for(engine.sync_engine, "connect")
        def _no_implicit_transactions(dbapi_connection, _record):
            dbapi_connection.isolation_level = None

        @event.listens_for(engine.sync_engine, "begin")
        def _explicit_begin(connection):
            connection.exec_driver_sql("BEGIN")
    async with engine.connect() as connection:
        transaction = await connection.begin()
        session = AsyncSession(bind=connection, expire_on_commit=False,
                               join_transaction_mode="create_savepoint")
        try:
            yield session
        finally:
            await session.close()
            await transaction.rollback()
    await engine.dispose()


# --- the real Rasa stack, once per test run -------------------------------------------------------
@pytest.fixture(scope="session")
def rasa_model_path() -> Path:
    """The trained model for the current training data (``make test`` trains it before pytest)."""
    from bot.stack import train_model

    return train_model(quiet=True)


@pytest.fixture(scope="session")
def live_stack(rasa_model_path, tmp_path_factory):
    """Real action server, real Rasa server and a real qingxin service process on free loopback ports."""
    from bot.stack import Stack

    work = tmp_path_factory.mktemp("stack")
    env = {
        "QINGXIN_DATA_DIR": str(work / "var"),
        "QINGXIN_DATABASE_URL": f"sqlite+aiosqlite:///{work / 'qingxin.db'}",
        "QINGXIN_SECRET_KEY": secrets.token_urlsafe(16),
        "QINGXIN_INTERNAL_SECRET": secrets.token_urlsafe(16),
        "QINGXIN_ADMIN_PASSWORD": "admin-live-password",
        "QINGXIN_MODE": "demo",
    }
    stack = Stack(model=rasa_model_path, env=env, log_dir=work / "log")
    try:
        stack.start()
    except RuntimeError as exc:
        logs = "\n".join(f"--- {p.name}\n{p.read_text(errors='replace')[-3000:]}" for p in (work / "log").glob("*.log"))
        raise RuntimeError(f"{exc}\n{logs}") from exc
    stack.database_url = env["QINGXIN_DATABASE_URL"]
    yield stack
    stack.stop()


@pytest.fixture(scope="session")
def live_rasa_url(live_stack) -> str:
    return live_stack.rasa_url


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Debian's chromium; `make test` installs it. A browser test that cannot run fails, never skips."""
    path = "/usr/bin/chromium"
    if not os.path.exists(path):
        pytest.fail("Debian's chromium is not installed at /usr/bin/chromium: run `make browser-deps`")
    return path


CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-quic"]


@pytest.fixture
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()
