#!/usr/bin/env python3
"""Train or evaluate the risk screen's n-gram net (escalation/risk/ngram.py).

    .venv/bin/python scripts/train_risk_net.py train [--data FILE.jsonl ...]
    .venv/bin/python scripts/train_risk_net.py eval FILE.jsonl
    .venv/bin/python scripts/train_risk_net.py pack      # the weights packed for the net's C part (make setup)

Training is deterministic (seeded) and takes about five minutes on this machine; it rewrites
escalation/risk/data/ngram_model.json, which is reviewed and committed like the lexicons. `--heads NAME ...` trains
only those heads and keeps the others as they are in the committed model (the file's "kept" says on how many
messages they were trained). The committed model: the concern and crisis heads retrained in the tenth session on the
grown dev pool (`train --heads concern crisis --max-false-alarm 0.015`, which reproduces the committed file byte for
byte on the pool of that session), the imminent head from round 20 (retrained on the grown pool it lost one or two
imminent messages in two held-out groups, below their floors, while it gained 27 elsewhere), and beside it, since the
eleventh session, a second imminent head trained on the grown pool (`train --heads imminent2 --max-false-alarm 0.015` on
the pool up to b53a; trained again with b54a-b57a it found fewer held-out imminent messages): it raises a message to
imminent beside a crisis head (escalation/risk/README.md). Since the twelfth session a second crisis head beside the
first, `train --heads crisis2 --max-false-alarm 0.015` on the pool with b58a-b61a (44,090 dev rows; it reproduces the
committed file byte for byte on that pool): either crisis head raises a message to high. And a third imminent head,
`train --heads imminent3 --max-false-alarm 0.015` on the pool with b62a-b65a (44,634 dev rows), gated as imminent2 is.
And since the fourteenth session a fourth, `train --heads imminent4 --max-false-alarm 0.015` on the pool with b66a-b86a
(47,703 dev rows), gated the same way, its cut set by the hard negatives alone (a gated head has no floor of 0.5 and no
budget for ordinary chat: it raises only messages a crisis head reads as high already); then a third crisis head,
`train --heads crisis3 --max-false-alarm 0.015` on the same pool, which opens the imminent heads' gates as the other two do.
Since the fifteenth session a fourth crisis head, `train --heads crisis4 --max-false-alarm 0.015` on the pool with b87a-b98a
(49,419 dev rows), which opens every gate, then a fifth imminent head, `train --heads imminent5 --max-false-alarm 0.015` on
the same pool, gated as the others. Since the sixteenth session a fifth crisis head and a sixth imminent head the same way,
`train --heads crisis5 --max-false-alarm 0.015` then `--heads imminent6` on the pool with w01a-w04a, x01a-x04a and y01a-y04a
(51,110 dev rows; the C table holds twelve heads, ABI 4).
A full retrain (no `--heads`) trains concern, crisis and imminent, and drops crisis2-5 and imminent2-6. With RISK_NET_OOF=PREFIX set, each head's out-of-fold scores
are also written to PREFIX.<head> (JSON rows: index, label, score, ordinary?, hard negative?) for studying
the threshold rule.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from escalation.risk import level_rank, ngram  # noqa: E402
from nlu_components.examples import nlu_examples  # noqa: E402

# Ordinary messages the net must learn are not crises: the Rasa NLU examples of the non-risk
# intents, and the FAQ questions of the topics in which nobody is in danger (the FAQ about finding
# self-harm marks, talking about suicide, a friend at risk, warning signs and bullying are left out:
# their questions are medium or third-party reports).
EVERYDAY_INTENTS_EXCLUDED = {"risk_medium", "risk_high", "risk_imminent"}
FAQ_TOPICS_EXCLUDED = {"faq/found_self_harm_marks", "faq/talk_about_suicide_safely", "faq/worry_about_friend",
                       "faq/warning_signs", "faq/bullying"}


def everyday_rows() -> list:
    files = sorted((ROOT / "nlu_data" / "nlu").rglob("*.yml")) + sorted((ROOT / "faq_bank").glob("*.yml"))
    rows = []
    for text, intent in nlu_examples(files):
        if intent in EVERYDAY_INTENTS_EXCLUDED or intent in FAQ_TOPICS_EXCLUDED:
            continue
        # chat, commands and mood answers are no concern at all (max low); distress and FAQ
        # questions may be (max medium), so they only teach the high and imminent heads
        low = not intent.startswith("faq/") and intent not in ("express_distress", "inform_mood")
        rows.append({"id": f"everyday:{intent}", "text": text, "min": "none", "max": "low" if low else "medium",
                     "kind": "everyday"})
    return rows


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    t = sub.add_parser("train")
    # the committed model is trained on exactly these (never on risk_heldout.jsonl)
    t.add_argument("--data", nargs="+", default=[str(ROOT / "tests" / "risk" / name)
                                                  for name in ("risk_labelled.jsonl", "risk_more.jsonl")])
    t.add_argument("--max-false-alarm", type=float, default=0.01)
    t.add_argument("--heads", nargs="+", choices=[name for name, _ in ngram.HEADS],
                   help="train only these heads; the others are kept from the committed model")
    e = sub.add_parser("eval")
    e.add_argument("file")
    sub.add_parser("pack", help="write the model in the form the net's C part reads (make setup does it)")
    args = ap.parse_args(argv)
    if args.cmd == "train":
        print(json.dumps(ngram.train(args.data, max_false_alarm=args.max_false_alarm, everyday=everyday_rows(),
                                     heads_to_train=tuple(args.heads) if args.heads else None), indent=2))
        print(f"packed: {ngram.pack()}")
        return 0
    if args.cmd == "pack":
        print(f"packed: {ngram.pack()}")
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
            if level_rank(r["min"]) >= level:
                pos += 1
                hit += fired
            if level_rank(r["max"]) < level:
                neg += 1
                fa += fired
        print(f"net alone, {name} (level {level}): recall {hit / max(1, pos):.3f} ({hit}/{pos}), "
              f"false alarm {fa / max(1, neg):.3f} ({fa}/{neg})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
