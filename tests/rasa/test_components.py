"""Runs the unit tests of the project's Rasa NLU components (tests/components/run_component_tests.py)
with the Rasa venv's Python, which has Rasa but no pytest."""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_nlu_components():
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONWARNINGS="ignore", TF_CPP_MIN_LOG_LEVEL="2")
    result = subprocess.run([str(ROOT / ".venv-rasa" / "bin" / "python"), "tests/components/run_component_tests.py"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    print(result.stdout[-4000:])
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    assert " 0 failed" in result.stdout
