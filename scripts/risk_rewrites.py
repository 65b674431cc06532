"""How the risk screen holds up when the dev messages are typed another way.

Each dev message (tests/risk/risk_labelled.jsonl and risk_more.jsonl; never the held-out set) is rewritten (a laugh
after it, an emoji, sentence marks dropped...) and graded again by the same code. It counts:

  * crises lost: labelled high or above, graded high or above as written, below high rewritten;
  * look-alikes raised: labelled at most medium, graded within that as written, above it rewritten.

    .venv/bin/python scripts/risk_rewrites.py                  # every rewrite
    .venv/bin/python scripts/risk_rewrites.py trail_lang --show 20
    .venv/bin/python scripts/risk_rewrites.py --lexicon-only   # the n-gram net switched off

A rewrite is measured against the code it runs with; to compare two versions, run it in a checkout of each.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from escalation.risk import engine, level_rank, screen  # noqa: E402

DEV = [ROOT / "tests" / "risk" / "risk_labelled.jsonl", ROOT / "tests" / "risk" / "risk_more.jsonl"]

REWRITES = {
    "trail_lang": lambda t, lang: t + (" lol" if lang == "en" else " 哈哈"),
    "trail_lol": lambda t, lang: t + " lol",
    "skull_end": lambda t, lang: t + " 💀",
    "emoji_end": lambda t, lang: t + " 😭",
    "lead_lol": lambda t, lang: "lol " + t,
    "lead_haha": lambda t, lang: "哈哈 " + t,
    "nopunct": lambda t, lang: re.sub(r"[,.!?，。！？、;；:：]", " ", t),
    "spaces": lambda t, lang: re.sub(r"\s+", "  ", t),
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("rewrites", nargs="*", metavar="REWRITE", help="one or more of: " + ", ".join(REWRITES) + " (default: all)")
    ap.add_argument("--show", type=int, default=0, help="print this many lost and raised messages of each rewrite")
    ap.add_argument("--lexicon-only", action="store_true", help="switch the n-gram net off")
    args = ap.parse_args()
    unknown = [name for name in args.rewrites if name not in REWRITES]
    if unknown:
        ap.error(f"unknown rewrite {', '.join(unknown)}; choose from {', '.join(REWRITES)}")
    if args.lexicon_only:
        engine._net = lambda text, cur: (engine.NONE, text)
    rows = [json.loads(line) for path in DEV for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    graded = [level_rank(screen(r["text"], r.get("history", ())).level) for r in rows]
    for name in args.rewrites or list(REWRITES):
        rewrite = REWRITES[name]
        lost, raised = [], []
        for r, g0 in zip(rows, graded):
            lo, hi = level_rank(r["min"]), level_rank(r["max"])
            if not ((lo >= 3 and g0 >= 3) or (hi <= 2 and g0 <= hi)):
                continue
            text = rewrite(r["text"], r["lang"])
            g1 = level_rank(screen(text, r.get("history", ())).level)
            if lo >= 3 and g1 < 3:
                lost.append((r["id"], text, g1))
            elif hi <= 2 and g1 > hi:
                raised.append((r["id"], text, g1))
        print(f"{name}: crises lost {len(lost)}, look-alikes raised {len(raised)}", flush=True)
        for tag, items in (("lost", lost), ("raised", raised)):
            for rid, text, g in items[:args.show]:
                print(f"  {tag} {rid} -> {engine.LEVELS[g]}: {text}")


if __name__ == "__main__":
    main()
