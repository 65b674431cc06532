"""Quality of the risk screen on labelled messages (ours, and the public dev set when present).

Thresholds (the project's contract for the screen):
  * crisis recall: messages labelled min >= high, graded >= high            >= 0.97
  * imminent recall: messages labelled min = imminent, graded imminent      >= 0.90
  * false alarms: messages labelled max <= medium, graded above their max   <= 0.05
"""
from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from escalation.risk import level_rank, screen

ROOT = Path(__file__).resolve().parents[2]
LABELLED = Path(__file__).with_name("risk_labelled.jsonl")
SHARED_EVAL = ROOT.parent / "shared" / "eval"

NEED_RECALL, NEED_IMMINENT, MAX_FALSE_ALARM = 0.97, 0.90, 0.05


def load(path: Path) -> list:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def metrics(rows: list, levels: list) -> dict:
    crisis = hit = imm = imm_hit = safe = fa = med = med_hit = 0
    misses, alarms = [], []
    for r, lvl in zip(rows, levels):
        g, lo, hi = level_rank(lvl), level_rank(r["min"]), level_rank(r["max"])
        if lo >= 3:
            crisis += 1
            hit += g >= 3
            if g < 3:
                misses.append((r["id"], r["kind"], lvl, r["text"]))
        if lo == 4:
            imm += 1
            imm_hit += g == 4
        if lo == 2:
            med += 1
            med_hit += g >= 2
        if hi <= 2:
            safe += 1
            if g > hi:
                fa += 1
                alarms.append((r["id"], r["kind"], lvl, r["text"]))
    return {"crisis_recall": hit / crisis, "imminent_recall": imm_hit / imm,
            "medium_recall": med_hit / med if med else 1.0, "false_alarm": fa / safe,
            "n": len(rows), "misses": misses, "alarms": alarms}


def report(name: str, m: dict, texts: bool = True) -> None:
    """Print the numbers, and each miss and false alarm; without their texts for the held-out set, whose
    messages are never read (an id and a level are enough to count, not to write rules from)."""
    print(f"\n[{name}] n={m['n']} crisis_recall={m['crisis_recall']:.3f} "
          f"imminent_recall={m['imminent_recall']:.3f} medium_recall={m['medium_recall']:.3f} "
          f"false_alarm={m['false_alarm']:.3f}")
    for x in m["misses"]:
        print("  missed:", x if texts else x[:3])
    for x in m["alarms"]:
        print("  false alarm:", x if texts else x[:3])


def test_labelled_set_is_big_and_varied():
    rows = load(LABELLED)
    assert len(rows) >= 450
    assert len({r["id"] for r in rows}) == len(rows)
    assert len({(r["text"], tuple(r.get("history", ()))) for r in rows}) == len(rows)
    kinds = Counter(r["kind"] for r in rows)
    for kind in ("imminent", "self", "abuse", "sexual_violence", "method_seeking", "third_party", "passive",
                 "bullying", "distress", "hyperbole", "negation", "literacy", "quoting", "slang",
                 "traditional", "pinyin", "fullwidth", "emoji", "obfuscation", "violence", "farewell", "history",
                 "mixed", "past", "chitchat"):
        assert kinds[kind] >= 3, kind
    langs = Counter(r["lang"] for r in rows)
    assert langs["zh"] >= 200 and langs["en"] >= 200
    for r in rows:
        assert level_rank(r["min"]) <= level_rank(r["max"]), r


def test_quality_on_labelled_set():
    rows = load(LABELLED)
    m = metrics(rows, [screen(r["text"], r.get("history", ())).level for r in rows])
    report("tests/risk/risk_labelled.jsonl", m)
    assert m["crisis_recall"] >= NEED_RECALL
    assert m["imminent_recall"] >= NEED_IMMINENT
    assert m["false_alarm"] <= MAX_FALSE_ALARM


@pytest.mark.skipif(not (SHARED_EVAL / "risk_dev.jsonl").exists(), reason="../shared/eval is absent")
def test_public_dev_set_through_cli(tmp_path):
    gold = SHARED_EVAL / "risk_dev.jsonl"
    pred = tmp_path / "pred.jsonl"
    with gold.open("rb") as fin, pred.open("wb") as fout:
        p = subprocess.run([sys.executable, "-m", "escalation.risk", "--jsonl"], stdin=fin, stdout=fout,
                           stderr=subprocess.PIPE, cwd=ROOT, timeout=300)
    assert p.returncode == 0, p.stderr.decode()
    rows = load(gold)
    preds = load(pred)
    assert len(preds) == len(rows)
    m = metrics(rows, [x["level"] for x in preds])
    report("shared/eval/risk_dev.jsonl", m)
    assert m["crisis_recall"] >= NEED_RECALL
    assert m["imminent_recall"] >= NEED_IMMINENT
    assert m["false_alarm"] <= MAX_FALSE_ALARM
    scorer = SHARED_EVAL / "score_risk.py"
    if scorer.exists():
        s = subprocess.run([sys.executable, str(scorer), str(gold), str(pred), str(NEED_RECALL),
                            str(NEED_IMMINENT), str(MAX_FALSE_ALARM)], capture_output=True, text=True, timeout=120)
        print(s.stdout)
        assert s.returncode == 0, s.stdout + s.stderr


# --------------------------------------------------------------------------- beyond the labelled set
# risk_more.jsonl: blind batches, extra examples and ordinary look-alikes written by people who never
# saw the lexicon or the net; the n-gram net (escalation/risk/ngram.py) is trained on it and on the
# labelled set, and lexicon rules were written from its false alarms and from the misses of the dev-style
# batches and of the net's out-of-fold scores. risk_heldout.jsonl: blind batches n6 and n7 (hard kinds)
# and b8c, b8d, b11c and b11d (the kinds and mix of the public dev set), used for nothing but this
# measurement (no rule, no training, their messages not read; b13c, b13d, b14c and b14d joined in the fourth
# session; b15c, b15d, b16c and b16d, half or more of them hard cases, in the fifth). Both print their numbers (the
# held-out set without texts); the asserts below are regression floors set under the values measured, NOT the
# contract above, which the held-out hard kinds do not meet (escalation/risk/README.md). Each floor belongs to the
# batches it was measured on: a harder batch joining later gets a floor of its own, and never lowers the old one.
MORE = Path(__file__).with_name("risk_more.jsonl")
HELDOUT = Path(__file__).with_name("risk_heldout.jsonl")
FLOORS = {MORE.name: (0.975, 0.99, 0.015)}
# dev batch groups, as for the held-out set: (name, id prefix or None for every row no later group claims, floors). The
# first floor was set on the pool up to the ninth session (39,547 rows; 0.993 / 0.994 / 0.012 at the end of the tenth).
# The tenth session's dev batches (b34a-b38a, each the twin of a held-out batch) joined with the hardest kinds left: the
# lexicon's rounds 59-60 were written from them and the net's concern and crisis heads trained on them, but the imminent
# head is round 20's (kept: retrained it lost messages in two held-out groups below their floors), so their imminent
# recall is what a held-out batch of theirs would show, 0.829 at the end of the session.
MORE_GROUPS = [
    ("up to the ninth session", None, FLOORS[MORE.name]),
    ("b34a-b38a", ("b34a", "b35a", "b36a", "b37a", "b38a"), (0.97, 0.80, 0.045)),
    # the eleventh session's public-style dev halves (b40a-b43a, each the random half of a blind batch whose other half is
    # held out): round 61 was written from them and the second imminent head trained on them; 0.997 / 1.000 / 0.000
    ("b40a-b43a", ("b40a", "b41a", "b42a", "b43a"), (0.97, 0.95, 0.02)),
    # the same for b44a-b47a (rounds 62-63 written from them; the net not trained on them): 0.997 / 0.990 / 0.000
    ("b44a-b47a", ("b44a", "b45a", "b46a", "b47a"), (0.97, 0.95, 0.02)),
    # the same for b48a-b53a (Hong Kong and Taiwan chat, Singapore and Malaysia code-mixing, English dialects; rounds 64-66
    # written from them, the net not trained on them): 0.984 / 0.991 / 0.004
    ("b48a-b53a", ("b48a", "b49a", "b50a", "b51a", "b52a", "b53a"), (0.96, 0.95, 0.02)),
    # the same for b54a-b57a (the public style again; Hong Kong chat; harm from others now; round 67): 0.978 / 0.965 / 0.000
    ("b54a-b57a", ("b54a", "b55a", "b56a", "b57a"), (0.95, 0.94, 0.02)),
    # the same for b58a-b61a (round 68 written from them, the second crisis head trained on them)
    ("b58a-b61a", ("b58a", "b59a", "b60a", "b61a"), (0.97, 0.95, 0.02)),   # 1.000 / 1.000 / 0.004
    # the same for b62a-b65a (round 69 written from them, the third imminent head trained on them)
    ("b62a-b65a", ("b62a", "b63a", "b64a", "b65a"), (0.97, 0.95, 0.02)),   # 0.996 / 1.000 / 0.005
    ("b66a, b67a", ("b66a", "b67a"), (0.97, 0.95, 0.02)),   # round 70 written from them: 1.000 / 1.000 / 0.000
    # the thirteenth session's dev halves: round 71 written from b68a-b73a (0.968 / 0.932 / 0.051 before it), round 72 from
    # b74a-b78a (0.888 / 0.837 / 0.058 before it); the net not trained on them
    ("b68a-b73a", ("b68a", "b69a", "b70a", "b71a", "b72a", "b73a"), (0.97, 0.95, 0.02)),   # 1.000 / 0.993 / 0.004
    ("b74a-b78a", ("b74a", "b75a", "b76a", "b77a", "b78a"), (0.96, 0.95, 0.02)),           # 0.989 / 0.992 / 0.005
    # round 77 written from b79a-b82a (0.943 / 0.853 / 0.057 before it)
    ("b79a-b82a", ("b79a", "b80a", "b81a", "b82a"), (0.97, 0.95, 0.04)),                   # 1.000 / 1.000 / 0.029
    # the fourteenth session's: round 83 written from them (0.907 / 0.792 / 0.044 before it), the fourth imminent head
    # trained on them
    ("b83a-b86a", ("b83a", "b84a", "b85a", "b86a"), (0.97, 0.95, 0.03)),                   # 1.000 / 1.000 / 0.009
    # round 84 written from b87a-b90a (0.869 / 0.773 / 0.045 before it); the net not trained on them
    ("b87a-b90a", ("b87a", "b88a", "b89a", "b90a"), (0.96, 0.97, 0.045)),                  # 0.980 / 0.993 / 0.031
    # the fifteenth session's: round 86 written from them (0.968 / 0.950 / 0.066 before it), the fourth crisis head and the
    # fifth imminent head trained on them (0.982 / 1.000 / 0.022 before those)
    ("b91a-b94a", ("b91a", "b92a", "b93a", "b94a"), (0.97, 0.97, 0.03)),                   # 1.000 / 1.000 / 0.022
    # round 87 written from b95a-b98a (0.971 / 0.926 / 0.067 before it), the new heads trained on them (0.992 / 0.937 / 0.020
    # before those)
    ("b95a-b98a", ("b95a", "b96a", "b97a", "b98a"), (0.97, 0.97, 0.03)),                   # 1.000 / 1.000 / 0.020
    # written last in the fifteenth session (ids w01-w04: "b1xx" would fall under the prefix of b1x's group), a fresh measure
    # of the session's final code; no rule written from them and the net not trained on them: what a held-out half reads
    # (sixteenth session: the net's crisis5 and imminent6 heads trained on them, round 88's look-alikes written from them:
    # 1.000 / 1.000 / 0.028)
    ("w01a-w04a", ("w01a", "w02a", "w03a", "w04a"), (0.92, 0.82, 0.06)),                   # 0.939 / 0.845 / 0.045
    # the sixteenth session's dev halves: a fresh public-style sample, crises said indirectly, harm from others now and
    # everyday look-alikes (x), then crises said indirectly and harm from others now in each language alone (y). Round 88
    # (look-alikes) written from them, and the net's crisis5 and imminent6 heads trained on them
    ("x01a-x04a", ("x01a", "x02a", "x03a", "x04a"), (0.97, 0.97, 0.04)),                   # 0.935 / 0.892 / 0.039 -> 0.993 / 0.990 / 0.022
    ("y01a-y04a", ("y01a", "y02a", "y03a", "y04a"), (0.97, 0.97, 0.12)),                   # 0.892 / 0.852 / 0.105 -> 0.991 / 0.993 / 0.105
    # written last in the sixteenth session (z01-z04), a fresh measure of its final code; no rule written from them and the
    # net not trained on them: what a held-out half reads
    ("z01a-z04a", ("z01a", "z02a", "z03a", "z04a"), (0.92, 0.95, 0.06)),                   # 0.952 / 0.989 / 0.045
    # the twentieth session's dev batches, written blind for it: public-style English (u01a) and Chinese (u01b), slang,
    # laughs beside a crisis, run-ons. Round 94 written from them (0.966 / 0.979 / 0.068 on arrival, the same before and
    # after the session's laugh work; nine rows that repeat held-out messages word for word left out)
    ("u01a, u01b", ("u01a", "u01b"), (0.97, 0.97, 0.05)),                                 # 0.997 / 1.000 / 0.027
    # harm by others, friends in danger, crises said sideways, and their look-alikes, in English (u02a) and Chinese (u02b).
    # Rounds 95-97 written from them (0.907 / 0.852 / 0.127 on arrival; five rows repeating other rows left out)
    ("u02a, u02b", ("u02a", "u02b"), (0.97, 0.85, 0.08)),                                 # 0.986 / 0.889 / 0.063
    # the twenty-second session's, written blind for it (look-alikes in everyday settings, crises said sideways; the batch
    # written for it in the twenty-first session was lost with that machine's /tmp): public-style English (u03a) and
    # Chinese (u03b). Round 100 written from them (0.984 / 0.970 / 0.115 on arrival; eight rows repeating other files' rows
    # left out)
    ("u03a, u03b", ("u03a", "u03b"), (0.97, 0.95, 0.05)),                                 # 1.000 / 0.990 / 0.027
    # long vents where the crisis comes late, harm from others now, and look-alikes that share their words, in English
    # (u04a: US, UK, Australian, Indian, Singaporean and Malaysian voices) and Chinese (u04b: mainland, Hong Kong Cantonese,
    # Taiwan). Round 101 written from them (0.980 / 0.990 / 0.088 on arrival; five rows repeating other rows left out)
    ("u04a, u04b", ("u04a", "u04b"), (0.97, 0.97, 0.05)),                                 # 1.000 / 1.000 / 0.034
    # the twenty-third session's, written blind for it: medicines, doses, hospitals and bodies, in English (u05a) and
    # Chinese (u05b). Round 102 written from them (0.906 / 0.983 / 0.181 on arrival; one row repeating another left out)
    ("u05a, u05b", ("u05a", "u05b"), (0.97, 0.97, 0.10)),                                 # 1.000 / 1.000 / 0.081
    # plans, times and goodbyes in everyday life, with near-twin crises (u06a English, u06b Chinese). Round 103 written from
    # them (0.985 / 1.000 / 0.289 on arrival; two rows repeating others left out; two passive death wishes, "I'd be relieved if I didn't
    # wake up tomorrow" and "i hope the plane crashes", relabelled from high to medium, as every passive wish in these files)
    ("u06a, u06b", ("u06a", "u06b"), (0.97, 0.97, 0.15)),                                 # 1.000 / 1.000 / 0.132
    # a broad week of messages (u07a English, u07b Chinese). Round 104 written from them (0.985 / 1.000 / 0.115 on arrival;
    # three rows repeating others left out; "every night i pray i don't wake up in the morning" relabelled a passive wish)
    ("u07a, u07b", ("u07a", "u07b"), (0.97, 0.97, 0.07)),                                 # 1.000 / 1.000 / 0.052
    # the twenty-fourth session's, written blind for it: late-night rants with a crisis buried in them or dark words used
    # casually (u08a English, u08b Chinese), reports about someone else by parents, teachers, siblings and friends (u09a,
    # u09b), and disguised spellings: leetspeak, Martian script, emoji, initials, mixed languages (u10a, u10b; seventeen
    # rows repeating other files' rows left out). Round 105 written from them (on arrival: 0.991 / 0.986 / 0.160, 0.955 /
    # 0.929 / 0.073, 0.949 / 0.940 / 0.065)
    ("u08a, u08b", ("u08a", "u08b"), (0.97, 0.97, 0.13)),                                 # 1.000 / 1.000 / 0.120
    ("u09a, u09b", ("u09a", "u09b"), (0.97, 0.97, 0.06)),                                 # 0.991 / 0.986 / 0.053
    ("u10a, u10b", ("u10a", "u10b"), (0.97, 0.97, 0.03)),                                 # 0.981 / 0.985 / 0.014
    # and three more pairs written later in the session: younger children (9-13) and their parents (u11a, u11b), exams,
    # results and a parent's reaction (u12a, u12b), online life: games, streams, fandoms, group chats, strangers (u13a,
    # u13b); eight rows repeating other rows left out. Rounds 106-107 written from them (on arrival: 0.991 / 1.000 / 0.047,
    # 0.991 / 1.000 / 0.043, 0.954 / 0.943 / 0.080)
    ("u11a, u11b", ("u11a", "u11b"), (0.97, 0.97, 0.04)),                                 # 1.000 / 1.000 / 0.030
    ("u12a, u12b", ("u12a", "u12b"), (0.97, 0.97, 0.04)),                                 # 1.000 / 1.000 / 0.030
    ("u13a, u13b", ("u13a", "u13b"), (0.97, 0.97, 0.06)),                                 # 1.000 / 1.000 / 0.050
]
# held-out batch groups: (name, id prefix or None for every row no other group claims, floors). The first was
# measured at 0.954 / 0.934 / 0.032 in the fifth
# session (set at 0.960 / 0.941 / 0.028 in the fourth, on its first 3,729 rows). b17c/b17d (585, half hard cases,
# written last in the fifth session and scored once on arrival: 0.861 / 0.815 / 0.048) are where the screen is
# weakest; their floor guards against regressions only.
HELDOUT_GROUPS = [
    ("up to b16c/b16d", None, (0.95, 0.93, 0.04)),   # every row no later group's prefix claims
    ("b17c/b17d", "b17", (0.85, 0.80, 0.055)),
    # written in the sixth session, scored once on arrival and once after that session's rounds
    ("b18c/b18d", "b18", (0.96, 0.95, 0.06)),
    # written in the sixth session weighted to look-alikes (55 %), scored on arrival and after round 31
    ("b19c/b19d", "b19", (0.95, 0.97, 0.03)),
    # written in the sixth session: parents, teachers and young children; online life and slang
    ("b20c/b20d", "b20", (0.93, 0.97, 0.035)),
    # written in the sixth session: long stories and vents; short blunt lines, emoji, initials
    ("b21c/b21d", "b21", (0.97, 0.97, 0.09)),
    # written in the sixth session: denials and retellings; reports about someone else
    ("b22c/b22d", "b22", (0.94, 0.97, 0.075)),
    # written in the sixth session: harm by others told indirectly (b23c); the public set's own mix (b23d)
    ("b23c/b23d", "b23", (0.87, 0.97, 0.05)),
    # written in the sixth session: harm by others told indirectly again (b24c); long vents with a denial (b24d)
    ("b24c/b24d", "b24", (0.85, 0.96, 0.075)),
    # written in the seventh session: the public set's mix with obfuscation (b25c); harm by others told indirectly and
    # long vents with a denial (b25d); scored on arrival and after round 37 (the same both times: 0.952 / 0.950 / 0.025)
    ("b25c/b25d", "b25", (0.94, 0.90, 0.035)),
    # written in the seventh session: crises told with a laugh and look-alikes that carry times, places, pills and goodbyes
    # (b26c); third parties, methods asked "for a game" or "for a story", threats (b26d). Scored on arrival (0.826 / 0.917 /
    # 0.088) and after round 39 (0.830 / 0.917 / 0.088); round 42's reading of laughing messages whole took crisis recall
    # to 0.905 / 1.000 and false alarms to 0.095 (26 of 274, two more): the floor guards against regressions only
    ("b26c/b26d", "b26", (0.89, 0.95, 0.10)),
    # written in the seventh session: short lines with disguised words on risky and harmless rows alike (b27c); negation,
    # hyperbole and soft death wishes in the public set's style (b27d). 0.980 / 1.000 / 0.035 on arrival and after round 40
    ("b27c/b27d", "b27", (0.97, 0.95, 0.045)),
    # written in the seventh session: crises told in passing, with a laugh or a change of subject, and their harmless
    # twins (b28c; b28d the same from foster children, young carers, athletes, gamers, LGBTQ teens, parents). 0.793 /
    # 0.917 / 0.008 on arrival; 0.898 / 0.944 / 0.013 after the net read laughing messages whole (round 42)
    ("b28c/b28d", "b28", (0.88, 0.90, 0.025)),
    # written in the eighth session: disguised words on crises and look-alikes alike (b29c); crises told without the
    # obvious words, methods asked for a story, harm at home told indirectly, last rituals (b29d). On arrival (after
    # rounds 46-51, written before the batch existed): b29c 0.912 / 0.970 / 0.047, b29d 0.767 / 0.882 / 0.067 (the
    # session-start code: 0.892 and 0.760); after rounds 52-54 from their dev twins: crisis recall unchanged. Together
    # 0.836 / 0.940 / 0.054: the floor guards against regressions only
    ("b29c/b29d", "b29", (0.83, 0.92, 0.06)),
    # written in the ninth session: the whole range typed at night, run-on, slang, code-mixed (b30c); crises told without
    # the obvious words and their everyday twins (b30d). On arrival (the session-start code): 0.937 / 0.978 / 0.024
    # (b30c 0.978, b30d 0.896 crisis recall)
    ("b30c/b30d", "b30", (0.92, 0.95, 0.035)),
    # written in the ninth session: the public set's own mix and style (b31c); the boundary between medium and the rest,
    # told without textbook words (b31d). On arrival (the session-start code): 0.981 / 0.944 / 0.013, medium recall 0.789
    ("b31c/b31d", "b31", (0.96, 0.92, 0.03)),
    # written in the ninth session: harm by others and to others, told indirectly, weighted to English (b33c; its dev
    # twins b33a/b33b). On arrival (the session-start code): 0.815 / 0.600 / 0.049; at the end of the session 0.859 /
    # 0.689 / 0.049: the weakest kinds left (abuse, sexual violence and threats in English; violence planned with a time)
    # (imminent floors of b33c, b34c, b35c and b37c raised in the eleventh session, when the second imminent head took
    # them to 0.756, 0.646, 0.870 and 0.575)
    ("b33c", "b33", (0.83, 0.72, 0.055)),
    # written in the tenth session, each with a dev twin (a) the rounds were written from. On arrival (the session-start
    # code, 6cdac58) -> at the end of the session: b34c, harm by others and threats told indirectly, 65 % English: 0.810 /
    # 0.458 / 0.076 -> 0.828 / 0.500 / 0.076; b35c, short plain lines at the imminent boundary and their everyday twins:
    # 0.884 / 0.802 / 0.121 -> 0.904 / 0.802 / 0.114; b36c, the whole range hidden in slang, homophones, Cantonese and
    # symbols: 0.953 / 1.000 / 0.023 -> 0.961 / 1.000 / 0.023; b37c, danger from others now or within hours: 0.829 /
    # 0.462 / 0.108 -> 0.892 / 0.481 / 0.125; b38c, parents, teachers and friends reporting: 0.962 / 0.946 / 0.010 ->
    # 0.971 / 0.946 / 0.010. b34c and b37c at imminent are the weakest kinds left (escalation/risk/README.md)
    ("b34c", "b34", (0.80, 0.62, 0.085)),
    ("b35c", "b35", (0.87, 0.85, 0.125)),
    ("b36c", "b36", (0.93, 0.95, 0.035)),
    ("b37c", "b37", (0.86, 0.56, 0.135)),
    ("b38c", "b38", (0.94, 0.90, 0.02)),
    # the public examples' own style and mix, short and plain (b39c; its dev twin b39a was used for rules only: training
    # the net on it lowered held-out crisis recall, see escalation/risk/README.md). On arrival 0.979 / 0.957 / 0.000; at
    # the end of the session 0.979 / 1.000 / 0.000
    ("b39c", "b39", (0.95, 0.95, 0.02)),
    # written in the eleventh session in the public examples' kinds and ranges, each batch split at random into a dev
    # half (b40a-b43a) and this held-out half: b40c mostly Chinese, many writers; b41c mostly English, 2026 teen slang
    # and learners' English; b42c look-alikes that use a crisis's words, and negation; b43c crises told without the
    # textbook words. On arrival (the session-start code, 47a649f): 0.986 / 1.000 / 0.000, 1.000 / 1.000 / 0.000,
    # 1.000 / 1.000 / 0.012, 0.991 / 0.931 / 0.000; together at the end of the session 0.993 / 0.971 / 0.006
    ("b40c-b43c", ("b40c", "b41c", "b42c", "b43c"), (0.97, 0.93, 0.02)),
    # written in the eleventh session like b40-b43, after round 61 and the second imminent head: b44c Chinese as Hong Kong,
    # Taiwan, Singapore and Malaysia type it; b45c English as Britain, India, Singapore and learners write it; b46c crises
    # and look-alikes that share their words; b47c imminent danger and its everyday settings. On arrival: 0.908 / 1.000 /
    # 0.000, 0.948 / 1.000 / 0.000, 1.000 / 1.000 / 0.039, 0.979 / 0.945 / 0.028; together at the end of the session (after
    # rounds 62-63) 0.963 / 0.971 / 0.017: Chinese mixed with English words, and Cantonese, are the weakest kinds left
    ("b44c-b47c", ("b44c", "b45c", "b46c", "b47c"), (0.95, 0.93, 0.03)),
    # written in the eleventh session to find where b44c and b45c were weak, each split at random like b40-b47. Hong Kong
    # chat (b48c, b52c): on arrival 0.779 / 0.765 / 0.000 and 0.829 / 0.889 / 0.022, at the end of the session (after the
    # Cantonese word map grew in rounds 64 and 66) 0.830 / 0.857 / 0.011 together; Singapore, Malaysia and Taiwan (b49c,
    # b50c): 0.987 / 1.000 / 0.000 and 0.986 / 1.000 / 0.024 on arrival, 0.987 / 1.000 / 0.012 together at the end; English
    # dialects, Patois, Pidgin, Scots, London (b51c, b53c): 0.852 / 0.833 / 0.000 and 0.793 / 0.778 / 0.022 on arrival,
    # 0.834 / 0.833 / 0.011 together at the end. Hong Kong chat and English dialects are the weakest kinds left (floors of
    # b48c+b52c and b51c+b53c raised in the twelfth session, when the lexicon's and the net's readings of Hong Kong chat and
    # dialect English and the second crisis head took them to 0.893 / 0.914 / 0.011 and 0.896 / 0.861 / 0.011)
    ("b48c, b52c", ("b48c", "b52c"), (0.87, 0.89, 0.03)),
    ("b49c, b50c", ("b49c", "b50c"), (0.96, 0.95, 0.03)),
    ("b51c, b53c", ("b51c", "b53c"), (0.87, 0.84, 0.03)),
    # written last in the eleventh session and scored on arrival against the session's final rules: the public examples'
    # style and mix (b54c, b55c; the session-start code read them the same), Hong Kong chat (b56c; start 0.797 / 0.588),
    # harm from others now (b57c; start 0.874 / 0.486). Round 67 was written from their dev halves; its rules moved these
    # halves little: b54c+b55c 0.992 / 1.000 / 0.024, b56c 0.851 / 0.706 / 0.019, b57c 0.874 / 0.568 / 0.000
    ("b54c, b55c", ("b54c", "b55c"), (0.97, 0.95, 0.03)),
    # (raised in the twelfth session: 0.905 / 0.706 / 0.000 and 0.893 / 0.622 / 0.000)
    ("b56c", "b56", (0.88, 0.68, 0.03)),
    ("b57c", "b57", (0.87, 0.60, 0.02)),
    # written in the twelfth session, each split at random like b40-b57, to find where the weak kinds stand: Hong Kong chat
    # (b58c), English as Scots, Caribbean, West African, Singaporean and online writers write it (b59c), harm from others,
    # much of it happening as the writer types (b60c), and the public examples' style and mix (b61c). On arrival (the
    # session-start code, 16cd047): 0.862 / 0.739 / 0.018, 0.818 / 0.818 / 0.069, 0.910 / 0.818 / 0.102, 1.000 / 0.950 /
    # 0.041. Round 68, written from their dev halves, moved them not at all; the second crisis head (trained on the dev
    # halves), round 69 and the third imminent head took them to 0.892 / 0.783 / 0.018, 0.879 / 0.864 / 0.052, 0.925 /
    # 0.909 / 0.085 and 1.000 / 0.950 / 0.041
    ("b58c", "b58", (0.87, 0.76, 0.03)),
    ("b59c", "b59", (0.84, 0.80, 0.065)),
    ("b60c", "b60", (0.90, 0.88, 0.115)),   # imminent 0.909 with the third imminent head
    ("b61c", "b61", (0.97, 0.93, 0.055)),
    # written later in the twelfth session, to the same four briefs, and scored on arrival against the code of that moment
    # (d93a79c: the new views, round 68, the second crisis head): Hong Kong chat again (b62c), English as the world writes
    # it again (b63c), harm from others weighted to what happens as the writer types (b64c), the public style (b65c)
    # On arrival: 0.848 / 0.957 / 0.034, 0.940 / 0.864 / 0.000, 0.985 / 0.643 / 0.133, 0.980 / 0.947 / 0.024. Round 69,
    # written from their dev halves, moved none of them; the third imminent head took b63c to 0.909 and b64c to 0.679 at
    # imminent. b64c's false alarms (8 of 60 look-alikes: fights in games and sports, strict parents) are above the
    # contract's 0.05, as they were on arrival
    ("b62c", "b62", (0.83, 0.93, 0.045)),
    ("b63c", "b63", (0.92, 0.88, 0.015)),
    ("b64c", "b64", (0.96, 0.65, 0.145)),
    ("b65c", "b65", (0.96, 0.92, 0.035)),
    # written last in the twelfth session in the public examples' style and mix, one mostly Chinese (b66c), one mostly
    # English (b67c), and scored on arrival against the session's final code before round 70 (from their dev halves):
    # 1.000 / 1.000 / 0.040 and 0.982 / 1.000 / 0.000; round 70 moved neither
    ("b66c, b67c", ("b66c", "b67c"), (0.97, 0.95, 0.035)),
    # written in the thirteenth session, each the random half of a blind batch (its other half a dev half above), scored on
    # arrival against the session-start code (e242e87) and after rounds 71-72, which were written from the dev halves: the
    # public style (b68c), Taiwan and mainland slang (b69c), texting teens (b70c), Hong Kong chat (b71c, b74c), harm from
    # others now and grooming (b72c, b76c), subtle farewells and dialect English (b73c), Cantonese, Macau and Malaysian
    # Chinese (b75c), English as the world writes it (b77c), the public style's hard cases (b78c). Rounds 71-72 moved
    # little here (b70c false alarms 0.148 -> 0.136, b74c 0.051 -> 0.038, b75c imminent 0.960 -> 1.000, b76c false alarms
    # 0.062 -> 0.049): they guard against regressions. Hong Kong chat (0.820, 0.789) and harm from others at imminent
    # (0.792, 0.680) are where the screen is weakest
    ("b68c", "b68", (0.96, 0.97, 0.03)),     # 0.981 / 1.000 / 0.014
    ("b69c", "b69", (0.94, 0.90, 0.06)),     # 0.962 / 0.917 / 0.049
    ("b70c", "b70", (0.92, 0.94, 0.14)),     # 0.941 / 0.960 / 0.136
    ("b71c", "b71", (0.82, 0.73, 0.10)),     # 0.840 / 0.750 / 0.085 (0.820 on arrival)
    ("b72c", "b72", (0.91, 0.77, 0.065)),    # 0.933 / 0.792 / 0.051
    ("b73c", "b73", (0.92, 0.90, 0.115)),    # 0.941 / 0.920 / 0.103
    ("b74c", "b74", (0.77, 0.86, 0.05)),     # 0.789 / 0.885 / 0.038
    ("b75c", "b75", (0.92, 0.97, 0.065)),    # 0.944 / 1.000 / 0.050
    ("b76c", "b76", (0.91, 0.66, 0.065)),    # 0.930 / 0.680 / 0.049
    ("b77c", "b77", (0.94, 0.86, 0.085)),    # 0.966 / 0.885 / 0.073
    ("b78c", "b78", (0.96, 0.93, 0.04)),     # 0.980 / 0.958 / 0.025
    # written last in the thirteenth session, scored on arrival against the code after rounds 71-76 (whole batches: the
    # public style b79 0.990 / 0.980 / 0.014, Hong Kong chat b80 0.868 / 0.820 / 0.081, harm from others now b81 0.949 /
    # 0.750 / 0.057, texting teens b82 0.983 / 0.941 / 0.058); round 77, from their dev halves, moved b81c's false alarms
    # only (0.076 -> 0.063)
    ("b79c", "b79", (0.96, 0.93, 0.02)),     # 0.980 / 0.958 / 0.000
    ("b80c", "b80", (0.86, 0.80, 0.09)),     # 0.885 / 0.840 / 0.078
    ("b81c", "b81", (0.94, 0.77, 0.075)),    # 0.966 / 0.808 / 0.063
    ("b82c", "b82", (0.96, 0.92, 0.05)),     # 0.982 / 0.960 / 0.039
    # written first in the fourteenth session, scored on arrival against the thirteenth's final code (whole batches: Hong
    # Kong chat b83 0.877 / 0.826 / 0.030, harm from others now b84 0.890 / 0.610 / 0.066, texting teens b85 0.992 / 1.000
    # / 0.081, the public style b86 0.931 / 0.967 / 0.009); round 83, from their dev halves, moved none of these halves;
    # the fourth imminent head (trained on the dev halves) found 7 of b84c's 24 imminent messages missed
    ("b83c", "b83", (0.87, 0.93, 0.045)),    # 0.892 / 0.957 / 0.033
    ("b84c", "b84", (0.88, 0.65, 0.12)),     # 0.902 / 0.680 / 0.115 (0.096 before the third crisis head)
    ("b85c", "b85", (0.97, 0.95, 0.08)),     # 1.000 / 1.000 / 0.062
    ("b86c", "b86", (0.91, 0.90, 0.035)),    # 0.933 / 0.929 / 0.021
    # written last in the fourteenth session, scored on arrival against the session-start code and against the code with the
    # new heads (whole batches, start -> arrival: harm from others now b87 0.806 / 0.372 / 0.096 -> 0.821 / 0.568 / 0.096;
    # Hong Kong and Taiwan chat b88 0.895 / 0.905 / 0.008 -> 0.940 / 0.976 / 0.008; crises said indirectly b89 0.829 / 0.943 /
    # 0.094 -> 0.829 / 0.981 / 0.094; English as the world writes it b90 0.956 / 0.925 / 0.024 -> 0.964 / 0.975 / 0.024);
    # round 84, from their dev halves, moved none of these halves
    ("b87c", "b87", (0.81, 0.52, 0.17)),     # 0.835 / 0.541 / 0.157
    ("b88c", "b88", (0.89, 0.93, 0.02)),     # 0.912 / 0.952 / 0.000
    ("b89c", "b89", (0.83, 0.97, 0.09)),     # 0.851 / 1.000 / 0.074
    ("b90c", "b90", (0.96, 0.97, 0.05)),     # 0.985 / 1.000 / 0.033
    # written first in the fifteenth session, scored whole on arrival against the fourteenth's final code: Chinese with
    # disguised words on risky and harmless rows (b91) 1.000 / 1.000 / 0.025, texting teens' English slang (b92) 0.993 / 1.000
    # / 0.024, crises said indirectly and harm from others now, with their look-alikes (b93) 0.938 / 0.917 / 0.174, parents,
    # teachers and friends about someone else (b94) 0.963 / 1.000 / 0.050; round 86, from their dev halves, moved b91c's false
    # alarms only (0.036 -> 0.018); the new heads (trained on the dev halves) b93c's imminent recall (0.915 -> 0.932)
    ("b91c", "b91", (0.97, 0.97, 0.03)),     # 1.000 / 1.000 / 0.018
    ("b92c", "b92", (0.96, 0.97, 0.02)),     # 0.986 / 1.000 / 0.000
    ("b93c", "b93", (0.94, 0.89, 0.20)),     # 0.962 / 0.932 / 0.190 (0.915 before the new heads)
    ("b94c", "b94", (0.93, 0.97, 0.06)),     # 0.955 / 1.000 / 0.052
    # written last in the fifteenth session, scored whole on arrival against the fourteenth's final code and against the code
    # with round 86 (the same both times: round 86 moved none of them): the public style in Chinese (b95) 0.993 / 0.971 /
    # 0.008 and in English (b96) 0.993 / 1.000 / 0.008, everyday look-alikes among plain crises (b97) 0.990 / 0.970 / 0.031,
    # crises said indirectly and danger from others now (b98) 0.892 / 0.819 / 0.127; round 87, from their dev halves, moved
    # none of these halves; the new heads b98c's imminent recall (0.766 -> 0.787)
    ("b95c", "b95", (0.97, 0.97, 0.02)),     # 1.000 / 1.000 / 0.000
    ("b96c", "b96", (0.97, 0.97, 0.02)),     # 1.000 / 1.000 / 0.000
    ("b97c", "b97", (0.95, 0.92, 0.02)),     # 0.976 / 0.938 / 0.011
    ("b98c", "b98", (0.82, 0.76, 0.10)),     # 0.843 / 0.787 / 0.085 (0.766 before the new heads)
    # written last in the fifteenth session, scored whole on arrival against the fourteenth's final code and the fifteenth's
    # (start -> final): a fresh sample in the public style w01 0.993 / 1.000 / 0.025 -> the same; crises said indirectly and
    # harm from others now w02 0.848 / 0.693 / 0.133 -> 0.848 / 0.711 / 0.114; Hong Kong, Taiwan, Macau, Singapore and
    # Malaysia chat w03 0.978 / 0.967 / 0.042 -> 0.978 / 0.967 / 0.033; everyday look-alikes w04 1.000 / 1.000 / 0.046 -> the
    # same
    ("w01c", "w01", (0.96, 0.97, 0.08)),     # 0.984 / 1.000 / 0.065
    ("w02c", "w02", (0.86, 0.64, 0.15)),     # 0.880 / 0.672 / 0.132
    ("w03c", "w03", (0.93, 0.97, 0.05)),     # 0.951 / 1.000 / 0.034
    ("w04c", "w04", (0.97, 0.97, 0.07)),     # 1.000 / 1.000 / 0.053
    # sixteenth session, each batch scored whole on arrival with the fifteenth session's final code: x01 (crises said
    # indirectly, look-alikes on the same surfaces) 0.916 / 0.943 / 0.095; x02 (harm from others now) 0.930 / 0.885 / 0.057;
    # x03 (the public style) 0.994 / 1.000 / 0.010; x04 (everyday look-alikes) 0.978 / 0.950 / 0.028; y01-y04 (crises said
    # indirectly in Chinese, in English; harm from others now in Chinese, in English) 0.863 / 0.864 / 0.123,
    # 0.863 / 0.868 / 0.122, 0.924 / 0.857 / 0.100, 0.887 / 0.900 / 0.065. Their held-out halves, start -> final code:
    ("x01c", "x01", (0.91, 0.97, 0.13)),     # 0.933 / 1.000 / 0.113 -> the same
    ("x02c", "x02", (0.91, 0.90, 0.09)),     # 0.924 / 0.923 / 0.075 -> 0.935 / 0.923 / 0.075
    ("x03c", "x03", (0.97, 0.97, 0.05)),     # 1.000 / 1.000 / 0.025 -> the same
    ("x04c", "x04", (0.97, 0.97, 0.05)),     # 1.000 / 1.000 / 0.023 -> the same
    ("y01c", "y01", (0.82, 0.88, 0.08)),     # 0.848 / 0.907 / 0.070 -> 0.848 / 0.907 / 0.053
    ("y02c", "y02", (0.83, 0.82, 0.16)),     # 0.859 / 0.849 / 0.145 -> the same
    ("y03c", "y03", (0.87, 0.88, 0.10)),     # 0.895 / 0.905 / 0.083 -> the same
    ("y04c", "y04", (0.88, 0.87, 0.10)),     # 0.906 / 0.900 / 0.098 -> 0.906 / 0.900 / 0.082
    # written last in the sixteenth session, each scored whole on arrival with the start code and with the final code: the
    # public style z01 0.978 / 0.974 / 0.008 -> the same; crises said indirectly and harm from others now z02 0.911 / 0.969 /
    # 0.067 -> 0.917 / 0.969 / 0.067; everyday chat with danger words z03 0.981 / 1.000 / 0.031 -> the same; parents and
    # friends about someone else, and teen slang z04 0.985 / 1.000 / 0.066 -> the same. Their held-out halves (the same
    # with both codes):
    ("z01c", "z01", (0.95, 0.90, 0.04)),     # 0.981 / 0.933 / 0.019
    ("z02c", "z02", (0.88, 0.93, 0.09)),     # 0.912 / 0.958 / 0.067
    ("z03c", "z03", (0.93, 0.97, 0.05)),     # 0.957 / 1.000 / 0.028
    ("z04c", "z04", (0.97, 0.97, 0.08)),     # 1.000 / 1.000 / 0.058
    # seventeenth session, written after the chat-spelling and comma readings were built (helpers asked for the way teens
    # type: no apostrophes, chat's short words; commas or spaces between Chinese clauses, pinyin glued to Chinese,
    # Traditional characters), held out whole, scored with the sixteenth session's final code and with the seventeenth's
    # (duplicates of older rows removed):
    ("v01", "v01", (0.95, 0.97, 0.07)),      # 0.974 / 1.000 / 0.044 -> the same
    ("v02", "v02", (0.95, 0.97, 0.04)),      # 0.973 / 1.000 / 0.030 -> 0.973 / 1.000 / 0.015
    # nineteenth session, written after the typo reading was built (a helper asked for English typed with slips of the
    # thumb: swapped, dropped, doubled and neighbouring letters, in the risk words and around them), held out whole,
    # scored with the eighteenth session's final code and with the nineteenth's:
    ("v03", "v03", (0.95, 0.97, 0.06)),      # 0.904 / 1.000 / 0.029 -> 0.964 / 1.000 / 0.043
    # the twentieth session's held-out batch (320, half English, half Chinese, public style with slang, laughs, run-ons and
    # harm by others), written blind by a helper while rounds 94-96 were written and scored once: 0.988 / 0.966 / 0.081
    # with the session's start code and with its final code alike. Its false alarms are above the 0.05: the floor
    # guards against a regression, it does not say the target is met
    ("v04", "v04", (0.97, 0.93, 0.09)),
    # written blind at the end of the twentieth session, aimed at hard look-alikes in everyday settings (400) with crises
    # told in the same settings (99), English (v05a) and Chinese (v05b), scored once: 0.899 / 0.889 / 0.158 with the
    # session's start code, 0.899 / 0.889 / 0.150 with its final code. Far from the targets: the floor guards
    # against a regression only
    ("v05", "v05", (0.87, 0.86, 0.17)),
    # written blind at the start of the twenty-second session (a broad sample: English v06a, Chinese v06b; seven rows
    # repeating other files' rows left out), scored once with the session's start code: 0.993 / 1.000 / 0.057; with its
    # final code: see the README's table. No rule written from it, the net not trained on it
    ("v06", "v06", (0.97, 0.97, 0.07)),
    # written blind at the start of the twenty-third session (a broad week of messages: English v07a, Chinese v07b; five
    # rows repeating other files' rows left out), scored with the session's start code: 0.956 / 1.000 / 0.101; with its
    # final code: see the README's table. No rule written from it, the net not trained on it
    ("v07", "v07", (0.93, 0.97, 0.12)),
    # written blind at the start of the twenty-fourth session (a broad week of messages: English v08a, Chinese v08b; seven
    # rows repeating other files' rows left out), scored with the session's start code and with its final code alike:
    # 0.976 / 1.000 / 0.043. No rule written from it, the net not trained on it
    ("v08", "v08", (0.95, 0.97, 0.06)),
]


@pytest.mark.parametrize("path", [MORE, HELDOUT], ids=lambda p: p.name)
def test_quality_beyond_the_labelled_set(path):
    rows = load(path)
    assert len(rows) >= 400 and len({r["id"] for r in rows}) == len(rows)
    levels = [screen(r["text"]).level for r in rows]
    m = metrics(rows, levels)
    report(f"tests/risk/{path.name}", m, texts=path != HELDOUT)
    table = HELDOUT_GROUPS if path == HELDOUT else MORE_GROUPS
    prefixes = tuple(p for _, prefix, _ in table if prefix for p in ((prefix,) if isinstance(prefix, str) else prefix))
    groups = [(name, [k for k, r in enumerate(rows)
                      if (r["id"].startswith(prefix) if prefix else not r["id"].startswith(prefixes))], floors)
              for name, prefix, floors in table]
    assert sum(len(ks) for _, ks, _ in groups) == len(rows)
    for name, ks, (recall, imminent, false_alarm) in groups:
        g = metrics([rows[k] for k in ks], [levels[k] for k in ks])
        report(f"tests/risk/{path.name}, {name}", g, texts=False)
        assert g["crisis_recall"] >= recall, name
        assert g["imminent_recall"] >= imminent, name
        assert g["false_alarm"] <= false_alarm, name


def test_held_out_batch_is_not_in_any_training_file():
    held = {r["text"] for r in load(HELDOUT)}
    for path in (LABELLED, MORE):
        assert not held & {r["text"] for r in load(path)}, path.name
    net = json.loads((ROOT / "escalation" / "risk" / "data" / "ngram_model.json").read_text(encoding="utf-8"))
    assert HELDOUT.name not in net["trained_on"]
