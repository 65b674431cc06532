"""The second net under the lexicon: a linear model over n-grams.

The lexicon (engine.py) is exact and explainable, but it only knows the phrasings somebody wrote
down: "想从学校教学楼上跳下去" slips past a pattern that allows six characters between 想 and
跳下去. This model reads the same normalised text as n-grams (Chinese characters and
character pairs a few apart, English words and word pairs; robust to word order, typos, spacing
and mixed scripts) and gives three
probabilities, one "head" per level of the safety contract it can raise a message to:

- ``concern``: the message belongs at medium or above (passive death wishes, hopelessness, bullying);
- ``crisis``: at high or above (suicidal thoughts, self-harm now, abuse, method seeking, a friend
  in danger, or worse);
- ``imminent``: at imminent (an attempt, a plan with time and means, a farewell).

engine.screen uses it only to RAISE a grade, never to lower one, and never past the lexicon's
own caps (literacy questions, media, hyperbole with laughter). The evidence of a raise names the
n-grams that weighed most, so staff still see why.

Weights are data (``data/ngram_model.json``), trained from the labelled sets in tests/risk/ (and
ordinary chat as plain negatives) by a deterministic, standard-library logistic regression:

    .venv/bin/python scripts/train_risk_net.py train [--data FILE.jsonl ...]
    .venv/bin/python scripts/train_risk_net.py eval FILE.jsonl   # recall / false alarms of the net alone
"""
from __future__ import annotations

import json
import math
import os
import re
import random
from functools import lru_cache
from operator import itemgetter
from pathlib import Path

from .model import level_rank
from .normalise import normalise

MODEL_PATH = Path(__file__).resolve().parent / "data" / "ngram_model.json"
HEADS = (("concern", 2), ("crisis", 3), ("imminent", 4))   # head name, level it raises to


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


_TOKEN = re.compile(r"[a-z0-9']+|[\u3400-\u9fff]+|[^\sa-z0-9'\u3400-\u9fff]")


@lru_cache(maxsize=512)
def _slices(n: int, orders: tuple) -> tuple:
    """slice objects of every k-gram (k in ``orders``) of a string of length n."""
    return tuple(slice(i, i + k) for k in orders for i in range(n - k + 1))


def features(text: str) -> set:
    """Chinese: character 1-3-grams of each run of Han characters, plus character pairs two and
    three apart ("想_跳" in "想从楼上跳": words inserted between the parts of a phrase); other
    scripts: words, word pairs one to three apart, and 4-grams inside longer words (typos:
    "suicidel"); every other symbol (emoji) alone."""
    plain = normalise(text)[0].text
    out = set()
    words = []
    for tok in _TOKEN.findall(plain):
        c = tok[0]
        if "\u3400" <= c <= "\u9fff":
            out.update(map(tok.__getitem__, _slices(len(tok), (1, 2, 3))))
            if len(tok) > 2:
                out.update(map(str.__add__, tok, map("_".__add__, tok[2:])))
                out.update(map(str.__add__, tok, map("_".__add__, tok[3:])))
            _word_pairs(words, out)
            words = []
        elif c.isalnum() or c == "'":
            out.add("w:" + tok)
            if len(tok) > 5:
                out.update(map("c:".__add__, map(tok.__getitem__, _slices(len(tok), (4,)))))
            words.append(tok)
        else:
            out.add(tok)
            _word_pairs(words, out)
            words = []
    _word_pairs(words, out)
    return out


def _readable(gram: str) -> bool:
    """Is an n-gram worth showing as evidence: a word, two adjacent words, or two or more adjacent
    Chinese characters? (Not a lone character or mark, a piece of a word, nor a pair across a gap,
    which cannot be pointed at in the text.)"""
    if gram[:2] in ("w:", "b:"):
        return True
    if gram[:2] in ("s:", "c:"):
        return False
    return len(gram) >= 2 and "_" not in gram


def _word_pairs(words: list, out: set) -> None:
    """Pairs of words one ("b:") and two or three ("s:") apart, within a run of words."""
    if len(words) < 2:
        return
    heads = list(map("b:".__add__, words))
    tails = list(map(" ".__add__, words))
    out.update(map(str.__add__, heads, tails[1:]))
    if len(words) > 2:
        heads = ["s" + h[1:] for h in heads]
        out.update(map(str.__add__, heads, tails[2:]))
        out.update(map(str.__add__, heads, tails[3:]))


class NgramModel:
    """The heads' weights as one table: n-gram -> (weight in head 1, head 2, ...), so that a message
    costs one lookup per n-gram whatever the number of heads."""
    __slots__ = ("names", "thresholds", "version", "_biases", "_vectors", "_columns")

    def __init__(self, heads: dict, thresholds: dict, version: str):
        """``heads``: name -> (bias, {n-gram: weight}); ``thresholds``: name -> probability at or
        above which the head fires."""
        self.names = tuple(heads)
        self.thresholds = thresholds
        self.version = version
        self._biases = tuple(heads[n][0] for n in self.names)
        vocabulary = set().union(*(heads[n][1] for n in self.names))
        # weights are rounded to 0.001, so a few thousand distinct floats and some tens of thousands
        # of distinct vectors serve ~270,000 n-grams: each is stored once (~45 MB live for the table)
        shared: dict = {}
        self._vectors = {}
        for f in vocabulary:
            vector = tuple(shared.setdefault(w, w) for w in (heads[n][1].get(f, 0.0) for n in self.names))
            self._vectors[f] = shared.setdefault(vector, vector)
        self._columns = tuple(map(itemgetter, range(len(self.names))))

    def scores(self, feats: set) -> dict:
        # the weight vectors of the message's n-grams that have one (one hash probe each, in C: the
        # table is too big for the cache, so every probe saved counts), then each head's column
        # summed (map + sum, in C: no Python loop per n-gram)
        vectors = list(filter(None, map(self._vectors.get, feats)))
        return {name: _sigmoid(b + sum(map(col, vectors)))
                for name, b, col in zip(self.names, self._biases, self._columns)}

    def level(self, text: str) -> tuple:
        """(the highest level whose head fired, 0 when none did; the n-grams that weighed most for it)."""
        feats = features(text)
        p = self.scores(feats)
        for name, rank in reversed(HEADS):
            if p[name] >= self.thresholds[name]:
                col = self.names.index(name)
                weight = {f: v[col] for f in feats if (v := self._vectors.get(f))}
                ranked = sorted((f for f, v in weight.items() if v > 0), key=lambda f: (-weight[f], f))
                # what staff can read: n-grams of two or more characters first ("已经吃", "tonight"),
                # a lone character or mark ("在", "。") only when nothing longer weighed
                top = tuple(([f for f in ranked if _readable(f)] or ranked)[:5])
                return rank, top
        return 0, ()


@lru_cache(maxsize=1)
def model():
    """The trained model, or None when the data file is absent (the lexicon then works alone)."""
    if not MODEL_PATH.exists():
        return None
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    heads = {name: (h["bias"], h["weights"]) for name, h in data["heads"].items()}
    return NgramModel(heads, data["thresholds"], data["version"])


# ------------------------------------------------------------------------------------------ training
def _load(paths) -> list:
    rows = []
    for p in paths:
        for line in Path(p).read_text(encoding="utf-8").splitlines():
            if line.strip():
                rows.append(json.loads(line))
    return rows


def _train_head(xs: list, ys: list, epochs: int, l2: float, lr: float, seed: int, pos_weight: float) -> tuple:
    """Logistic regression by SGD with L2 (lazy decay is skipped: a few thousand short texts)."""
    w: dict = {}
    b = 0.0
    order = list(range(len(xs)))
    rng = random.Random(seed)
    for epoch in range(epochs):
        rng.shuffle(order)
        rate = lr / (1.0 + epoch * 0.3)
        for i in order:
            feats, y = xs[i], ys[i]
            p = _sigmoid(b + sum(w.get(f, 0.0) for f in feats))
            g = (p - y) * (pos_weight if y else 1.0)
            b -= rate * g
            for f in feats:
                v = w.get(f, 0.0)
                w[f] = v - rate * (g + l2 * v)
    return b, w


def _prob(head: tuple, feats: set) -> float:
    b, w = head
    return _sigmoid(b + sum(w.get(f, 0.0) for f in feats))


def train(paths, out: Path = MODEL_PATH, folds: int = 5, max_false_alarm: float = 0.01, seed: int = 7,
          epochs: int = 10, l2: float = 0.3, lr: float = 0.05, prune: float = 0.03, everyday: tuple = ()) -> dict:
    """Train the heads; pick each threshold by cross-validation so that at most ``max_false_alarm``
    of the labelled hard negatives (allowed maximum below the head's level, kind not "everyday")
    would fire it, and at most half that share of ordinary chat (everyday rows).

    ``everyday``: rows of ordinary messages (chat, FAQ questions; see scripts/train_risk_net.py)
    that train the heads as negatives and, with the labelled ``everyday`` rows, make up the
    ordinary chat of the second threshold budget."""
    # a message whose label comes from its history ("tonight" after "I bought pills") would teach
    # the net that "tonight" is a crisis: those rows train the lexicon's history rules only
    rows = [r for r in _load(paths) if not r.get("history")]
    labelled = len(rows)
    seen = {r["text"] for r in rows}
    rows += [r for r in everyday if r["text"] not in seen]
    xs = [features(r["text"]) for r in rows]
    ordinary = [i >= labelled or r.get("kind") == "everyday" for i, r in enumerate(rows)]
    report = {}
    heads = {}
    thresholds = {}
    for name, level in HEADS:
        # an everyday row teaches only the heads above its allowed maximum (a FAQ question about
        # feeling worthless is no crisis, but it may well be a concern)
        use = [i for i, r in enumerate(rows) if i < labelled or level_rank(r["max"]) < level]
        ys = {i: (1 if level_rank(rows[i]["min"]) >= level else 0) for i in use}
        pos = sum(ys.values())
        pos_weight = max(1.0, (len(use) - pos) / max(1, pos))
        # out-of-fold probabilities
        oof = {}
        idx = list(use)
        random.Random(seed).shuffle(idx)
        for k in range(folds):
            test = set(idx[k::folds])
            tr = [i for i in idx if i not in test]
            head = _train_head([xs[i] for i in tr], [ys[i] for i in tr], epochs, l2, lr, seed + k, pos_weight)
            for i in test:
                oof[i] = _prob(head, xs[i])
        if os.environ.get("RISK_NET_OOF"):   # for studying the threshold rule: out-of-fold scores
            with open(os.environ["RISK_NET_OOF"] + "." + name, "w", encoding="utf-8") as f:
                json.dump([[i, ys[i], oof[i], ordinary[i], level_rank(rows[i]["max"]) < level and i < labelled]
                           for i in use], f)
        # hard negatives: messages that must never reach this level and read like they might
        # (hyperbole, negation, literacy, media, distress). Plain everyday rows are left out: a
        # thousand easy "我去打球了" would let the threshold fall until "tonight" alone fires it.
        negatives = sorted((oof[i] for i in range(labelled) if level_rank(rows[i]["max"]) < level and not ordinary[i]),
                           reverse=True)
        cut = int(max_false_alarm * len(negatives))
        threshold = max(0.5, negatives[cut] + 1e-6 if negatives else 0.5)
        # and ordinary chat (the labelled everyday rows and the NLU/FAQ messages) gets a budget of
        # its own, half as large: a bot that cries wolf at "tonight i went shopping" is not trusted
        # for long (a fifth cost a third of the crisis recall; the same budget let that one through)
        chat = sorted((oof[i] for i in use if not ys[i] and ordinary[i]), reverse=True)
        if chat:
            threshold = max(threshold, chat[int(max_false_alarm / 2 * len(chat))] + 1e-6)
        recall = sum(1 for i, y in ys.items() if y and oof[i] >= threshold) / max(1, pos)
        report[name] = {"threshold": round(threshold, 4), "oof_recall": round(recall, 4),
                        "oof_false_alarm": round(sum(1 for p in negatives if p >= threshold) / max(1, len(negatives)), 4),
                        "oof_false_alarm_ordinary": round(sum(1 for p in chat if p >= threshold) / max(1, len(chat)), 4),
                        "positives": pos, "negatives": len(negatives), "ordinary": len(chat)}
        b, w = _train_head([xs[i] for i in use], [ys[i] for i in use], epochs, l2, lr, seed, pos_weight)
        heads[name] = {"bias": round(b, 5), "weights": {f: round(v, 3) for f, v in sorted(w.items()) if abs(v) >= prune}}
        thresholds[name] = round(threshold, 4)
    data = {"version": "ngram-4", "trained_on": [str(Path(p).name) for p in paths],
            "messages": len(rows), "everyday_messages": len(rows) - labelled, "cross_validation": report, "thresholds": thresholds, "heads": heads}
    out.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n", encoding="utf-8")
    model.cache_clear()
    return report
