"""Run the whole stack on this machine: Rasa server, action server and the qingxin service.

Used by ``make demo`` (``python -m bot.stack demo``), ``make model`` (``python -m bot.stack model``) and by
the integration tests (``Stack`` / ``train_model``). Standard library only, so it runs before anything
else is set up. Every process binds to 127.0.0.1.
"""
from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RASA_VENV = ROOT / ".venv-rasa"
RASA = RASA_VENV / "bin" / "rasa"
# everything that changes what Rasa learns: configuration, domain, training data, and the code of
# the custom components that run while it trains (FAQ selector, Traditional -> Simplified)
MODEL_INPUTS = ("config.yml", "domain.yml", "nlu_data", "faq_bank", "nlu_components", "escalation/risk/rasa_language.py")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def model_fingerprint() -> str:
    """A hash of everything that changes what Rasa learns (MODEL_INPUTS)."""
    digest = hashlib.sha256()
    for name in MODEL_INPUTS:
        path = ROOT / name
        files = (sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
                 if path.is_dir() else [path])
        for file in files:
            digest.update(str(file.relative_to(ROOT)).encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()[:12]


def model_path() -> Path:
    return ROOT / "models" / f"qingxin-{model_fingerprint()}.tar.gz"


def rasa_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.update({
        "PYTHONPATH": str(ROOT),
        "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
        "RASA_TELEMETRY_ENABLED": "false",
        "TF_CPP_MIN_LOG_LEVEL": "2",
        "PYTHONWARNINGS": "ignore",
        "RASA_CACHE_DIRECTORY": str(ROOT / ".rasa" / "cache"),
    })
    env.update(extra or {})
    return env


def train_model(force: bool = False, quiet: bool = False) -> Path:
    """Train the Rasa model unless one for the current inputs exists; returns its path.

    A file lock makes concurrent callers (two test runs, a test run and ``make demo``) train once.
    """
    import fcntl

    target = model_path()
    if target.exists() and not force:
        if not quiet:
            print(f"model up to date: {target.relative_to(ROOT)}")
        return target
    if not RASA.exists():
        raise SystemExit("The Rasa environment is missing: run `make setup` first.")
    (ROOT / "models").mkdir(exist_ok=True)
    with open(ROOT / "models" / ".train.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if target.exists() and not force:
            return target
        print(f"training the Rasa model ({target.name}); this takes a few minutes on 2 cores…", flush=True)
        started = time.monotonic()
        partial = target.name[:-len(".tar.gz")] + "-partial"
        subprocess.run([str(RASA), "train", "--data", "nlu_data", "--domain", "domain.yml", "--config", "config.yml",
                        "--out", "models", "--fixed-model-name", partial], cwd=ROOT, env=rasa_env(), check=True)
        (ROOT / "models" / f"{partial}.tar.gz").replace(target)
        # Keep the two newest models (a running stack may still use the previous one).
        models = sorted((ROOT / "models").glob("qingxin-*.tar.gz"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in models[2:]:
            old.unlink(missing_ok=True)
        print(f"trained in {time.monotonic() - started:.0f} s", flush=True)
    return target


def wait_http(url: str, timeout: float, proc: subprocess.Popen | None = None, name: str = "") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"{name or url} exited with code {proc.returncode} while starting")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status < 500:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{name or url} did not become ready within {timeout:.0f} s")


class Stack:
    """The three processes, on chosen (or free) loopback ports; a context manager that stops them."""

    def __init__(self, *, model: Path, env: dict[str, str] | None = None, service: bool = True,
                 rasa_port: int | None = None, action_port: int | None = None, service_port: int | None = None,
                 log_dir: Path | None = None) -> None:
        self.model = model
        self.rasa_port = rasa_port or free_port()
        self.action_port = action_port or free_port()
        self.service_port = service_port or free_port()
        self.log_dir = log_dir or ROOT / "var" / "log"
        self.env = dict(env or {})
        self.env.setdefault("QINGXIN_INTERNAL_SECRET", secrets.token_urlsafe(24))
        self.env.setdefault("QINGXIN_SECRET_KEY", secrets.token_urlsafe(24))
        self.with_service = service
        self.procs: dict[str, subprocess.Popen] = {}

    @property
    def rasa_url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

    @property
    def action_url(self) -> str:
        return f"http://127.0.0.1:{self.action_port}"

    @property
    def service_url(self) -> str:
        return f"http://127.0.0.1:{self.service_port}"

    def _spawn(self, name: str, argv: list[str], env: dict[str, str]) -> subprocess.Popen:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        log = open(self.log_dir / f"{name}.log", "ab")
        proc = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                                start_new_session=True)
        log.close()
        self.procs[name] = proc
        return proc

    def shared_env(self) -> dict[str, str]:
        return {**self.env,
                "QINGXIN_SERVICE_URL": self.service_url,
                "QINGXIN_RASA_URL": self.rasa_url,
                "QINGXIN_ACTION_SERVER_URL": self.action_url,
                "ACTION_SERVER_URL": self.action_url,
                "QINGXIN_HOST": "127.0.0.1",
                "QINGXIN_PORT": str(self.service_port)}

    def start_actions(self) -> None:
        proc = self._spawn("actions", [str(RASA), "run", "actions", "--actions", "actions", "--port",
                                       str(self.action_port)], rasa_env(self.shared_env()))
        wait_http(f"{self.action_url}/health", 120, proc, "action server")

    def start_rasa(self, timeout: float = 240) -> None:
        proc = self._spawn("rasa", [str(RASA), "run", "--enable-api", "-i", "127.0.0.1", "--port", str(self.rasa_port),
                                    "-m", str(self.model), "--endpoints", "endpoints.yml",
                                    "--credentials", "credentials.yml"], rasa_env(self.shared_env()))
        wait_http(f"{self.rasa_url}/", timeout, proc, "Rasa server")
        # The server answers / before the model is loaded: wait for the model, too.
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError, ValueError):
                with urllib.request.urlopen(f"{self.rasa_url}/status", timeout=2) as response:
                    if json.load(response).get("model_file"):
                        return
            if proc.poll() is not None:
                raise RuntimeError("Rasa server exited while loading the model")
            time.sleep(0.5)

    def start_service(self) -> None:
        env = {**os.environ, **self.shared_env()}
        proc = self._spawn("service", [sys.executable, "-m", "bot", "serve"], env)
        wait_http(f"{self.service_url}/healthz", 60, proc, "qingxin service")

    def stop_rasa(self) -> None:
        self._stop("rasa")

    def _stop(self, name: str) -> None:
        proc = self.procs.pop(name, None)
        if proc is None or proc.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=5)

    def start(self) -> "Stack":
        try:
            self.start_actions()
            self.start_rasa()
            if self.with_service:
                self.start_service()
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        for name in ("service", "rasa", "actions"):
            self._stop(name)

    def __enter__(self) -> "Stack":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def demo() -> None:
    """``make demo``: train if needed, start everything on the default ports, print what to open."""
    model = train_model()
    env = {"QINGXIN_MODE": os.environ.get("QINGXIN_MODE", "demo")}
    for key in ("QINGXIN_INTERNAL_SECRET", "QINGXIN_SECRET_KEY"):
        if key not in os.environ:
            env[key] = _demo_secret(key)
    shown = ROOT / "var" / ".admin-password-shown"
    first_password = None
    if not os.environ.get("QINGXIN_ADMIN_PASSWORD") and not shown.exists():
        first_password = env["QINGXIN_ADMIN_PASSWORD"] = secrets.token_urlsafe(12)
    port = int(os.environ.get("QINGXIN_PORT", "8080"))
    stack = Stack(model=model, env=env, rasa_port=int(os.environ.get("QINGXIN_RASA_PORT", "5005")),
                  action_port=int(os.environ.get("QINGXIN_ACTION_PORT", "5055")), service_port=port)
    for taken in (stack.rasa_port, stack.action_port, stack.service_port):
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", taken)) == 0:
                raise SystemExit(f"Port {taken} is already in use: stop what runs there (an earlier `make demo`?) "
                                 "or set QINGXIN_PORT / QINGXIN_RASA_PORT / QINGXIN_ACTION_PORT.")
    print("starting the action server, Rasa (loading the model takes ~20 s) and the qingxin service…", flush=True)
    started = time.monotonic()
    stop = False

    def _interrupt(*_):
        nonlocal stop
        stop = True

    signal.signal(signal.SIGTERM, _interrupt)
    try:
        stack.start()
        if first_password:
            shown.touch()
        base = stack.service_url
        print(f"\nQingxin is running (started in {time.monotonic() - started:.0f} s). Logs: var/log/\n"
              f"  web chat:       {base}/\n"
              f"  staff console:  {base}/staff/\n"
              f"  REST channel:   POST {base}/api/chat  {{\"user\": \"…\", \"text\": \"…\"}}\n"
              f"  terminal chat:  make chat\n"
              f"  staff login:    admin / {_admin_password_hint(first_password)}\n"
              f"Press Ctrl-C to stop.", flush=True)
        while not stop:
            for name, proc in list(stack.procs.items()):
                if proc.poll() is not None:
                    print(f"{name} stopped unexpectedly (code {proc.returncode}); see var/log/{name}.log", flush=True)
                    stop = True
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        print("\nstopping…", flush=True)
        stack.stop()
        print("stopped.")


def _demo_secret(name: str) -> str:
    """Throwaway demo secrets, kept under var/ so pseudonyms stay stable between demo runs."""
    path = ROOT / "var" / "demo-secrets.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    data = json.loads(path.read_text()) if path.exists() else {}
    if name not in data:
        data[name] = secrets.token_urlsafe(32)
        path.write_text(json.dumps(data))
        path.chmod(0o600)
    return data[name]


def _admin_password_hint(first_password: str | None) -> str:
    if first_password:
        return f"{first_password}   (generated now and shown only this once: note it down)"
    if os.environ.get("QINGXIN_ADMIN_PASSWORD"):
        return "(the password in QINGXIN_ADMIN_PASSWORD)"
    return ("(the one printed by your first `make demo`; to reset it, run "
            "QINGXIN_ADMIN_PASSWORD=... make demo)")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bot.stack")
    sub = parser.add_subparsers(dest="command", required=True)
    train = sub.add_parser("model", help="train the Rasa model if the inputs changed")
    train.add_argument("--force", action="store_true")
    sub.add_parser("model-path", help="print the path of the model for the current inputs")
    sub.add_parser("demo", help="start everything and print the URLs")
    args = parser.parse_args(argv)
    if args.command == "model":
        train_model(force=args.force)
    elif args.command == "model-path":
        print(model_path())
    else:
        demo()


if __name__ == "__main__":
    main()
