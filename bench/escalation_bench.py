"""Escalation latency: from a risky message arriving at ``POST /api/chat`` to the ``opened`` case event
reaching a connected staff console websocket.

    .venv/bin/python bench/escalation_bench.py --out bench/results/escalation.json

Runs the real service as a subprocess (``python -m bot serve``) on a fresh SQLite file, with Rasa either
faked by a tiny in-bench HTTP server (default: answers at once with one text reply) or unreachable
(``--rasa unreachable``: connection refused, the router falls back to its own safety reply).
Two runs: N risky messages one after another, each from a distinct user; then the same number of risky
messages (distinct users) while 50 users chat concurrently (each concurrent user sends benign
messages between the risky ones). Target: p95 < 1 s.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp
from aiohttp import web

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "bench-admin-password"
RISKY = "I want to kill myself tonight (bench {token})"
BENIGN = ["I have an exam tomorrow and can't sleep", "how can I calm down?", "thanks", "我今天有点累"]
TOKEN = re.compile(r"bench (b\d+-\d+)")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def summary(latencies_s: list[float], expected: int) -> dict:
    ms = [x * 1000 for x in latencies_s]
    return {"cases": expected, "events_received": len(ms),
            "p50_ms": round(percentile(ms, 0.50), 2) if ms else None,
            "p95_ms": round(percentile(ms, 0.95), 2) if ms else None,
            "p99_ms": round(percentile(ms, 0.99), 2) if ms else None,
            "max_ms": round(max(ms), 2) if ms else None,
            "mean_ms": round(statistics.fmean(ms), 2) if ms else None}


async def fake_rasa(port: int, delay: float = 0.0) -> web.AppRunner:
    async def webhook(request: web.Request) -> web.Response:
        body = await request.json()
        if delay:
            await asyncio.sleep(delay)
        return web.json_response([{"recipient_id": body.get("sender"), "text": "I'm here with you."}])

    async def root(request: web.Request) -> web.Response:
        return web.Response(text="Hello from Rasa: 3.6.21")

    app = web.Application()
    app.router.add_post("/webhooks/rest/webhook", webhook)
    app.router.add_get("/", root)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    return runner


def start_service(port: int, rasa_port: int, work: Path, database_url: str) -> subprocess.Popen:
    env = {**os.environ, "QINGXIN_MODE": "demo", "QINGXIN_HOST": "127.0.0.1", "QINGXIN_PORT": str(port),
           "QINGXIN_DATA_DIR": str(work), "QINGXIN_DATABASE_URL": database_url or f"sqlite+aiosqlite:///{work / 'bench.db'}",
           "QINGXIN_RASA_URL": f"http://127.0.0.1:{rasa_port}", "QINGXIN_RASA_TIMEOUT": "5",
           "QINGXIN_ACTION_SERVER_URL": f"http://127.0.0.1:{free_port()}",
           "QINGXIN_SECRET_KEY": "bench-secret", "QINGXIN_INTERNAL_SECRET": "bench-internal",
           "QINGXIN_ADMIN_PASSWORD": PASSWORD}
    for key in ("QINGXIN_TELEGRAM_TOKEN", "QINGXIN_TELEGRAM_STAFF_CHAT_ID"):
        env.pop(key, None)
    log = open(work / "service.log", "wb")
    return subprocess.Popen([sys.executable, "-m", "bot", "serve"], cwd=ROOT, env=env, stdout=log,
                            stderr=subprocess.STDOUT)


async def wait_ready(http: aiohttp.ClientSession, url: str, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit("the service exited during start-up (see its log)")
        try:
            async with http.get(url + "/healthz") as response:
                if response.status == 200:
                    return
        except aiohttp.ClientError:
            pass
        await asyncio.sleep(0.2)
    raise SystemExit("the service did not start in 60 s")


class Console:
    """A logged-in staff websocket recording when each bench case's ``opened`` event arrives."""

    def __init__(self) -> None:
        self.sent: dict[str, float] = {}
        self.latency: dict[str, float] = {}
        self.waiters: dict[str, asyncio.Future] = {}

    async def run(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        async for frame in ws:
            if frame.type != aiohttp.WSMsgType.TEXT:
                continue
            now = time.perf_counter()
            data = json.loads(frame.data)
            if data.get("type") != "case" or data.get("event") != "opened":
                continue
            match = TOKEN.search(((data["case"].get("first_message") or {}).get("text")) or "")
            if match and match.group(1) in self.sent:
                token = match.group(1)
                self.latency[token] = now - self.sent[token]
                waiter = self.waiters.pop(token, None)
                if waiter and not waiter.done():
                    waiter.set_result(None)


async def send_risky(http, url: str, console: Console, token: str, chat_times: list[float]) -> None:
    waiter = asyncio.get_running_loop().create_future()
    console.waiters[token] = waiter
    console.sent[token] = start = time.perf_counter()
    async with http.post(url + "/api/chat", json={"user": f"user-{token}", "text": RISKY.format(token=token)}) as r:
        assert r.status == 200, await r.text()
        await r.read()
    chat_times.append(time.perf_counter() - start)
    try:
        await asyncio.wait_for(waiter, 10)
    except asyncio.TimeoutError:
        pass  # counted as missing (events_received < cases)


async def sequential(http, url: str, console: Console, n: int) -> tuple[list[float], list[float]]:
    chat_times: list[float] = []
    tokens = [f"b1-{i}" for i in range(n)]
    for token in tokens:
        await send_risky(http, url, console, token, chat_times)
    return [console.latency[t] for t in tokens if t in console.latency], chat_times


async def concurrent(http, url: str, console: Console, n: int, users: int, think: float,
                     prefix: str) -> tuple[list[float], list[float], int]:
    """``users`` chat at once; each sends two benign messages then a risky one (from a fresh user id, so
    every risky message opens a case), ``think`` seconds (±50 %) apart; 0 = as fast as answers come."""
    import random

    chat_times: list[float] = []
    benign_count = 0
    per_user = -(-n // users)
    rng = random.Random(5)

    async def pause() -> None:
        if think:
            await asyncio.sleep(think * rng.uniform(0.5, 1.5))

    async def chatter(u: int) -> None:
        nonlocal benign_count
        await asyncio.sleep(rng.uniform(0, think))  # don't start in lock-step
        for i in range(per_user):
            for text in BENIGN[(i % 2)::2]:
                async with http.post(url + "/api/chat", json={"user": f"chatter-{prefix}{u}", "text": text}) as r:
                    await r.read()
                benign_count += 1
                await pause()
            await send_risky(http, url, console, f"{prefix}-{u * per_user + i}", chat_times)
            await pause()

    await asyncio.gather(*(chatter(u) for u in range(users)))
    tokens = [f"{prefix}-{i}" for i in range(per_user * users)]
    return [console.latency[t] for t in tokens if t in console.latency], chat_times, benign_count


async def main(args: argparse.Namespace) -> dict:
    load_before = list(os.getloadavg())
    work = Path(tempfile.mkdtemp(prefix="qingxin-bench-"))
    port, rasa_port = free_port(), free_port()
    rasa_runner = await fake_rasa(rasa_port, args.rasa_delay) if args.rasa == "fake" else None
    proc = start_service(port, rasa_port, work, args.database_url)
    url = f"http://127.0.0.1:{port}"
    connector = aiohttp.TCPConnector(limit=200)
    try:
        async with aiohttp.ClientSession(connector=connector, cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
            await wait_ready(http, url, proc)
            async with http.post(url + "/staff/api/login", json={"username": "admin", "password": PASSWORD}) as r:
                assert r.status == 200, await r.text()
            ws = await http.ws_connect(url + "/staff/ws")
            console = Console()
            reader = asyncio.create_task(console.run(ws))
            # warm-up (first lexicon load, first connections): not measured
            await send_risky(http, url, console, "b0-0", [])
            seq, seq_chat = await sequential(http, url, console, args.cases)
            runs = {}
            for label, think, prefix in ((f"concurrent_{args.users}_users_think_{args.think:g}s", args.think, "b2"),
                                         (f"concurrent_{args.users}_users_no_think_time", 0.0, "b3")):
                started = time.perf_counter()
                lat, chat_times, benign = await concurrent(http, url, console, args.cases, args.users, think, prefix)
                runs[label] = (lat, chat_times, benign, time.perf_counter() - started, think)
            await ws.close()
            reader.cancel()
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        if rasa_runner is not None:
            await rasa_runner.cleanup()
    seq_summary = summary(seq, args.cases)
    expected = -(-args.cases // args.users) * args.users
    concurrent_results = {}
    for label, (lat, chat_times, benign, elapsed, think) in runs.items():
        concurrent_results[label] = {
            **summary(lat, expected), "concurrent_users": args.users, "think_time_s": think,
            "benign_messages_during_run": benign, "wall_seconds": round(elapsed, 2),
            "messages_per_second": round((benign + len(chat_times)) / elapsed, 1),
            "api_chat_p50_ms": round(percentile(chat_times, .5) * 1000, 2),
            "api_chat_p95_ms": round(percentile(chat_times, .95) * 1000, 2)}
    paced = concurrent_results[f"concurrent_{args.users}_users_think_{args.think:g}s"]
    return {
        "what": "time from POST /api/chat (risky message, distinct user) to the 'opened' case event on a "
                "connected staff websocket",
        "service": "subprocess: python -m bot serve (demo mode), one process, same machine as the clients",
        "store": "PostgreSQL (fresh database)" if args.database_url else "SQLite file in a temp dir",
        "rasa": (f"fake: in-bench aiohttp server answering the REST webhook with one text reply after "
                 f"{args.rasa_delay:g} s"
                 if args.rasa == "fake" else "unreachable: connection refused, router falls back to its safety reply"),
        "risk_engine": "escalation.risk.screen (real)",
        "sequential": {**seq_summary, "api_chat_p50_ms": round(percentile(seq_chat, .5) * 1000, 2),
                       "api_chat_p95_ms": round(percentile(seq_chat, .95) * 1000, 2)},
        **concurrent_results,
        "target_p95_ms": 1000,
        "meets_target": bool(seq_summary["p95_ms"] is not None and paced["p95_ms"] is not None
                             and seq_summary["p95_ms"] < 1000 and paced["p95_ms"] < 1000
                             and seq_summary["events_received"] == seq_summary["cases"]
                             and paced["events_received"] == paced["cases"]),
        "meets_target_note": "judged on the sequential run and the paced concurrent run; the no-think-time run "
                             "is a saturation test (closed loop, every user re-sends the moment it is answered)",
        "load_average_before_after": [load_before, list(os.getloadavg())],
        "machine": {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count()},
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "escalation.json")
    parser.add_argument("--cases", type=int, default=200)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--rasa", choices=("fake", "unreachable"), default="fake")
    parser.add_argument("--rasa-delay", type=float, default=0.0, help="seconds the fake Rasa takes to answer")
    parser.add_argument("--database-url", default="",
                        help="an EMPTY database for the service (default: a fresh SQLite file)")
    parser.add_argument("--think", type=float, default=2.0,
                        help="seconds between one concurrent user's messages in the paced run (±50%%)")
    arguments = parser.parse_args()
    result = asyncio.run(main(arguments))
    arguments.out.parent.mkdir(parents=True, exist_ok=True)
    arguments.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps(result, indent=2, ensure_ascii=False))
