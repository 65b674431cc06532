"""The second net under the lexicon: a linear model over n-grams.

The lexicon (engine.py) is exact and explainable, but it only knows the phrasings somebody wrote
down: "想从学校教学楼上跳下去" slips past a pattern that allows six characters between 想 and
跳下去. This model reads the same normalised text as n-grams (Chinese characters and
character pairs a few apart, English words and word pairs; robust to word order, typos, spacing
and mixed scripts) and gives a
probability per "head", one head per level of the safety contract it can raise a message to:

- ``concern``: the message belongs at medium or above (passive death wishes, hopelessness, bullying);
- ``crisis``: at high or above (suicidal thoughts, self-harm now, abuse, method seeking, a friend
  in danger, or worse);
- ``crisis2``: the same, trained on the pool as it has grown since the first was (twelfth session); either one raises
  a message to high;
- ``imminent``: at imminent (an attempt, a plan with time and means, a farewell);
- ``imminent2``, ``imminent3``: the same, trained on the pool as it had grown in the eleventh and twelfth sessions; they
  raise a message to imminent only when a crisis head fires too (see ``HEADS``).

engine.screen uses it only to RAISE a grade, never to lower one, and never past the lexicon's
own caps (literacy questions, media, hyperbole with laughter). The evidence of a raise names the
n-grams that weighed most, so staff still see why.

Weights are data (``data/ngram_model.json``), trained from the labelled sets in tests/risk/ (and
ordinary chat as plain negatives) by a deterministic, standard-library logistic regression:

    .venv/bin/python scripts/train_risk_net.py train [--data FILE.jsonl ...]
    .venv/bin/python scripts/train_risk_net.py eval FILE.jsonl   # recall / false alarms of the net alone
"""
from __future__ import annotations

import ctypes
import hashlib
import json
import logging
import math
import os
import re
import random
import sys
import weakref
from array import array
from functools import lru_cache
from itertools import accumulate
from operator import itemgetter
from pathlib import Path

from .model import level_rank
from .normalise import normalise

MODEL_PATH = Path(__file__).resolve().parent / "data" / "ngram_model.json"
# the same model packed for netc.c (``pack``; built by make setup, not committed)
PACK_PATH = MODEL_PATH.with_suffix(".pack")
_PACK_MAGIC = b"QXNET1\n"
# netc.c reads code points as native uint32
_UTF32 = "utf-32-le" if sys.byteorder == "little" else "utf-32-be"
# head name, level it raises to. "imminent2" is a second imminent head, trained on the pool as it has grown since round 20
# (``train --heads imminent2``) beside the kept round-20 "imminent": the kept one raises a message to imminent alone, the
# second only when a crisis head fires too (``GATES``; alone it read "I'm on the bridge, traffic is terrible" as imminent).
# "crisis2" is a second crisis head (twelfth session, ``train --heads crisis2`` on the pool with b58a-b61a), beside the
# tenth session's "crisis": retrained in its place, the crisis head lost older held-out crises as its threshold rose;
# beside it, either one raises a message to high (33 more held-out crises found, no false alarm more). "imminent3" is a
# third imminent head trained on the pool with b62a-b65a (``train --heads imminent3``): retrained in imminent2's place it
# found 16 held-out imminent messages and lost 11; beside it, gated as imminent2 is, it loses none. "imminent4" (fourteenth
# session, ``train --heads imminent4`` on the pool with b66a-b86a) is gated the same way, and its cut is set by the hard
# negatives alone (``train``: a gated head raises only what a crisis head reads as high already); "crisis3", trained on
# the same pool, is a third crisis head beside the two, and opens the gates as they do. "crisis4" and "imminent5" (fifteenth
# session, ``train --heads crisis4`` then ``--heads imminent5`` on the pool with b87a-b98a) are a fourth crisis head, which
# opens every gate, and a fifth imminent head gated as the others. "crisis5" and "imminent6" (sixteenth session, the same
# way on the pool with w01a-w04a, x01a-x04a and y01a-y04a: crises said indirectly and harm from others now) are a fifth
# crisis head and a sixth imminent head, placed the same way. A full retrain (no ``--heads``) trains the base heads and
# drops the others. See escalation/risk/README.md.
HEADS = (("concern", 2), ("crisis", 3), ("crisis2", 3), ("crisis3", 3), ("crisis4", 3), ("crisis5", 3), ("imminent", 4),
         ("imminent2", 4), ("imminent3", 4), ("imminent4", 4), ("imminent5", 4), ("imminent6", 4))
BASE_HEADS = ("concern", "crisis", "imminent")
# a head that raises a message only when one of these heads fires too: every imminent head but the kept round-20 one, each
# gated by every crisis head
_CRISIS_HEADS = tuple(name for name, level in HEADS if level == 3)
GATES = {name: _CRISIS_HEADS for name, level in HEADS if level == 4 and name != "imminent"}


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def _cut(bias: float, threshold: float) -> float:
    """The least sum (thousandths: sums are whole numbers) at which a head with ``bias`` fires at ``threshold``, found on
    the sigmoid itself, so that ``sum >= cut`` fires exactly when ``_sigmoid(bias + sum / 1000) >= threshold`` does (and
    rank() computes no sigmoid)."""
    if threshold >= _sigmoid(30.0):
        return math.inf
    s = math.ceil(1000 * (math.log(threshold / (1 - threshold)) - bias))

    def fires(x: int) -> bool:
        return _sigmoid(bias + x / 1000) >= threshold

    while fires(s - 1):
        s -= 1
    while not fires(s):
        s += 1
    return s


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


# The compiled inner loop (netc.c, loaded with ctypes): the same sums as the Python code below, faster
# and in ~12 MB instead of ~100 MB. Optional: `make setup` builds it; without it (or with
# QINGXIN_RISK_NATIVE=0) the Python code runs. _NATIVE_ABI must match NETC_ABI in netc.c.
NATIVE_PATH = Path(__file__).resolve().parent / "_netc.so"
_NATIVE_ABI = 4
log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def native():
    """The loaded library, or None (not built, switched off, or built from another version of netc.c)."""
    if os.environ.get("QINGXIN_RISK_NATIVE", "1") == "0":
        return None
    if not NATIVE_PATH.exists():
        log.info("risk net: %s is not built (make setup builds it); using the Python code", NATIVE_PATH.name)
        return None
    try:
        lib = ctypes.CDLL(str(NATIVE_PATH))
        if lib.netc_abi() != _NATIVE_ABI:
            log.warning("risk net: %s is stale (ABI %s, expected %s); using the Python code: run make setup",
                        NATIVE_PATH.name, lib.netc_abi(), _NATIVE_ABI)
            return None
    except (OSError, AttributeError) as exc:
        log.warning("risk net: cannot load %s (%s); using the Python code", NATIVE_PATH.name, exc)
        return None
    vp, i64, ptr64 = ctypes.c_void_p, ctypes.c_int64, ctypes.POINTER(ctypes.c_int64)
    lib.netc_build.argtypes = (ctypes.c_int, i64, ctypes.c_char_p, ctypes.c_void_p, ctypes.c_void_p)
    lib.netc_build.restype = vp
    lib.netc_free.argtypes = (vp,)
    lib.netc_free.restype = None
    lib.netc_lookup.argtypes = (vp, i64, ctypes.c_char_p, ctypes.c_void_p, ctypes.c_void_p)
    lib.netc_lookup.restype = None
    lib.netc_sums.argtypes = (vp, ctypes.c_char_p, i64, ptr64)
    lib.netc_sums.restype = i64
    lib.netc_fired.argtypes = (vp, ctypes.c_char_p, i64, ptr64)
    lib.netc_fired.restype = i64
    lib.netc_is_space.argtypes = (ctypes.c_uint32,)
    lib.netc_is_space.restype = ctypes.c_int
    return lib


# a letter or digit outside ASCII and the Chinese range ("ñ", "ǐ", "π"): features() reads it as a word of
# its own (str.isalnum), which netc.c (no Unicode tables) cannot tell from a symbol: it is marked for it
_ODD_WORD = re.compile(r"[^\W_\x00-\x7f\u3400-\u9fff]")
_WORD_MARK = 0x40000000


def _code_points(plain: str) -> bytes:
    """A normalised text as netc.c reads it: UTF-32 code points (an index is a str index), each odd word character
    marked."""
    buf = plain.encode(_UTF32, "surrogatepass")   # a lone surrogate is a character like any other
    if not plain.isascii() and _ODD_WORD.search(plain):
        marked = array("I", buf)
        for m in _ODD_WORD.finditer(plain):
            marked[m.start()] |= _WORD_MARK
        buf = marked.tobytes()
    return buf


def _utf32(grams) -> tuple:
    """n-grams as one UTF-32 buffer and the offsets that cut it (what netc_build/netc_lookup read)."""
    offsets = array("q", [0])
    offsets.extend(accumulate(map(len, grams)))
    return "".join(grams).encode(_UTF32, "surrogatepass"), offsets


def _packed(heads: dict, names: tuple) -> tuple:
    """The heads' weights as netc.c reads them: (number of n-grams, UTF-32 text, offsets, weights: one row of
    thousandths per n-gram, one column per head in ``names``)."""
    vocabulary = list(set().union(*(heads[n][1] for n in names)))
    weights = array("i", (round(heads[n][1].get(f, 0.0) * 1000) for f in vocabulary for n in names))
    buf, offsets = _utf32(vocabulary)
    return len(vocabulary), buf, offsets, weights


class NgramModel:
    """The heads' weights as one table: n-gram -> (weight in head 1, head 2, ...) in thousandths (the
    model file rounds weights to 0.001, so sums are exact integers), so that a message costs one
    lookup per n-gram whatever the number of heads. The table lives in C (netc.c) when it is built,
    else in a Python dict."""
    __slots__ = ("names", "thresholds", "version", "_biases", "_cuts", "_heads", "_vectors", "_columns", "_lib", "_table",
                 "_cuts_c", "_rank_by_mask", "__weakref__")

    def __init__(self, heads: dict, thresholds: dict, version: str, native_code: bool = True):
        """``heads``: name -> (bias, {n-gram: weight}); ``thresholds``: name -> probability at or
        above which the head fires; ``native_code``: use netc.c when it is built."""
        self._setup(tuple(heads), tuple(heads[n][0] for n in heads), thresholds, version,
                    native() if native_code else None)
        if self._lib is not None and self._build(*_packed(heads, self.names)):
            return
        # weights are rounded to 0.001, so a few thousand distinct values and some tens of thousands
        # of distinct vectors serve ~270,000 n-grams: each is stored once
        shared: dict = {}
        self._vectors = {}
        for f in set().union(*(heads[n][1] for n in self.names)):
            vector = tuple(shared.setdefault(w, w) for w in (round(heads[n][1].get(f, 0.0) * 1000) for n in self.names))
            self._vectors[f] = shared.setdefault(vector, vector)

    def _setup(self, names: tuple, biases: tuple, thresholds: dict, version: str, lib) -> None:
        self.names = names
        self.thresholds = thresholds
        self.version = version
        self._biases = biases
        # (name, level it raises to, column, columns of its gate or None), highest level first: what rank() tries in turn
        self._heads = tuple((name, rank, names.index(name),
                             tuple(names.index(g) for g in GATES[name] if g in names) if name in GATES else None)
                            for name, rank in reversed(HEADS) if name in names)
        self._cuts = tuple(_cut(biases[i], thresholds[name]) for i, name in enumerate(names))
        # for the C table: the cuts as C reads them, and the level of every set of heads that fire (bit i: column i), so
        # that rank() is one call into C and one look-up
        self._cuts_c = (ctypes.c_int64 * len(names))(*(c if c != math.inf else 2 ** 63 - 1 for c in self._cuts))
        self._rank_by_mask = tuple(self._rank_of(lambda col, m=m: bool(m >> col & 1)) for m in range(2 ** len(names)))
        self._columns = tuple(map(itemgetter, range(len(names))))
        self._vectors = None
        self._table = None
        self._lib = lib

    def _build(self, n: int, buf: bytes, offsets: array, weights: array) -> bool:
        """The C table from n n-grams (UTF-32 ``buf`` cut at ``offsets``) and their weights (n rows of thousandths)."""
        table = self._lib.netc_build(len(self.names), n, buf, offsets.buffer_info()[0], weights.buffer_info()[0])
        if table:
            self._table = table
            weakref.finalize(self, self._lib.netc_free, table)
            return True
        log.warning("risk net: netc_build failed (memory, or two n-grams with one hash); using the Python code")
        self._lib = None
        return False

    @classmethod
    def from_pack(cls, path: Path, source: Path):
        """A model from its packed form (see ``pack``), in C; None when the pack is not for ``source`` as it is
        now (trained again since), unreadable, or netc.c is not built."""
        lib = native()
        if lib is None or not path.exists():
            return None
        try:
            raw = path.read_bytes()
            if not raw.startswith(_PACK_MAGIC):
                return None
            head_end = raw.index(b"\n", len(_PACK_MAGIC))
            head = json.loads(raw[len(_PACK_MAGIC):head_end])
            if head["source_sha256"] != hashlib.sha256(source.read_bytes()).hexdigest():
                log.info("risk net: %s is older than %s; reading the JSON (make setup packs it again)", path.name, source.name)
                return None
            n, h = head["n"], len(head["names"])
            at = head_end + 1
            offsets = array("q")
            offsets.frombytes(raw[at:at + 8 * (n + 1)])
            at += 8 * (n + 1)
            weights = array("i")
            weights.frombytes(raw[at:at + 4 * n * h])
            at += 4 * n * h
            buf = raw[at:at + 4 * offsets[-1]]
            if len(buf) != 4 * offsets[-1] or len(weights) != n * h:
                return None
        except (OSError, ValueError, KeyError, IndexError) as exc:
            log.warning("risk net: cannot read %s (%s); reading the JSON", path.name, exc)
            return None
        m = cls.__new__(cls)
        m._setup(tuple(head["names"]), tuple(head["biases"]), head["thresholds"], head["version"], lib)
        return m if m._build(n, buf, offsets, weights) else None

    @property
    def compiled(self) -> bool:
        """Is the C table in use?"""
        return self._table is not None

    def sums(self, text: str) -> tuple:
        """(number of distinct n-grams of ``text``, each head's sum of their weights in thousandths)."""
        plain = normalise(text)[0].text
        if self._table is not None:
            out = (ctypes.c_int64 * len(self.names))()
            n = self._lib.netc_sums(self._table, _code_points(plain), len(plain), out)
            if n < 0:
                raise MemoryError("netc_sums")
            return n, tuple(out)
        feats = features(text)
        # one hash probe per n-gram (in C: the table is too big for the cache, so every probe saved
        # counts), then each head's column summed (map + sum: no Python loop per n-gram)
        vectors = list(filter(None, map(self._vectors.get, feats)))
        return len(feats), tuple(sum(map(col, vectors)) for col in self._columns)

    def weights(self, feats) -> dict:
        """n-gram -> its weights (thousandths, one per head), for the n-grams of ``feats`` in the table."""
        feats = list(feats)
        if self._table is None:
            return {f: v for f in feats if (v := self._vectors.get(f))}
        h = len(self.names)
        out = array("i", bytes(4 * h * len(feats)))
        buf, offsets = _utf32(feats)
        self._lib.netc_lookup(self._table, len(feats), buf, offsets.buffer_info()[0], out.buffer_info()[0])
        return {f: tuple(out[i * h:(i + 1) * h]) for i, f in enumerate(feats) if any(out[i * h:(i + 1) * h])}

    def scores(self, text: str) -> dict:
        """Each head's probability for ``text``."""
        sums = self.sums(text)[1]
        return {name: _sigmoid(b + s / 1000) for name, b, s in zip(self.names, self._biases, sums)}

    def rank(self, text: str) -> int:
        """The highest level whose head fired, 0 when none did."""
        if self._table is not None:
            plain = normalise(text)[0].text
            mask = self._lib.netc_fired(self._table, _code_points(plain), len(plain), self._cuts_c)
            if mask < 0:
                raise MemoryError("netc_fired")
            return self._rank_by_mask[mask]
        sums = self.sums(text)[1]
        return self._rank_of(lambda col: self._fires(col, sums))

    def _rank_of(self, fires) -> int:
        """The highest level whose head fired (``fires(column)``), with its gate; 0 when none did."""
        for _, rank, col, gate in self._heads:
            if fires(col) and (gate is None or any(fires(g) for g in gate)):
                return rank
        return 0

    def _fires(self, col: int, sums: tuple) -> bool:
        """Does the head in column ``col`` fire, given the sums of ``sums()``?"""
        return sums[col] >= self._cuts[col]

    def top(self, text: str, rank: int) -> tuple:
        """The n-grams of ``text`` that weighed most for the head of level ``rank``."""
        sums = self.sums(text)[1]
        cols = [c for _, r, c, _ in reversed(self._heads) if r == rank]
        # the head that fired (two heads raise to imminent: the kept one first, so that what it raised reads as before);
        # the first of the level when none did
        col = next((c for c in cols if self._fires(c, sums)), cols[0])
        weight = {f: v[col] for f, v in self.weights(features(text)).items()}
        ranked = sorted((f for f, v in weight.items() if v > 0), key=lambda f: (-weight[f], f))
        # what staff can read: n-grams of two or more characters first ("已经吃", "tonight"),
        # a lone character or mark ("在", "。") only when nothing longer weighed
        return tuple(([f for f in ranked if _readable(f)] or ranked)[:5])

    def level(self, text: str) -> tuple:
        """(the highest level whose head fired, 0 when none did; the n-grams that weighed most for it)."""
        rank = self.rank(text)
        return (rank, self.top(text, rank)) if rank else (0, ())


@lru_cache(maxsize=1)
def model():
    """The trained model, or None when the data file is absent (the lexicon then works alone)."""
    if not MODEL_PATH.exists():
        return None
    m = NgramModel.from_pack(PACK_PATH, MODEL_PATH) or _read_model(MODEL_PATH)
    if m.compiled:
        _release_memory()
    return m


def pack(source: Path = MODEL_PATH, out: Path = None) -> Path:
    """Write the model in the form netc.c reads (``make setup`` does it; derived from the JSON, not committed):
    a header line with the JSON's SHA-256, then the n-grams' offsets, weights (thousandths) and UTF-32 text.
    Loading it skips parsing 12.7 MB of JSON into dicts (a start-up peak of ~150 MB, and ~2 s)."""
    out = PACK_PATH if out is None else out
    heads, thresholds, version = _load_json(source)
    names = tuple(heads)
    n, buf, offsets, weights = _packed(heads, names)
    head = {"source_sha256": hashlib.sha256(source.read_bytes()).hexdigest(), "names": list(names),
            "biases": [heads[k][0] for k in names], "thresholds": thresholds, "version": version, "n": n}
    tmp = out.with_suffix(".tmp")
    with open(tmp, "wb") as fh:
        fh.write(_PACK_MAGIC + json.dumps(head, sort_keys=True).encode("utf-8") + b"\n")
        fh.write(offsets.tobytes())
        fh.write(weights.tobytes())
        fh.write(buf)
    os.replace(tmp, out)
    return out


def _load_json(path: Path) -> tuple:
    """(heads: name -> (bias, {n-gram: weight}), thresholds, version) of a model file."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return {name: (h["bias"], h["weights"]) for name, h in data["heads"].items()}, data["thresholds"], data["version"]


def _read_model(path: Path, native_code: bool = True) -> NgramModel:
    """A model file, its table in C (``native_code`` and netc.c built) or in Python."""
    return NgramModel(*_load_json(path), native_code=native_code)


def _release_memory() -> None:
    """Give back to the system what reading the model took (its file, or ~50 MB of dicts; now in the C table):
    glibc keeps freed memory for reuse unless asked. Elsewhere (no glibc) a no-op."""
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):
        pass


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
          epochs: int = 10, l2: float = 0.3, lr: float = 0.05, prune: float = 0.03, everyday: tuple = (),
          heads_to_train: tuple = None, keep_from: Path = None) -> dict:
    """Train the heads; pick each threshold by cross-validation so that at most ``max_false_alarm``
    of the labelled hard negatives (allowed maximum below the head's level, kind not "everyday")
    would fire it, and at most half that share of ordinary chat (everyday rows).

    ``everyday``: rows of ordinary messages (chat, FAQ questions; see scripts/train_risk_net.py)
    that train the heads as negatives and, with the labelled ``everyday`` rows, make up the
    ordinary chat of the second threshold budget.

    ``heads_to_train``: only these heads are trained; the others (weights, threshold, cross-validation report)
    are kept as they are in ``keep_from`` (default: the model at ``out``), and the file says which were kept and
    on how many messages they were trained."""
    kept = {}
    if heads_to_train is not None:
        unknown = set(heads_to_train) - {name for name, _ in HEADS}
        if unknown:
            raise ValueError(f"unknown heads: {sorted(unknown)}")
        old = json.loads(Path(keep_from or out).read_text(encoding="utf-8"))
        for name, _ in HEADS:
            if name not in heads_to_train and name in old["heads"]:
                kept[name] = {"head": old["heads"][name], "threshold": old["thresholds"][name],
                              "report": old["cross_validation"][name],
                              "messages": old.get("kept", {}).get(name, {}).get("messages", old["messages"]),
                              "trained_on": old.get("kept", {}).get(name, {}).get("trained_on", old["trained_on"])}
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
        if name in kept:
            heads[name], thresholds[name], report[name] = kept[name]["head"], kept[name]["threshold"], kept[name]["report"]
            continue
        if name not in (heads_to_train or BASE_HEADS):
            continue
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
        gated = name in GATES
        # (a gated head raises only what a crisis head fires on, so a message it reads wrongly is one the crisis heads
        # read as high already: its cut is the hard negatives' alone, with no floor and no budget for ordinary chat,
        # which the crisis heads keep out. The fourteenth session's imminent4 is trained so; imminent2 and imminent3
        # were trained with the floor and the chat budget, which bound them at 0.5)
        floor = 0.0 if gated else 0.5
        threshold = max(floor, negatives[cut] + 1e-6 if negatives else 0.5)
        # and ordinary chat (the labelled everyday rows and the NLU/FAQ messages) gets a budget of
        # its own, half as large: a bot that cries wolf at "tonight i went shopping" is not trusted
        # for long (a fifth cost a third of the crisis recall; the same budget let that one through)
        chat = sorted((oof[i] for i in use if not ys[i] and ordinary[i]), reverse=True)
        if chat and not gated:
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
    if kept:
        data["kept"] = {name: {"messages": k["messages"], "trained_on": k["trained_on"]} for name, k in kept.items()}
    out.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n", encoding="utf-8")
    model.cache_clear()
    return report
