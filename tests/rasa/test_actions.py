"""Runs the action unit tests (tests/actions/run_action_tests.py) with the Rasa venv's Python,
which has rasa_sdk but no pytest."""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_actions():
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONWARNINGS="ignore")
    result = subprocess.run([str(ROOT / ".venv-rasa" / "bin" / "python"), "tests/actions/run_action_tests.py"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    print(result.stdout[-4000:])
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
