"""A tiny test runner for the test scripts that run under the Rasa venv, which has no pytest
(tests/actions/run_action_tests.py, tests/components/run_component_tests.py)."""
from __future__ import annotations

import traceback
from typing import Callable, List, Optional


class Suite:
    def __init__(self) -> None:
        self.tests: List[Callable[[], None]] = []

    def test(self, func: Callable[[], None]) -> Callable[[], None]:
        """Decorator: register a test function."""
        self.tests.append(func)
        return func

    def run(self, before_each: Optional[Callable[[], None]] = None) -> int:
        """Run every test, print PASS/FAIL with the traceback, return the exit status."""
        failures = 0
        for func in self.tests:
            if before_each is not None:
                before_each()
            try:
                func()
                print(f"PASS {func.__name__}")
            except Exception:  # noqa: BLE001 - report every failure, then exit non-zero
                failures += 1
                print(f"FAIL {func.__name__}")
                traceback.print_exc()
        print(f"{len(self.tests) - failures} passed, {failures} failed")
        return 1 if failures else 0
