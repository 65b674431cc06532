#!/usr/bin/env python3
"""List the lexicon's patterns whose regex can match a string that holds none of the pattern's anchors.

    .venv/bin/python scripts/anchor_gaps.py [--all] [--seed N] [--samples N]

A pattern runs only where one of its anchors occurs (escalation/risk/engine.py), so such a match is a phrasing the
lexicon describes and never sees. Strings are sampled from each regex (escalation/risk/regex_samples.py); the output is
one line per pattern with one anchor-less match, for a reviewer to add an anchor that covers it. Risk patterns only,
unless --all (context and exclusion patterns too). tests/risk/test_risk_engine.py holds the risk patterns' list to zero
new entries.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from escalation.risk.lexicon import compiled  # noqa: E402
from escalation.risk.regex_samples import sampled_gaps  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--all", action="store_true", help="context and exclusion patterns too")
    ap.add_argument("--seed", type=int, default=20261130)
    ap.add_argument("--samples", type=int, default=30, help="strings sampled per pattern")
    args = ap.parse_args(argv)
    gaps = sampled_gaps(compiled(), n=args.samples, seed=args.seed, risk_only=not args.all)
    for rule_id, match in sorted(gaps.items()):
        print(f"{rule_id}\t{match}")
    print(f"{len(gaps)} patterns with a match that holds none of their anchors", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
