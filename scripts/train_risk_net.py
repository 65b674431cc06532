#!/usr/bin/env python3
"""Train or evaluate the risk screen's n-gram net (escalation/risk/ngram.py).

    .venv/bin/python scripts/train_risk_net.py train [--data tests/risk/risk_labelled.jsonl ...]
    .venv/bin/python scripts/train_risk_net.py eval FILE.jsonl

Training is deterministic (seeded) and takes ~10 s; it rewrites escalation/risk/data/ngram_model.json,
which is reviewed and committed like the lexicons.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from escalation.risk import ngram  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    t = sub.add_parser("train")
    t.add_argument("--data", nargs="+", default=[str(ROOT / "tests" / "risk" / "risk_labelled.jsonl")])
    t.add_argument("--max-false-alarm", type=float, default=0.01)
    e = sub.add_parser("eval")
    e.add_argument("file")
    args = ap.parse_args(argv)
    if args.cmd == "train":
        print(json.dumps(ngram.train(args.data, max_false_alarm=args.max_false_alarm), indent=2))
        return 0
    m = ngram.model()
    if m is None:
        print("no model: run `scripts/train_risk_net.py train` first", file=sys.stderr)
        return 1
    rows = ngram._load([args.file])
    for name, level in ngram.HEADS:
        hit = pos = fa = neg = 0
        for r in rows:
            fired = m.level(r["text"])[0] >= level
            if ngram._RANK[r["min"]] >= level:
                pos += 1
                hit += fired
            if ngram._RANK[r["max"]] < level:
                neg += 1
                fa += fired
        print(f"net alone, {name} (level {level}): recall {hit / max(1, pos):.3f} ({hit}/{pos}), "
              f"false alarm {fa / max(1, neg):.3f} ({fa}/{neg})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
