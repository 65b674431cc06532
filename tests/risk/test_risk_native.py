"""The compiled inner loop of the n-gram net (escalation/risk/netc.c) against its definition in Python.

netc.c must give exactly what ngram.py gives: the same number of distinct n-grams and the same sums in
every head, for every labelled message and for texts built to hit each branch of the tokeniser. `make
setup` builds it; in CI (CI=true) a missing or unloadable library is a failure, elsewhere the tests
that need it are skipped with the reason (the screen then runs on the Python code, which the rest of
the suite checks).
"""
from __future__ import annotations

import glob
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from escalation.risk import ngram, screen
from escalation.risk.ngram import features

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent

if ngram.native() is None:
    if os.environ.get("CI"):
        raise AssertionError(f"{ngram.NATIVE_PATH} is not built or cannot be loaded: `make setup` builds it")
    pytest.skip("escalation/risk/_netc.so is not built (no C compiler?): the net runs in Python",
                allow_module_level=True)


@pytest.fixture(scope="module")
def both():
    c = ngram._read_model(ngram.MODEL_PATH)
    p = ngram._read_model(ngram.MODEL_PATH, native_code=False)
    assert c.compiled and not p.compiled
    return c, p


def _labelled_texts():
    out = []
    for f in sorted(glob.glob(str(HERE / "*.jsonl"))):
        for line in Path(f).read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.append(json.loads(line)["text"])
    return out


# texts that reach each branch of the tokeniser: runs of words across spaces and symbols, Chinese
# runs of one to four characters and more, words longer than five letters (4-grams), apostrophes,
# digits, emoji and other symbols, Unicode white space, letters outside ASCII ("ñ", "ǐ", "π": a word
# of one character), characters beyond the Basic Multilingual Plane, and very long texts
EDGE = [
    "", " ", "a", "ab", "a b", "a b c", "a b c d e", "abcdef", "abcde", "it's 'quoted' don't",
    "中", "中文", "中文字", "中文字符", "我想从楼上跳下去", "中 文", "中a文", "a中b", "中。文", "a。b c",
    "😭😭 ok", "💊💊💊 thats my plan", "🪢", "i want to die.", "wo xiang si le", "100 pills 20mg",
    "\x1c\x1d\x1e\x1f a b", "a\x85b", "a\u00a0b", "a\u2003b\u3000c", "a\u2028b", "a\u200bb",
    "señor está aquí", "wǒ xiǎng sǐ", "π r squared", "naïve café", "ǐǐ ǐ", "x\U00020000y", "𠀀𠀁中文",
    "x" * 3000, "字" * 3000, ("i want to die tonight 我想死 " * 200), "'" * 50, "a'b'c'd'e'f",
    # the most n-grams a character can make (netc.c keeps every distinct one, at most five a character): letters outside
    # ASCII each a word of its own, one-letter words, Chinese with its pairs two and three apart
    "ñ" * 3000, "ñéü" * 1000, "a b " * 1500, "".join(chr(0x4e00 + i) for i in range(3000)),
    # lone surrogates (a JSON "\ud83d" escape without its pair): a character like any other, never an error
    "\ud83d i want to die \ud83d", "我想死\ud83d 真的", "\udfff", "a\ud800b",
]


def test_same_sums_and_counts_as_python_on_every_labelled_message(both):
    c, p = both
    texts = _labelled_texts()
    assert len(texts) > 30_000
    diffs = [t for t in texts if c.sums(t) != p.sums(t)]
    assert not diffs, f"{len(diffs)} messages differ, e.g. {diffs[:3]}"


def test_same_level_as_python_on_every_labelled_message(both):
    # rank() in C is one call that says which heads fire (netc_fired, against each head's cut) and a look-up of the level
    # of that set of heads; in Python the sums are compared with the cuts one head at a time, with the gates
    c, p = both
    for text in _labelled_texts():
        assert c.rank(text) == p.rank(text), text


@pytest.mark.parametrize("text", EDGE)
def test_same_sums_and_counts_as_python_on_edge_texts(both, text):
    c, p = both
    assert c.sums(text) == p.sums(text)
    assert c.sums(text)[0] == len(features(text))


def test_same_sums_on_random_mixtures(both):
    """Random strings over an alphabet of every character class the tokeniser tells apart."""
    c, p = both
    alphabet = list("abcxyz09'") + list("我想死了跳楼药") + list(" \t\n\u3000\u00a0") + list(".,!?。，😭💊#") + \
        list("ñǐπé") + ["\U00020000", "\u0085", "\ud83d"]
    rng = random.Random(20261129)
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        assert c.sums(text) == p.sums(text), repr(text)


def test_same_levels_and_evidence_as_python(both):
    c, p = both
    for text in _labelled_texts()[::20] + EDGE:
        assert c.level(text) == p.level(text), text


def test_white_space_is_pythons():
    """netc_is_space must be str.isspace (what the tokeniser's \\s means) on every code point."""
    lib = ngram.native()
    ours = [cp for cp in range(0x110000) if lib.netc_is_space(cp)]
    assert ours == [cp for cp in range(0x110000) if chr(cp).isspace()]


def test_weights_of_given_ngrams(both):
    c, p = both
    feats = sorted(features("我想从楼上跳下去 i want to die tonight 💊"))
    assert c.weights(feats) == p.weights(feats)
    assert c.weights(feats)          # some of them weigh
    assert c.weights(["no such n-gram in the table", ""]) == {}


def test_lone_surrogates_are_screened_not_crashed():
    """A lone surrogate reaches the screen from a JSON "\\ud83d" escape: the message is still read."""
    assert screen("\ud83d i want to kill myself \ud83d").level in ("high", "imminent")
    assert screen("我想自杀\ud83d").level in ("high", "imminent")


def test_a_table_with_a_repeated_ngram_is_refused():
    """netc_build refuses two entries with one hash (here: the same n-gram twice), and the model then
    falls back to Python rather than guessing."""
    lib = ngram.native()
    buf, offsets = ngram._utf32(["ab", "ab"])
    from array import array
    weights = array("i", [1, 2])
    assert not lib.netc_build(1, 2, buf, offsets.buffer_info()[0], weights.buffer_info()[0])


def test_the_pack_gives_the_same_sums(both, tmp_path):
    """The packed weights (ngram.pack, what make setup writes) give the JSON's sums, and are ignored once the
    JSON changes (a retrained net) or when the file is damaged."""
    c, _ = both
    out = ngram.pack(out=tmp_path / "m.pack")
    packed = ngram.NgramModel.from_pack(out, ngram.MODEL_PATH)
    assert packed is not None and packed.compiled
    assert (packed.names, packed.thresholds, packed.version) == (c.names, c.thresholds, c.version)
    for text in _labelled_texts()[::40] + EDGE:
        assert packed.sums(text) == c.sums(text)
        assert packed.rank(text) == c.rank(text)
    other = tmp_path / "other.json"
    other.write_bytes(ngram.MODEL_PATH.read_bytes() + b" ")
    assert ngram.NgramModel.from_pack(out, other) is None
    damaged = tmp_path / "damaged.pack"
    damaged.write_bytes(out.read_bytes()[: out.stat().st_size // 2])
    assert ngram.NgramModel.from_pack(damaged, ngram.MODEL_PATH) is None
    assert ngram.NgramModel.from_pack(tmp_path / "absent.pack", ngram.MODEL_PATH) is None


def test_setup_packed_the_model():
    """make setup packs the weights (CI runs it); elsewhere a missing pack only means a slower start."""
    if not ngram.PACK_PATH.exists() and not os.environ.get("CI"):
        pytest.skip("escalation/risk/data/ngram_model.pack not written: make setup writes it")
    assert ngram.NgramModel.from_pack(ngram.PACK_PATH, ngram.MODEL_PATH) is not None


def test_the_screen_uses_the_compiled_net():
    m = ngram.model()
    assert m is not None and m.compiled
    assert screen("想从学校教学楼上跳下去").level in ("high", "imminent")


def test_switched_off_by_environment():
    """QINGXIN_RISK_NATIVE=0 runs the Python code: same levels, in a fresh process."""
    code = ("import json,sys; from escalation.risk import ngram, screen; m = ngram.model(); "
            "print(json.dumps([m.compiled, screen(sys.argv[1]).level]))")
    text = "想从学校教学楼上跳下去"
    outs = {}
    for flag in ("0", "1"):
        env = dict(os.environ, QINGXIN_RISK_NATIVE=flag)
        r = subprocess.run([sys.executable, "-c", code, text], cwd=ROOT, env=env, capture_output=True, text=True,
                           timeout=120, check=True)
        outs[flag] = json.loads(r.stdout)
    assert outs["0"][0] is False and outs["1"][0] is True
    assert outs["0"][1] == outs["1"][1]
