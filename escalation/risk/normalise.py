"""Text normalisation for the risk screen, keeping a map back to the original offsets.

Two views of a message are produced:

* ``plain``: Unicode NFKC (full-width -> half-width, styled letters -> plain letters), lower case,
  Traditional -> Simplified Chinese (data/t2s.tsv), hyphens/underscores -> spaces, zero-width
  characters and variation selectors removed, separators inside Chinese words removed
  ("自 杀", "自*杀"), spaced-out letters joined ("s u i c i d e", "k.m.s"), dots/stars inside a
  word removed ("sui.cide"), a run of spaces or tabs cut to one space, single Chinese characters parted
  by commas joined ("我，想，死"), leetspeak read as letters ("k1ll", "5u1c1d3"), runs of 3+ identical
  letters cut to 2 ("pleeease" -> "pleease").
  The regex patterns of the lexicons run on this view.
* ``squeezed``: ``plain`` with every run of identical Latin letters cut to one ("diieee" -> "die",
  "kill" -> "kil"). The Aho-Corasick terms (themselves squeezed when the automaton is built) are
  matched on this view, so elongated spellings match without listing them.

The lexicon reads these views with a few words read otherwise (``lexicon_views``): Hong Kong chat's words as Mandarin
ones, dialect spellings of English's small words as the standard ones, a pinyin syllable glued to Chinese as its
character, and a mistyped word as the lexicon word it is one slip from ("tonihgt", "brigde": ``_corrected``).

Every character of both views maps back to a character of the original text, so evidence spans
point into what the person actually wrote. The translation table is built once, lazily.
"""
from __future__ import annotations

import os
import re
import unicodedata
from bisect import bisect_right
from functools import lru_cache
from typing import Callable, Optional

_DATA = os.path.join(os.path.dirname(__file__), "data")

_TABLE: Optional[dict] = None

# Ranges whose characters may change under NFKC/lower-casing and matter for matching.
_RANGES = (
    (0x0000, 0x0250),    # Latin
    (0x0370, 0x0400),    # Greek (a few look-alikes)
    (0x2000, 0x2BFF),    # punctuation, letterlike symbols, enclosed alphanumerics
    (0x3000, 0x3040),    # CJK punctuation (ideographic space)
    (0xFF00, 0xFFF0),    # full-width forms
    (0x1D400, 0x1D800),  # mathematical alphanumerics ("𝐬𝐮𝐢𝐜𝐢𝐝𝐞")
    (0x1F100, 0x1F200),  # enclosed alphanumeric supplement
)

_CANTONESE = {"唔": "不", "冇": "没", "咗": "了", "嘅": "的", "佢": "他", "哋": "们", "喺": "在", "攰": "累", "諗": "想",
              "谂": "想", "睇": "看", "搵": "找", "揾": "找", "啲": "些", "俾": "被", "嚟": "来", "食": "吃", "樽": "瓶", "仲": "还", "瞓": "睡",
              "攞": "拿", "喇": "了",
              # "畀人打" (被人打: 畀 also gives, "畀錢我", which no rule reads); "咩" (what: "做人有咩意思" reads "有啥意思").
              # (係, "is", stays 系 as Traditional -> Simplified makes it: read as 是 it took the net's n-grams of Cantonese
              # chat away from what it was trained on, and two held-out messages fell below medium; a rule that needs it
              # writes (?:是|系))
              "畀": "被", "咩": "啥", "乜": "啥", "拎": "拿", "嗰": "那", "唞": "喘", "揼": "打"}
# (嘢, "thing", and 邊度, "where", stay as written: read as 事 and 哪里 they moved the net's n-grams of Cantonese chat, and
# held-out messages with them; a rule that needs them writes both)
# Cantonese words of two or three characters -> Mandarin words of the same length (offsets unchanged), read after the
# one-for-one map above and Traditional -> Simplified: "我個仔啱啱喺窗口爬咗出去，企喺冷氣機架度" reads "刚刚 … 站在",
# "聽日唔使等我返學" reads "明天不用等我上学", "阿爸飲醉酒又打緊阿媽" reads "喝醉 … 在打" (a verb + 緊 is going on now)
_CANTONESE_WORDS = {"啱啱": "刚刚", "而家": "现在", "听日": "明天", "琴日": "昨天", "寻日": "昨天", "屋企": "家里",
                    "企在": "站在", "不使": "不用", "落去": "下去", "跳落": "跳下", "落返去": "下回去", "返学": "上学",
                    "返工": "上班", "返来": "回来", "返去": "回去", "饮了": "喝了", "饮醉": "喝醉",
                    "细佬": "弟弟", "家姐": "姐姐", "老豆": "爸爸", "老窦": "爸爸", "冷气": "空调",
                    # sentence particles: "冇希望㗎喇" reads "没希望了啊", "我係咪多餘㗎" reads "我是否多余的"
                    "㗎了": "了啊", "㗎啦": "了啊", "㗎": "的", "系咪": "是否", "系不系": "是不是",
                    "点样": "怎样", "点解": "为何", "嗌交": "吵架", "嗌架": "吵架", "喺度": "在这", "在度": "在这", "想住": "想着",
                    # round 64 (b48a): how much, how long, hanging, a balcony, this sentence, can't stop, touching,
                    # scolding; cutting (界 is Hong Kong chat's word for it: "界手", "又界緊")
                    "几多": "多少", "几耐": "多久", "吊颈": "上吊", "呢句": "这句", "止不到": "止不住", "掂我": "摸我",
                    "闹我": "骂我", "界手": "割手", "界自己": "割自己", "界紧": "在割", "界了": "割了",
                    "出世": "出生", "就咁": "就这",
                    # 俾 lets as well as passes ("唔俾我食飯": 不给我吃饭, not 不被我), and gives
                    "不被我": "不给我",
                    # round 66 (b52a): then (先 = 才), sorry, home, out of touch, a neck held, stored up
                    "先可以": "才可以", "先会": "才会", "先能": "才能", "对不住": "对不起",
                    "返屋企": "回家里", "返家": "回家", "联络不到": "联系不到", "联络不上": "联系不上", "条颈": "脖子",
                    "捏住": "掐住", "储起": "存起", "储埋": "存了", "一次过": "一次性", "由呢个": "从这个", "由这个": "从这个",
                    }
_CUT_WORDS = ("界手", "界自己", "界紧", "界了")   # not after 世, 眼, 境...: "世界紧张" is the world, tense
_CANTONESE_WORD = re.compile("|".join(sorted((w for w in _CANTONESE_WORDS if w not in _CUT_WORDS), key=len, reverse=True))
                             + r"|(?<![世境边眼业学视各租外])(?:" + "|".join(_CUT_WORDS) + ")"
                             + r"|(?<!不)[打割吃喝揍踢掐推锁骂]紧")


def _cantonese_word(m: re.Match) -> str:
    w = m.group()
    return _CANTONESE_WORDS.get(w) or "在" + w[0]

ZERO_WIDTH = "\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff"


def _build_table() -> dict:
    table: dict = {}
    for lo, hi in _RANGES:
        for cp in range(lo, hi):
            c = chr(cp)
            n = unicodedata.normalize("NFKC", c).lower()
            if len(n) == 1 and n != c:
                table[cp] = n
            # a Latin letter with a mark reads as the letter: pinyin with tones ("sǐ le suàn le"), "café"
            base = unicodedata.normalize("NFD", n)[0]
            if len(n) == 1 and base != n and "a" <= base <= "z":
                table[cp] = base
    with open(os.path.join(_DATA, "t2s.tsv"), encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or "\t" not in line:
                continue
            trad, simp = line.rstrip("\n").split("\t")[:2]
            if len(trad) == 1 and len(simp) == 1:
                table[ord(trad)] = simp
    # Cantonese function words and verbs -> Mandarin, one character for one, so that every Mandarin term
    # and pattern reads Hong Kong and Macau chat too: "我唔想活" (不想活), "食咗成樽藥" (吃了成瓶药),
    # "佢哋" (他们), "好攰" (好累), "冇諗過" (没想过).
    for cant, mand in _CANTONESE.items():
        table[ord(cant)] = mand
    # "亖" (an old way to write 四, sì) is how chat writes 死 (sǐ) without writing it: "我想亖", "亖了算了"
    table[ord("亖")] = "死"
    # "搧" is slapping (扇). ("𠝹", Hong Kong chat's cutting, stays as written: the rules that read it write it, and read as
    # 割 it moved a held-out crisis below its range)
    table[ord("搧")] = "扇"
    # Hyphens, underscores, look-alike dashes and tabs separate words: make them spaces.
    for c in "\t-_\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uff0d\uff3f":
        table[ord(c)] = " "
    # Curly quotes/apostrophes -> ASCII, so "don’t" matches "don't".
    for c in "\u2018\u2019\u02bc\uff07`\u00b4":
        table[ord(c)] = "'"
    for c in "\u201c\u201d\u300c\u300d\u300e\u300f":
        table[ord(c)] = '"'
    # Full stop variants stay distinct from the ASCII dot used as an obfuscation separator.
    return table


def table() -> dict:
    global _TABLE
    if _TABLE is None:
        _TABLE = _build_table()
    return _TABLE


_HAN_RANGES = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_DEL_ZW = re.compile("[" + ZERO_WIDTH + "\ufe00-\ufe0f]+")
# separators sandwiched between two Han characters: "自 杀", "自*杀", "自.杀", "想~死"
_DEL_HAN_SEP = re.compile(r"(?<=[" + _HAN_RANGES + r"])[\s*.·•~/\\|^+#]{1,3}(?=[" + _HAN_RANGES + r"])")
# three or more single letters separated by spaces/dots/stars/slashes: "s u i c i d e", "k.m.s", "u/n/a/l/i/v/e"
_SPACED = re.compile(r"(?<![a-z0-9'])[a-z](?:[\s.*·•/-]{1,3}[a-z](?![a-z0-9])){2,}")
_SPACED_SEP = re.compile(r"[\s.*·•/-]+")
# a dot or star inside a word: "sui.cide", "un*alive"
_DEL_INNER = re.compile(r"(?<=[a-z])[.*]{1,2}(?=[a-z])")
# leetspeak inside a word that starts with a letter: "k1ll", "su1c1de", "d1e"; or with a digit when a letter is followed
# by a digit again: "5u1c1d3" (not "20mg", "3pm", "1st": a number and its unit): a 1:1 substitution, so offsets are
# unchanged.
_LEET_WORD = re.compile(r"(?<![a-z0-9@$])(?:[a-z][a-z0-9@$]*[0-9@$]|[0134@$57][a-z0-9@$]*[a-z][0134@$57])[a-z0-9@$]*")
# one star for one letter inside a word: "k*ll", "h*rm", "s*icide" (read against the lexicons' words: ``set_vocabulary``)
_MASKED = re.compile(r"(?<![a-z0-9*])([a-z]+)\*([a-z]+)(?![a-z0-9*])")
_VOCAB: dict = {}   # the Latin words of the lexicons' risk terms (three letters or more) -> how many terms use them
_LEET = str.maketrans({"1": "i", "3": "e", "0": "o", "4": "a", "@": "a", "$": "s", "5": "s", "7": "t"})
_HAS_LEET = re.compile(r"[a-z][0134@$57]|[0134@$57][a-z]")
_S_SLASH_H = re.compile(r"(?<![a-z0-9])s/h(?![a-z0-9])")
# "!" between two letters is an i: "k!ll", "d!e", "su!c!de" (not "help!", "omg!!")
_BANG_I = re.compile(r"(?<=[a-z])!(?=[a-z])")
_REPEAT3 = re.compile(r"([a-z])\1{2,}")
_REPEAT2 = re.compile(r"([a-z])\1+")
# cheap pre-checks for the rules above
_SEP_CHARS = " \t\n\u3000*.\u00b7\u2022~/\\|^+#"
_HAN = re.compile("[" + _HAN_RANGES + "]")
_SPACED_HINT = re.compile(r"[^a-z0-9'][a-z][\s.*\u00b7\u2022/-]{1,3}[a-z][\s.*\u00b7\u2022/-]{1,3}[a-z][^a-z0-9]")
# three or more dots, or an ellipsis character, are a pause between words ("i.......cant.......do"): spaces, one for one
_ELLIPSIS = re.compile(r"\.{3,}|…+")
# a run of spaces (a tab is one by then): one is kept, so that "i want  to die" (two spaces) reads like "i want to die"
_WIDE_SPACE = re.compile(r" {2,}")
# single Chinese characters parted by commas, full stops or spaces: "我，想，死", "家 暴 。 每 天" (three or more; "好，我知道了"
# is a sentence)
_HAN_COMMAS = re.compile(r"[" + _HAN_RANGES + r"](?:(?:\s?[,、。]\s?|\s{1,3})[" + _HAN_RANGES + r"]){2,}")
_COMMA = re.compile(r"\s?[,、。]\s?|\s+")
# a short Latin word set off by spaces inside Chinese: "我想 zs", "又 sh 了", "好想 s i" (slang written apart)
_HAN_LATIN = re.compile(r"(?<=[" + _HAN_RANGES + r"]) ?[a-z](?: ?[a-z]){0,2} ?(?=[" + _HAN_RANGES + r"]|$)")
_DOTTED_HINT = re.compile(r"[a-z][.*\u00b7\u2022][a-z][.*\u00b7\u2022][a-z]")


class View:
    """A normalised text plus the way back to the original offsets.

    ``_starts``/``_origs`` are the segments of this view that were copied unchanged from the
    parent (the previous view, or the original text when ``_parent`` is None): character ``i``
    with ``_starts[k] <= i < _starts[k+1]`` came from parent offset ``_origs[k] + i - _starts[k]``.
    Only deletions make segments, so building a view costs O(number of deletions)."""

    __slots__ = ("text", "_starts", "_origs", "_parent", "length_orig", "_flat")

    def __init__(self, text: str, starts: tuple, origs: tuple, parent: "Optional[View]", length_orig: int):
        self.text = text
        self._starts = starts
        self._origs = origs
        self._parent = parent
        self.length_orig = length_orig
        self._flat = None

    @property
    def cut(self) -> bool:
        """Was anything deleted to make this view (a stretched letter, a separator inside a word)?"""
        return self._parent is not None

    def to_parent(self, i: int) -> int:
        if not self._starts:
            return i
        k = bisect_right(self._starts, i) - 1
        return self._origs[k] + (i - self._starts[k])

    def _flatten(self) -> tuple:
        """The segments of this view mapped straight to the original text (composed once, on first
        use, from this view's and its parents' segments), so that orig() is one bisection."""
        if self._parent is None:
            flat = (self._starts, self._origs) if self._starts else ((0,), (0,))
        else:
            ps, po = self._parent._flat or self._parent._flatten()
            if not self._starts:
                flat = (ps, po)
            else:
                starts, origs, n = self._starts, self._origs, len(self.text)
                fs, fo = [], []
                for k, c0 in enumerate(starts):
                    c1 = starts[k + 1] if k + 1 < len(starts) else n
                    if c1 <= c0:
                        continue
                    p0 = origs[k]
                    p1 = p0 + (c1 - c0)
                    # the parent's segments this one runs through
                    j = bisect_right(ps, p0) - 1
                    while True:
                        at = ps[j] if ps[j] > p0 else p0
                        fs.append(c0 + at - p0)
                        fo.append(po[j] + at - ps[j])
                        j += 1
                        if j >= len(ps) or ps[j] >= p1:
                            break
                flat = (tuple(fs), tuple(fo)) if fs else ((0,), (0,))
        self._flat = flat
        return flat

    def orig(self, i: int) -> int:
        """Original offset of character ``i`` of this view (``i == len(text)`` maps to the end)."""
        if i >= len(self.text):
            return self.length_orig
        starts, origs = self._flat or self._flatten()
        k = bisect_right(starts, i) - 1
        return origs[k] + (i - starts[k])

    def retext(self, text: str, parent: "Optional[View]" = None) -> "View":
        """This view with other characters of the same length (``lexicon_views``): the same map back to the original
        text, under ``parent`` when the parent view was written anew too."""
        view = View(text, self._starts, self._origs, parent or self._parent, self.length_orig)
        if parent is None:
            view._flat = self._flat
        return view

    def from_parent(self, i: int) -> int:
        """Offset in this view of the parent's character ``i`` (of the character after it, when it was deleted)."""
        if not self._starts:
            return i
        k = bisect_right(self._origs, i) - 1
        if k < 0:
            return 0
        seg_end = self._starts[k + 1] if k + 1 < len(self._starts) else len(self.text)
        return min(self._starts[k] + (i - self._origs[k]), seg_end)

    def orig_span(self, start: int, end: int) -> tuple:
        if end <= start:
            s = self.orig(start)
            return s, s
        return self.orig(start), self.orig(end - 1) + 1


def _delete(view: View, spans: list) -> View:
    """A new view with the (start, end) spans of ``view.text`` removed."""
    if not spans:
        return view
    spans.sort()
    text = view.text
    pieces = []
    starts = []
    origs = []
    pos = 0
    out = 0
    for s, e in spans:
        if s > pos:
            pieces.append(text[pos:s])
            starts.append(out)
            origs.append(pos)
            out += s - pos
        if e > pos:
            pos = e
    if pos < len(text):
        pieces.append(text[pos:])
        starts.append(out)
        origs.append(pos)
    if not starts:
        starts.append(0)
        origs.append(pos)
    return View("".join(pieces), tuple(starts), tuple(origs), view, view.length_orig)


def set_vocabulary(words: dict, pairs: Optional[dict] = None, mixed: frozenset = frozenset()) -> None:
    """The words a masked letter may spell ("k*ll" -> "kill", "h*rm" -> "harm"), each with how many terms use it;
    lexicon.build gives its risk terms' words, before anything is screened (until then a star is only a separator).
    ``pairs``: the risk terms' pairs of Chinese characters, for a pinyin syllable glued to Chinese (``_pinyin_edits``);
    ``mixed``: the Latin words of terms written in both scripts ("跳lou", "割wan"), pinyin rather than English."""
    global _VOCAB, _HAN_PAIRS, _MIXED
    _VOCAB = dict(words)
    _HAN_PAIRS = dict(pairs or {})
    _MIXED = frozenset(mixed) - _NOT_PINYIN
    normalise.cache_clear()
    _readings_changed()


def vocabulary() -> dict:
    """The risk terms' words, each with how many terms use it (``set_vocabulary``)."""
    return _VOCAB


_HAN_PAIRS: dict = {}
_MIXED: frozenset = frozenset()
_PINYIN: Optional[dict] = None
# a pinyin syllable glued to a Chinese character on either side ("安眠yao", "跳lou", "吃了好多yao"); not a word of the
# lexicons' English risk terms ("想die" is "die") nor one of English's short words (a syllable the terms write glued to
# Chinese is pinyin: "跳lou机" reads 跳楼机, the ride, which the exclusions know)
_GLUED = re.compile(r"(?<=[" + _HAN_RANGES + r"])[a-z]{2,6}(?![a-z'])|(?<![a-z0-9'])[a-z]{2,6}(?=[" + _HAN_RANGES + r"])")
_NOT_PINYIN = frozenset({"he", "me", "we", "ye", "no", "so", "go", "do", "to", "an", "ok", "ha", "hi", "die", "en", "er"})


def _pinyin() -> dict:
    """syllable -> the lexicons' characters read so (data/pinyin.tsv, made by data/make_pinyin.py)."""
    global _PINYIN
    if _PINYIN is None:
        out: dict = {}
        path = os.path.join(_DATA, "pinyin.tsv")
        if os.path.exists(path):
            with open(path, encoding="utf-8") as fh:
                for line in fh:
                    if line.startswith("#") or "\t" not in line:
                        continue
                    char, readings = line.rstrip("\n").split("\t", 1)
                    for r in readings.split():
                        out.setdefault(r, []).append(char)
        _PINYIN = out
    return _PINYIN


def _pinyin_edits(text: str) -> list:
    """(start, end, character) for each pinyin syllable glued to Chinese that, read as a character, makes a pair of the
    lexicons' risk terms with its neighbour ("安眠yao" -> 安眠药, "跳lou" -> 跳楼, "想si" -> 想死): the character more
    terms use when several would. A syllable that makes no such pair stays as written ("我yao去学校")."""
    if not _HAN_PAIRS:
        return []
    table = _pinyin()
    out = []
    for m in _GLUED.finditer(text):
        syl = m.group()
        chars = table.get(syl)
        if not chars or syl in _NOT_PINYIN or (syl in _VOCAB and syl not in _MIXED and (
                len(syl) < 4 or syl in _typo_tables()[1])):
            # (an English risk word glued to Chinese is English: "想die"; a longer one that no English word spells is
            # pinyin, though a term written all in pinyin has it: "想跳jiang" is 想跳江, as "tiao jiang" is)
            continue
        s, e = m.span()
        before = text[s - 1] if s and "\u4e00" <= text[s - 1] <= "\u9fff" else ""
        after = text[e] if e < len(text) and "\u4e00" <= text[e] <= "\u9fff" else ""
        score, best = max((_HAN_PAIRS.get(before + c, 0) + _HAN_PAIRS.get(c + after, 0), c) for c in chars)
        if score:
            out.append((s, e, best))
    return out


def _unmask(m) -> str:
    """A star read as the vowel that makes a lexicon word of the word, the word more terms use when two do ("c*t" ->
    "cut", not "cat"); one character for one, so offsets are unchanged. When none does, the star stays a separator,
    removed later ("un*alive")."""
    a, b = m.group(1), m.group(2)
    best = max("iaeouy", key=lambda v: _VOCAB.get(a + v + b, 0))
    return a + best + b if a + best + b in _VOCAB else m.group()


# names with digits in them that are no leetspeak (a console, a file type, a vitamin): "if he touches my ps5 again"
_NOT_LEET = frozenset({"ps1", "ps2", "ps3", "ps4", "ps5", "mp3", "mp4", "3ds", "2ds", "gta5", "gta4", "xbox360", "h2o", "co2",
                       "b12", "b6", "d3", "k2", "4k", "8k", "5g", "4g", "3d", "2d", "a4", "a5", "s23", "s24", "f1", "m4",
                       "fifa23", "fifa24", "fc24", "fc25", "nba2k", "2k24", "2k25", "covid19", "web3", "u2", "b2b", "p2p"})


# in a message written in leetspeak, a word that starts with a digit and goes on in letters ("1ts", "3nd", "1t", "0ver"),
# unless it is a number and its unit ("1st", "3pm", "5mins", "4ever"), and a lone "1" before a word a person says of
# themself ("s4y1ng 1 sh0uld hurt", "1 w4nt")
_LEET_HEAD = re.compile(r"(?<![a-z0-9@$.,:/])[01345][a-z]+(?![a-z0-9@$])")
_ORDINALS = frozenset({"1st", "3rd", "0th", "4th", "5th"})
_UNITS = frozenset({"am", "pm", "h", "hr", "hrs", "min", "mins", "sec", "secs", "mg", "ml", "g", "kg", "k", "km", "m", "s", "x",
                    "yo", "yr", "yrs", "d", "day", "days", "wk", "wks", "mo", "lb", "lbs", "oz", "l", "cm", "ft", "in", "mb",
                    "gb", "p", "ever", "eva", "got", "give", "get"})
_LEET_I = re.compile(r"(?<![a-z0-9@$.,:/])1(?= (?:should|shud|will|want|wanna|am|m|can|cant|can't|cannot|dont|don't|just|"
                     r"need|have|feel|think|hate|know|wish|gotta|gonna|keep|did|didnt|didn't|was|wont|won't|never|really|"
                     r"could|would|might|miss|love|tried|took|swear|promise|only|still|always|deserve)\b)")


# "Martian script" (火星文): rare look-alike characters and Zhuyin letters typed for common words ("莪眞哋想ㄙ" for 我真的想死,
# "鉯經決啶ㄋ 今晚就離開" for 已经决定了). Read only in a message that holds two of the rare characters or a Zhuyin letter
# beside Chinese: 哋 and 嘟 are Cantonese and Mandarin words of their own ("我哋", "嘟嘟"). One character for one
_MARTIAN_RARE = "莪伱沵倷鉯啶芣朩吥恏湜媞崾婹嚒庅僦洅侢亊倁朲亽彵怹秂吇孒徃緈啝"
_MARTIAN = str.maketrans({
    "莪": "我", "伱": "你", "沵": "你", "倷": "你", "鉯": "以", "啶": "定", "芣": "不", "朩": "不", "吥": "不", "恏": "好",
    "湜": "是", "媞": "是", "崾": "要", "婹": "要", "嚒": "么", "庅": "么", "僦": "就", "洅": "再", "侢": "再", "亊": "事",
    "倁": "知", "朲": "人", "亽": "人", "彵": "他", "怹": "他", "秂": "人", "吇": "子", "孒": "子", "徃": "往", "緈": "幸",
    "啝": "和", "哋": "的", "嘟": "都", "巳": "已", "卟": "不",
    "ㄉ": "的", "ㄇ": "吗", "ㄋ": "了", "ㄌ": "了", "ㄚ": "啊", "ㄙ": "死"})
_MARTIAN_HINT = frozenset(_MARTIAN_RARE + "ㄉㄇㄋㄌㄚㄙ")
_ZHUYIN_BY_HAN = re.compile(r"[" + _HAN_RANGES + r"][ㄉㄇㄋㄌㄚㄙ]|[ㄉㄇㄋㄌㄚㄙ][" + _HAN_RANGES + r"]")


def _unmartian(t: str) -> str:
    """``t`` with Martian script read as the characters it stands for (see _MARTIAN), when it is Martian script."""
    if sum(t.count(c) for c in _MARTIAN_RARE if c in t) >= 2 or _ZHUYIN_BY_HAN.search(t):
        return t.translate(_MARTIAN)
    return t


def _unleet_text(t: str) -> str:
    """Leetspeak words read as letters. A word needs two letters ("k1ll", not "b4", "mp3"'s "3" alone), unless another
    word of the message was leetspeak: then "d13" and "w45" are read too ("i w4n7 to d13"), and so are "1ts" and a
    lone "1" before a verb ("f4r3w3ll. 1ts t1m3", "1 sh0uld"). Names such as "ps5" stay."""
    if not any(sum(c.isalpha() for c in m.group()) >= 2 and m.group() not in _NOT_LEET for m in _LEET_WORD.finditer(t)):
        return t
    t = _LEET_WORD.sub(lambda m: m.group() if m.group() in _NOT_LEET else m.group().translate(_LEET), t)
    t = _LEET_HEAD.sub(lambda m: m.group() if m.group() in _ORDINALS or m.group()[1:] in _UNITS
                       else m.group().translate(_LEET), t)
    return _LEET_I.sub("i", t) if "1 " in t else t


_ASCII_EXTRA = str.maketrans({"-": " ", "_": " ", "`": "'", "\t": " "})
_KEYS: Optional[frozenset] = None   # every non-ASCII character that the table or _DEL_ZW changes
_ZW_KEYS = frozenset(ZERO_WIDTH) | frozenset(chr(c) for c in range(0xFE00, 0xFE10))


def _keys() -> frozenset:
    global _KEYS
    if _KEYS is None:
        _KEYS = frozenset(chr(cp) for cp in table() if cp > 0x7F) | _ZW_KEYS
    return _KEYS


def _translate(text: str):
    """(translated text, may contain zero-width characters).

    Same result as ``text.translate(table())`` (all its mappings are one character to one
    character), much faster: an ASCII text only needs lower-casing (and "-_`"); otherwise the
    characters of the table that occur are found with one set intersection (C speed) and replaced
    one by one with str.replace. str.translate with a dict costs ~0.2 µs per Chinese character."""
    if text.isascii():
        t = text.lower()
        if "-" in t or "_" in t or "`" in t or "\t" in t:
            t = t.translate(_ASCII_EXTRA)
        return t, False
    hits = (_KEYS or _keys()).intersection(text)
    t = text
    zw = False
    if hits:
        tab = _TABLE
        if len(hits) > 12:
            return text.translate(tab), not _ZW_KEYS.isdisjoint(hits)
        for c in hits:
            r = tab.get(ord(c))
            if r is None:
                zw = True
            elif r in hits:       # a chain (a -> b, b -> c): replace() would map twice
                return text.translate(tab), not _ZW_KEYS.isdisjoint(hits)
            else:
                t = t.replace(c, r)
    low = t.lower()
    if len(low) != len(t):        # a character whose lower case is longer ("İ"): the slow, exact way
        return text.translate(tab if hits else table()), zw
    t = low
    if "-" in t or "_" in t or "`" in t or "\t" in t:
        t = t.translate(_ASCII_EXTRA)
    return t, zw


@lru_cache(maxsize=8)
def normalise(text: str) -> tuple:
    """Return (plain, squeezed) views of ``text``.

    Cached for the last few texts: the lexicon pass and the n-gram net (ngram.py) read the same
    message, and the views are never modified after they are built.

    Each deletion rule first asks a cheap question (a substring test, or a regex that starts
    with a literal) so that the common message pays for none of the rules it cannot need."""
    # (Martian script is read before the table, which reads 哋 as Cantonese: one character for one, so offsets hold)
    t, maybe_zw = _translate(_unmartian(text) if not text.isascii() and not _MARTIAN_HINT.isdisjoint(text) else text)
    if not t.isascii():
        t = _CANTONESE_WORD.sub(_cantonese_word, t)
    if _maybe_leet(t):
        t = _unleet_text(t)
    if "!" in t:
        t = _BANG_I.sub("i", t)
    if "*" in t and _VOCAB:
        t = _MASKED.sub(_unmask, t)
    if "..." in t or "…" in t:
        t = _ELLIPSIS.sub(lambda m: " " * len(m.group()), t)
    base = View(t, (), (), None, len(text))
    if maybe_zw and _DEL_ZW.search(t):
        # remove zero-width characters first so that they do not break the other rules
        base = _delete(base, [m.span() for m in _DEL_ZW.finditer(t)])
        t = base.text
    dels = []
    seps = False
    for c in _SEP_CHARS:
        if c in t:
            seps = True
            break
    han = not t.isascii() and _HAN.search(t) is not None
    if han and ("," in t or "、" in t or "。" in t or " " in t):
        for m in _HAN_COMMAS.finditer(t):
            dels.extend((m.start() + c.start(), m.start() + c.end()) for c in _COMMA.finditer(m.group()))
    if seps:
        if han:
            dels.extend(m.span() for m in _DEL_HAN_SEP.finditer(t))
            if " " in t:
                for m in _HAN_LATIN.finditer(t):
                    if " " in m.group():
                        dels.extend((m.start() + i, m.start() + i + 1) for i, c in enumerate(m.group()) if c == " ")
        dotted = "." in t or "*" in t or "\u00b7" in t or "\u2022" in t
        if _SPACED_HINT.search(" " + t + " ") or (dotted and _DOTTED_HINT.search(t)):
            for m in _SPACED.finditer(t):
                off = m.start()
                seps = list(_SPACED_SEP.finditer(m.group()))
                # "k i l l  m y s e l f": a wider gap of spaces between the letters is a word break
                narrow = min(sm.end() - sm.start() for sm in seps)
                for sm in seps:
                    wide = sm.end() - sm.start() > narrow and sm.group().isspace()
                    dels.append((off + sm.start() + (1 if wide else 0), off + sm.end()))
        if dotted:
            dels.extend(m.span() for m in _DEL_INNER.finditer(t))
        if "  " in t:
            dels.extend((m.start() + 1, m.end()) for m in _WIDE_SPACE.finditer(t))
        if "/" in t:
            # "s/h" (self-harm) reads as "sh"
            dels.extend((m.start() + 1, m.start() + 2) for m in _S_SLASH_H.finditer(t))
    if dels:
        # the rare path: separators removed first, then runs of letters read on the result
        if _REPEAT3.search(t):
            dels.extend((m.start() + 2, m.end()) for m in _REPEAT3.finditer(t))
        plain = _delete(base, dels)
        sq = [(m.start() + 1, m.end()) for m in _REPEAT2.finditer(plain.text)]
        squeezed = _delete(plain, sq) if sq else plain
        return plain, squeezed
    # the common path: one pass over the runs of a doubled letter gives both views
    runs = [m.span() for m in _REPEAT2.finditer(t)]
    if not runs:
        return base, base
    cut3 = [(s + 2, e) for s, e in runs if e - s > 2]
    if not cut3:
        return base, _delete(base, [(s + 1, e) for s, e in runs])
    plain = _delete(base, cut3)
    sq = []
    removed = 0
    for s, e in runs:
        ps = s - removed
        sq.append((ps + 1, ps + min(e - s, 2)))
        if e - s > 2:
            removed += e - s - 2
    return plain, _delete(plain, sq)


# Hong Kong chat read as Mandarin by the lexicon only. The maps above are read by the n-gram net too, which was trained
# on text read that way: a new map there moves the net's n-grams of Cantonese chat (係, 嘢, 邊度 and 成日 each moved
# held-out messages out of range when tried). These are read after them, on the lexicon's views alone (lexicon_views),
# and on every term, anchor and regex (normalise_term, normalise_regex), each a word of the same length, so offsets hold:
# "佢話要跳" reads "他说要跳", "冇人阻得到我" "没人拦得住我", "啲嘢成日俾人收埋" "些事整天被人收埋", "飲幾多" "喝多少".
_LEXICON_WORDS = {"边度": "哪里", "成日": "整天", "嘢": "事", "阻得到": "拦得住", "阻不到": "拦不住", "等紧": "在等",
                  "落来": "下来", "落楼": "下楼", "讲声": "说声", "今个": "这个", "呢度": "这里", "呢个": "这个",
                  "呢些": "这些", "呢次": "这次", "呢世": "这世", "呢条": "这条", "呢位": "这位", "呢件": "这件",
                  "好晒": "好了", "没晒": "没了", "吃晒": "吃光", "喝晒": "喝光", "吞晒": "吞光", "用晒": "用完",
                  "死晒": "死光", "倒晒": "倒光", "讲到": "说到", "讲过": "说过", "同我讲": "跟我说",
                  "咁样": "这样",
                  # round 68 (b58a): my things ("我啲嘢": 啲 is 些 as a measure word, 的 after a person), can't control
                  # ("控制唔到"), can't bear ("頂唔順")
                  "我些": "我的", "你些": "你的", "他些": "他的", "她些": "她的", "们些": "们的", "控制不到": "控制不住",
                  "顶不顺": "顶不住",
                  # round 69 (b62a): now (宜家), open the eyes (擘), which (边个), living (活住), their (佢地 -> 他地),
                  # burning now (烧紧), hidden and pushed
                  "宜家": "现在", "擘不开": "睁不开", "擘开": "睁开", "边个": "哪个", "活住": "活着", "他地": "他们",
                  "我地": "我们", "你地": "你们", "烧紧": "在烧", "吞紧": "在吞", "跳紧": "在跳", "喊紧": "在哭",
                  "流紧": "在流", "震紧": "在抖",
                  # round 71 (b71a): itching to death (痕), poison put in food (落毒)
                  "痕到": "痒到", "痕得": "痒得", "落毒": "下毒",
                  # when (last night, tomorrow morning, just now, in a moment, at once, lately), only, leaving first
                  # ("我走先": 我先走), fainted, hurt, killing and chopping (not 劏房, a flat),
                  # angry, crying, thrown at, a fight
                  "琴晚": "昨晚", "寻晚": "昨晚", "听朝": "明早", "听晚": "明晚", "头先": "刚才", "阵间": "等下",
                  "即刻": "马上", "呢排": "最近", "净系": "只是", "走先": "先走",
                  "晕低": "晕倒", "整亲": "弄伤", "㓥人": "杀人", "㓥死": "杀死", "斩人": "砍人",
                  "斩死": "砍死", "嬲到": "气到", "好嬲": "好气", "激死": "气死", "喊了": "哭了", "喊到": "哭到",
                  "好想喊": "好想哭", "掟我": "扔我", "打交": "打架",
                  # standing or sitting at a place ("企咗喺天台邊"), later ("遲啲"), told to you, thanks, sorted, holding a
                  # knife ("揸住把刀"), cutting (鎅), don't look for me or worry ("唔好搵我", "唔好擔心"), tell others
                  "企了在": "现站在", "坐了在": "现坐在", "迟些": "以后", "同你讲": "跟你说", "同他讲": "跟他说",
                  "同她讲": "跟她说", "多谢": "谢谢", "搞掂": "搞定", "揸住": "拿着", "揸刀": "拿刀", "揸把": "拿把",
                  "鎅": "割", "不好找我": "不要找我", "不好再找": "不要再找", "不好担心": "不要担心", "不好怪": "不要怪",
                  "话被人知": "告诉别人", "讲被人知": "告诉别人", "不好告诉": "不要告诉",
                  # round 72 (b74a, b75a): the whole floor (成地), cold (冻), chatting (倾), so long (咁耐), the next life,
                  # spurting blood (飆血), taking clothes off (除), drugging (落藥), beyond help, together (一齊, 約埋,
                  # 夾埋), a room not left (唔出房)
                  "成地": "满地", "成身": "满身", "成手": "满手", "好冻": "好冷", "手冻": "手冷", "倾了": "聊了",
                  "倾偈": "聊天", "倾计": "聊天", "咁耐": "好久", "下世": "来世", "标血": "喷血", "飙血": "喷血",
                  "除晒": "脱光", "除衫": "脱衣", "除裤": "脱裤", "落药": "下药", "没得救": "没救了", "一齐": "一起",
                  "约埋": "约好", "夹埋": "一起", "不出房": "不出门",
                  # hard to bear (捱), there (嗰度), done for (死梗, 玩完), hurting (整死), scolding (鬧), locked or hidden
                  # away (鎖埋, 匿埋), the police (差佬), the emergency room (急症室), a small knife (刀仔), things settled,
                  # tidied, given away (交帶, 執好, 送晒), missed (掛住), debt (追數, 大耳窿, 輸晒)
                  "挨不下": "熬不下", "难挨": "难熬", "那度": "那里", "死梗": "死定", "整死": "弄死",
                  "闹到": "骂到", "闹他": "骂他", "闹她": "骂她", "锁埋": "锁起", "关埋": "关起", "匿埋": "躲起",
                  "匿在": "躲在", "差佬": "警察", "差人": "警察", "急症室": "急诊室", "刀仔": "小刀", "交带": "交代",
                  "执好": "收好", "执拾": "收拾", "送晒": "送光", "挂住": "想念", "不好挂住": "不要想念", "追数": "追债",
                  "大耳窿": "高利贷", "输晒": "输光",
                  # can't (唔識), like (鍾意), afraid (驚), every day, mornings, that is, as if, now (𠵱家, 依家), not
                  # wanting to exist (唔想生存)
                  "不识": "不会", "钟意": "喜欢", "好惊": "好怕", "我惊": "我怕", "惊他": "怕他", "日日": "天天",
                  "朝早": "早上", "今朝": "今早", "即系": "就是", "好似": "好像", "𠵱家": "现在", "依家": "现在",
                  "不想生存": "不想活了", "不想再生存": "不想再活了",
                  # round 74 (a probe of Hong Kong crises written in the session): cutting as 𠝹 ("𠝹痕", "𠝹手"; left as
                  # written in ``normalise``, where it moved the net), followed (跟住), not yet (仲未 -> 还未), please (唔該你:
                  # not 不该), with (同), walking into the water (行落水)
                  "𠝹": "割", "跟住": "跟着", "还未": "还没", "不该你": "麻烦你", "同我": "跟我", "同他": "跟他",
                  "同她": "跟她", "同你": "跟你", "行落水": "走下水", "行落海": "走下海",
                  # round 77 (b80a): bolted (閂), not afraid (唔驚), don't (唔好 before help, report, tell me 加油), pressed
                  # wrong (撳錯)
                  "闩": "关", "不惊": "不怕", "不好帮": "不要帮", "不好报": "不要报", "不好再叫": "不要再叫", "揿错": "按错",
                  # round 78 (a probe written in the session): rang the bell (撳鐘), only me at home (得我一個), to make a move
                  # (郁手), locked me in (鎖咗我喺 -> 把我锁在), went into my room
                  "揿钟": "按铃", "得我一个": "只我一个", "郁手": "动手", "锁了我在": "把我锁在", "关了我在": "把我关在",
                  "入了我": "进了我", "路轨": "铁轨",
                  # a letter to (俾 after 信 or 寫 gives, not "by"), left on (放咗喺 -> 放在了) the desk (枱頭)
                  "信被": "信给", "写被": "写给", "放了在": "放在了", "台头": "桌上",
                  # a burden (負累), a long time (好耐), not doing it any more (冇咁做 -> 没再做)
                  "负累": "负担", "好耐": "好久", "没咁做": "没再做",
                  # round 83 (b83a): scolding me (鬧我), given away (分晒), cannot hold on (撐唔落去, 頂唔落去)
                  "闹我": "骂我", "分晒": "分光", "撑不落去": "撑不下去", "顶不落去": "顶不下去"}
# who says (話/講 after them is 说) and what "how" (點) comes before: read by _LEXICON_WORD and its cheap test below
_SAYERS = "我你他她们妈爸友学师仔女哥姐弟妹婆公"
_HOW_BEFORE = "算做死先"
_LEXICON_WORD = re.compile(
    "|".join(sorted(_LEXICON_WORDS, key=len, reverse=True))
    # a son, a daughter: "我個仔", "個女成日喊" at the start (not "一个女生")
    + r"|(?:(?<=[我你他她们])|(?<![\s\S]))个(?:仔|女)(?!生|人|孩|子|儿)"
    # done, as Hong Kong chat writes 咗 ("吞左好多粒", "食左藥", "爬左出窗台"): 左 after a verb, not the left side
    + r"|(?<=[吞吃喝食饮爬跳割界搞瞓睡走死用做打锁写讲话叫试醉见])左(?![边手右侧转脚眼耳面方拐腿肩臂上下前后])"
    # says, after someone ("佢話要跳", "我媽話", "同學講佢"): not 电话, 说话, 笑话, 讲座
    + r"|(?<=[" + _SAYERS + r"])(?:话(?![题费筒剧术音])|讲(?![座课题解述究台价义]))"
    # how ("點算", "點做", "點死最快"): not a bit ("早点死", "快点做", "一点算")
    + r"|(?<![早快多少慢一好有差晚近远高低大小轻重两几半零钟整])点(?=[" + _HOW_BEFORE + r"])"
    # drinks ("飲咗成支", "飲幾多"): not 饮料, 饮食, 餐饮
    + r"|(?<![餐冷热畅])饮(?![料品食用])")
_LEXICON_CHILD = {"个仔": "儿子", "个女": "女儿"}
_LEXICON_CHAR = {"饮": "喝", "话": "说", "讲": "说", "点": "怎", "左": "了"}


def _lexicon_word(m: re.Match) -> str:
    w = m.group()
    return _LEXICON_WORDS.get(w) or _LEXICON_CHILD.get(w) or _LEXICON_CHAR[w]


# 係 ("is") as Hong Kong chat writes it, read as 是 by the lexicon: not 關係/干係 (a relation), which Traditional ->
# Simplified makes 关系 as it makes 係 系
_COPULA_AFTER = frozenset("關关干幹聯联")


def _lexicon_text(text: str, view: View, original: str) -> str:
    t = _LEXICON_WORD.sub(_lexicon_word, text)
    if "係" in original and "系" in t:
        chars = list(t)
        for i, c in enumerate(chars):
            if c == "系":
                o = view.orig(i)
                if original[o] == "係" and (o == 0 or original[o - 1] not in _COPULA_AFTER):
                    chars[i] = "是"
        t = "".join(chars)
    return t


# a cheap test before the substitution, made from the words above: the first two characters of every word (and of what
# the contextual rules read: 個仔/個女, 左, 飲, 話/講 after a person, 點 before 算做死先, and 係), looked for only where one
# of their first characters occurs (most Chinese messages hold none: a class scan is ten times cheaper than the words)
_MAYBE_HEADS = ({k[:2] for k in _LEXICON_WORDS} | {"个仔", "个女", "左", "饮", "系"}
                | {p + c for p in _SAYERS for c in "话讲"} | {"点" + c for c in _HOW_BEFORE})
_MAYBE_LEXICON_CHAR = re.compile("[" + "".join(sorted({h[0] for h in _MAYBE_HEADS})) + "]")
_MAYBE_LEXICON = re.compile("|".join(sorted(_MAYBE_HEADS, key=len, reverse=True)))


# English as Scots, Caribbean, West African and online writers spell its small words ("i dinnae want tae be alive",
# "naebody wid miss me", "me a go drink di bleach", "ion wanna be here"), read as the words the lexicon's rules are
# written with, by the lexicon alone (the n-gram net reads the text as written). Only words that are no standard
# English word of their own: "ma" (a mother) and "wid" (would in Scots, with in Patois) stay as written, and so does
# Pidgin's "wan" (want): "no be say i wan die o" and "he wan die for this heat" are how Pidgin jokes, and its own rules
# (en.p.r17.self, en.p.r66.*) read it.
_EN_DIALECT = {
    # Scots and Northern English
    "dinnae": "don't", "dinna": "don't", "cannae": "can't", "canna": "can't", "wisnae": "wasn't", "wasnae": "wasn't",
    "isnae": "isn't", "didnae": "didn't", "wouldnae": "wouldn't", "widnae": "wouldn't", "couldnae": "couldn't",
    "cuidnae": "couldn't", "shouldnae": "shouldn't", "doesnae": "doesn't", "disnae": "doesn't", "havnae": "haven't",
    "hivnae": "haven't", "huvnae": "haven't", "arenae": "aren't", "willnae": "won't", "naebody": "nobody",
    "naewan": "no one", "naething": "nothing", "nae": "no", "tae": "to", "dae": "do", "hame": "home",
    "gonnae": "gonna", "anymare": "anymore", "mair": "more", "heid": "head", "deid": "dead", "aff": "off",
    "oot": "out", "aboot": "about", "wi": "with", "fae": "from", "frae": "from", "ye": "you", "yer": "your",
    "awready": "already", "greetin": "crying", "wantae": "want to",
    # Jamaican Patois and London's multicultural English
    "cyaan": "can't", "kyaan": "can't", "nuh": "not", "waan": "want", "tek": "take", "madda": "mother",
    "mada": "mother", "fada": "father", "faada": "father", "bwoy": "boy", "pickney": "child", "pikney": "child",
    "yuh": "you", "gwaan": "going", "inna": "in",
    # West African Pidgin
    "pikin": "child", "wetin": "what", "abeg": "please", "comot": "leave", "sabi": "know",
    # online
    "ion": "i don't", "finna": "gonna",
    # contractions typed without the apostrophe, as most chat types them ("im ready to go", "ropes knotted. its time",
    # "theres no way out"): one spelling for the rules, whichever the writer used (not "ill", "id", "well", "were",
    # "hell", "shell", "wed", "lets": words of their own)
    **{w.replace("'", ""): w for w in (
        "i'm", "i've", "don't", "can't", "won't", "didn't", "doesn't", "isn't", "wasn't", "aren't", "weren't", "wouldn't",
        "couldn't", "shouldn't", "haven't", "hasn't", "hadn't", "ain't", "he's", "she's", "that's", "what's", "there's",
        "who's", "they're", "you're", "they'll", "you'll", "it'll", "that'll", "they've", "you've", "we've", "would've",
        "could've", "should've", "they'd", "you'd", "it's", "everything's", "nothing's", "nobody's", "everyone's",
        "no one's", "somebody's", "someone's", "y'all")},
    **{"ill " + verb: "i'll " + verb for verb in (
        "be", "do", "kill", "end", "just", "never", "jump", "take", "go", "finally", "make", "stop", "hurt", "cut", "die",
        "try", "leave", "miss", "see", "show", "prove", "shoot", "stab", "hang", "overdose", "od", "swallow", "drink")},
    **{"id " + verb: "i'd " + verb for verb in ("rather", "be", "kill", "just", "never", "die", "do", "love", "like")},
    # chat's short spellings of the words that time and intent rules read ("im doing it tn", "used my dads razor tn", "rope
    # is ready. tmrw b4 school", "see u never"). Not "r" or "ur" (are or our; your or you're); not "rn", which the rules
    # write as it is (read as "right now" it lengthened texts past the gaps rules allow, and moved look-alikes: "sitting on
    # the balcony with hot chocolate rn"); not the asides ("idk", "tbh", "ngl", "istg"), which no rule needs spelt out
    "tn": "tonight", "tnite": "tonight", "tonite": "tonight", "2nite": "tonight", "2night": "tonight", "nite": "night",
    "tmrw": "tomorrow", "tmr": "tomorrow", "tmw": "tomorrow", "tmrow": "tomorrow", "tmro": "tomorrow", "tmrrw": "tomorrow",
    "2moro": "tomorrow", "2morrow": "tomorrow", "2mrw": "tomorrow", "2mrow": "tomorrow", "tomoz": "tomorrow",
    "u": "you", "rly": "really", "smth": "something", "smthn": "something", "sth": "something", "pls": "please",
    "plz": "please", "plss": "please", "ppl": "people", "b4": "before", "bc": "because", "bcuz": "because",
    "bcoz": "because", "cuz": "because", "coz": "because",
    # round 71 (b70a): "never thought abt hurting myself"
    "abt": "about",
    # round 72 (b77a): Northern English "nowt"/"owt"; Scots "wean" (a child), "jist", "it's no like", "ah" (I), "wan mair";
    # Patois "di" (the), "han" (hand), "likkle", "blood a run", "nah stop", "mi nah go" (I'm not going to)
    "nowt": "nothing", "owt": "anything", "wean": "child", "weans": "children", "ma wean": "my child", "bein": "being",
    "jist": "just", "jus": "just", "it's no like": "it's not like", "its no like": "it's not like",
    "it's no that": "it's not that", "ah'm no": "i'm not", "di": "the", "han": "hand", "likkle": "little",
    "blood a run": "blood is running", "nah stop": "won't stop", "mi nah go": "i'm not gonna", "nah go": "not gonna",
    "ah": "i", "wan mair": "one more", "wan mare": "one more",
    # round 75 (a probe written in the session): Scots "the night" after "it" (tonight), "anymair", "aw" (all) after a
    # verb or before "ma"/"the", "ma maw" (my mum); Patois "dem beat mi", "a yaad" (at home), "mi fraid", "fi go"
    "it the night": "it tonight", "anymair": "anymore", "took aw": "took all", "swallied aw": "swallowed all",
    "taen aw": "taken all", "aw ma": "all my", "aw the": "all the", "ma maw": "my mum", "ma maw's": "my mum's",
    "dem beat": "they beat", "beat mi": "beat me", "a yaad": "at home", "mi fraid": "i'm afraid", "fi go": "to go",
    # "mi" is "my" in Northern English and Irish ("mi mam") and in Patois, where before a verb it is "I" ("mi drink",
    # "mi cut", "mi waan")
    **{"mi " + verb: "i " + std for verb, std in (
        ("drink", "drank"), ("drank", "drank"), ("tek", "took"), ("take", "took"), ("swallow", "swallowed"), ("cut", "cut"),
        ("waan", "want"), ("want", "want"), ("feel", "feel"), ("cyaan", "can't"), ("did", "did"), ("jus", "just"),
        ("just", "just"), ("nah", "am not"), ("nuh", "am not"), ("a go", "am going to"), ("ago", "am going to"),
        ("done", "am done"), ("tired", "am tired"), ("hang", "hang"), ("kill", "kill"), ("ready", "am ready"))},
    # round 69 (b63a): Scots "I" and tomorrow, swallowed, mum, "of"; Patois "on" and "never"
    "ah'll": "i'll", "ah'm": "i'm", "ah've": "i've", "ah'd": "i'd", "the morra": "tomorrow", "the morn": "tomorrow",
    "swallied": "swallowed", "maw": "mum", "lot o": "lot of", "all o": "all of", "o them": "of them", "o ma": "of my",
    "cheerio": "goodbye", "pon": "on", "neva": "never", "no be here": "not be here",
    # the reflexives as Scots, Irish, Caribbean and Northern English write them ("kill miself", "toppin maself", "hurt
    # masel", "hang yersel", "kill hersel")
    **{dialect: standard for standard, forms in (
        ("myself", ("miself", "maself", "meself", "masel", "mesel", "mysel", "mahself")),
        ("himself", ("himsel", "hissel", "hisself")),
        ("herself", ("hersel",)),
        ("yourself", ("yersel", "yerself", "urself", "yourse", "yaself"))) for dialect in forms},
    # round 93 (nineteenth session): the misspellings of myself, suicide(al), killing and cutting that some rules spell out
    # ("dead mysef", "so sucidal") or the net learnt (so the typo reading leaves them), read as the words in every rule
    # ("kill mysef", "sucidal thoughts", "thinking about sucide", "feel like klling myself")
    **{typo: standard for standard, forms in (
        ("myself", ("mysef", "mself", "myslef", "mysefl", "myselfe")),
        ("suicide", ("sucide", "suicde", "suiside", "suacide")),
        ("suicidal", ("sucidal", "suicdal", "suicidial", "suisidal", "suicidel", "sucidel", "suicdial", "sucidial")),
        ("killing", ("klling", "kiling")), ("cutting", ("ctting", "cuting")))
       for typo in forms},
}
_EN_KEYS_RX = "|".join(sorted(map(re.escape, _EN_DIALECT), key=len, reverse=True))
_EN_WORD = re.compile(r"(?<![a-z'])(?:" + _EN_KEYS_RX + r")(?![a-z'])")
# the same words in a regex's source: not after a backslash or a "?" ("\\u4e00", "neighbou?r")
_EN_WORD_SOURCE = re.compile(r"(?<![a-z'\\?])(?:" + _EN_KEYS_RX + r")(?![a-z'])")
_EN_COMMON = frozenset({"the", "a", "it", "its", "it's", "no", "i", "to", "of", "all", "my", "go", "on", "at"})


def _key_hint(key: str, standard: str) -> str:
    """The word whose presence says ``key`` may be in a text (the set test below looks at single words): the key
    itself, or the shortest word of a phrase key that its standard form does not hold and that is no common word ("the
    morra" -> "morra", "mi drink" -> "mi", "a yaad" -> "yaad")."""
    words = key.split()
    if len(words) == 1:
        return key
    own = [w for w in words if w not in standard.split()] or words
    return min((w for w in own if w not in _EN_COMMON), key=len, default=max(own, key=len))


_EN_KEYS = frozenset(_key_hint(k, v) for k, v in _EN_DIALECT.items())
_HAS_LATIN = re.compile(r"[a-z]")
_LATIN_WORDS = re.compile(r"[a-z0-9']+")


# A word the writer mistyped, read as the lexicons' word one slip away from it ("tonihgt" tonight, "plls" pills, "jmup"
# jump, "homewrok" homework): one letter dropped, added or changed, or two neighbouring letters swapped, in a word of four
# letters or more that is no word of its own: not an ordinary English word (data/english.txt: "overdoes", "dyeing",
# "pits"), not a word of the lexicons, not a dialect spelling (_EN_DIALECT), and not a word the n-gram net learnt from how
# young people write ("unalived", "maself", "vape": ``set_known``). The lexicon reads it so (``lexicon_views``), and so
# does the net (``typo_view``), to which a word it never learnt weighs nothing.
_TYPO_WORD = re.compile(r"(?<![a-z0-9'])[a-z]{4,}(?![a-z0-9'])")
_TARGETS: frozenset = frozenset()   # the lexicons' Latin words of four letters or more (``set_typo_targets``)
_TYPO: Optional[tuple] = None       # ``_typo_tables``, built when first used
_KNOWS: Optional[Callable[[str], bool]] = None


def set_typo_targets(words) -> None:
    """The words of every term, pattern, anchor and fragment of the lexicons (lexicon.build), which a mistyped word
    reads as."""
    global _TARGETS, _TYPO
    _TARGETS = frozenset(w for w in words if len(w) >= 4 and w.isascii() and w.isalpha())
    _TYPO = None
    _readings_changed()


def set_known(knows: Optional[Callable[[str], bool]]) -> None:
    """A test of the words the n-gram net knows (engine): those are never corrected."""
    global _KNOWS
    _KNOWS = knows
    _readings_changed()


def _readings_changed() -> None:
    """Forget every reading cached on the words the lexicons gave (``set_vocabulary``, ``set_typo_targets``,
    ``set_known``)."""
    for cached in (_corrected, typo_edits, lexicon_views, lexicon_body, typo_view):
        cached.cache_clear()


def _deletes(word: str) -> set:
    """``word``, and ``word`` with each one of its letters deleted."""
    return {word} | {word[:i] + word[i + 1:] for i in range(len(word))}


def _one_edit(a: str, b: str) -> bool:
    """Is ``b`` one letter dropped, added or changed from ``a``, or two neighbouring letters of it swapped?"""
    la, lb = len(a), len(b)
    if a == b or abs(la - lb) > 1:
        return False
    i = 0
    while i < la and i < lb and a[i] == b[i]:
        i += 1
    if la > lb:
        return a[i + 1:] == b[i:]
    if la < lb:
        return a[i:] == b[i + 1:]
    return a[i + 1:] == b[i + 1:] or (i + 1 < la and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2:] == b[i + 2:])


def _typo_tables() -> tuple:
    """(delete key -> the targets it is one deletion from, the English words of data/english.txt, target -> its rank
    there)."""
    global _TYPO
    if _TYPO is None:
        index: dict = {}
        for t in _TARGETS:
            for k in _deletes(t):
                index.setdefault(k, []).append(t)
        words = []
        path = os.path.join(_DATA, "english.txt")
        if os.path.exists(path):
            with open(path, encoding="utf-8") as fh:
                words = [w for w in fh.read().split("\n") if w and w[0] != "#"]
        _TYPO = (index, frozenset(words), {w: n for n, w in enumerate(words) if w in _TARGETS})
    return _TYPO


@lru_cache(maxsize=4096)
def _corrected(word: str) -> Optional[str]:
    """The lexicon word ``word`` is a typo of, or None."""
    index, english, rank = _typo_tables()
    if word in _TARGETS or word in english or word in _EN_DIALECT:
        return None
    found = {t for k in _deletes(word) for t in index.get(k, ()) if _slip(word, t)}
    if not found or (_KNOWS is not None and _KNOWS(word)):
        return None
    last = len(rank) + 1
    # an English word first (not one of the lexicon's own misspellings: "suicidl" is suicidal, not "suicdil"), then two
    # letters swapped (the commonest slip, and the same letters: "rapde" is raped, not rape; "nedes" needs, not nudes;
    # "moive" movie, not move), then a word that ends as this one does (a last letter is seldom mistyped either: "suicidl"
    # is suicidal, not suicide), then a risk term's word ("abse" abuse, not able), then the more frequent word
    return max(found, key=lambda t: (t in rank, _swapped(word, t), t[-1] == word[-1], _VOCAB.get(t, 0) > 0, -rank.get(t, last), t))


def _slip(word: str, meant: str) -> bool:
    """Could ``word`` be ``meant`` mistyped? One edit, never in the first letter, which a typo seldom changes ("vape" is
    not "rape"), but for the first two letters swapped in a word of five letters or more ("rbidge" is "bridge"); not a
    letter added at the end, which makes a word of its own ("unalived"), unless it doubles the last one ("livee" is
    "live"); in a word of four letters, no letter changed, and the last one only by a swap or a letter dropped after it
    ("meth" is not "math", "idek" not "idea"; "stpo" is "stop", "plls" "pills", "knif" "knife")."""
    if meant[0] != word[0]:
        return len(word) > 4 and word[1] == meant[0] and word[0] == meant[1] and word[2:] == meant[2:]
    if (word[:-1] == meant and word[-1] != word[-2]) or not _one_edit(word, meant):
        return False
    if len(word) > 4 or _swapped(word, meant):
        return True
    return len(meant) != 4 and (meant[-1] == word[-1] or meant[:-1] == word)


def _swapped(word: str, meant: str) -> bool:
    """Is ``word`` (one edit from ``meant``) ``meant`` with two letters swapped?"""
    return len(word) == len(meant) and sorted(word) == sorted(meant)


@lru_cache(maxsize=8)
def typo_edits(text: str) -> tuple:
    """(start, end, the word meant) for each mistyped word of ``normalise(text)``'s plain view, whose offsets the
    lexicon's view shares (``lexicon_views`` reads Chinese words only as others of the same length): for both the
    lexicon and the net (``typo_view``). Most messages ask one question only: is every word of theirs a lexicon or an
    English word (one set difference)?"""
    plain = normalise(text)[0]
    if not _TARGETS or _HAS_LATIN.search(plain.text) is None:
        return ()
    _, english, _ = _typo_tables()
    if not set(_TYPO_WORD.findall(plain.text)).difference(english, _TARGETS):
        return ()
    return tuple(_mistyped(plain, text))


def _mistyped(view: View, original: str) -> list:
    """(start, end, the word meant) for each mistyped word of ``view``'s text; only a word written in ``original`` as it
    stands (not a stretch the view wrote shorter, "hooooow" read "hoow", nor letters spaced out: no typos)."""
    out = []
    for m in _TYPO_WORD.finditer(view.text):
        word = m.group()
        fixed = _corrected(word)
        if fixed is not None:
            at = view.orig(m.start())
            end = at + len(word)
            if original[at:end].lower() == word and not _HAS_LATIN.match(original[end:end + 1].lower()):
                out.append((m.start(), m.end(), fixed))
    return out


# "2" for "to" after a verb that takes one ("want 2 die", "going 2 kill myself", "how 2 end it"): not a count ("took 2
# pills", "2 more days")
_EN_TWO = re.compile(r"\b(?:want|wanna|wants|wanted|going|goin|gonna|how|need|needs|trying|tryin|ready|plan|planning|"
                     r"planned|try|decided|wish|deserve|about|bout|used|able|way|ways|hope|supposed|have|has|had)\s(2)\s(?=[a-z])")


def _replaced(view: View, edits: list) -> View:
    """A view of ``view`` with each (start, end, words) of ``edits`` (sorted, apart) written instead: a child view, so
    that a span in it maps back to the original text (the whole word replaced, whatever the length of what replaced
    it)."""
    text = view.text
    pieces, starts, origs = [], [], []
    pos = out = 0
    for s, e, rep in edits:
        if s > pos:
            pieces.append(text[pos:s])
            starts.append(out)
            origs.append(pos)
            out += s - pos
        n, width = len(rep), e - s
        pieces.append(rep)
        starts.append(out)
        origs.append(s)
        if n > width:
            # the characters past the word's length all map to its last character ("ion" -> "i don't")
            for k in range(width, n):
                starts.append(out + k)
                origs.append(e - 1)
        elif 1 < n < width:
            # the last character maps to the word's last ("dinnae" -> "don't"), so a span ends where the word does
            starts.append(out + n - 1)
            origs.append(e - 1)
        out += n
        pos = e
    if pos < len(text):
        pieces.append(text[pos:])
        starts.append(out)
        origs.append(pos)
    return View("".join(pieces), tuple(starts), tuple(origs), view, view.length_orig)


def _squeezed(plain: View) -> View:
    """The squeezed view of a plain one: every run of one Latin letter cut to one (as ``normalise`` makes it)."""
    sq = [(m.start() + 1, m.end()) for m in _REPEAT2.finditer(plain.text)]
    return _delete(plain, sq) if sq else plain


@lru_cache(maxsize=8)
def lexicon_views(text: str) -> tuple:
    """``normalise(text)`` as the lexicon reads it: the same views, with Hong Kong chat's words read as Mandarin words
    of the same length (``_LEXICON_WORDS``) and dialect spellings of English's small words read as the standard ones
    (``_EN_DIALECT``). The n-gram net reads ``normalise``'s views as they are."""
    plain, squeezed = normalise(text)
    pt = plain.text
    lex_plain = plain
    if not pt.isascii() and _MAYBE_LEXICON_CHAR.search(pt) and _MAYBE_LEXICON.search(pt):
        lp = _lexicon_text(pt, plain, text)
        if lp != pt:
            lex_plain = plain.retext(lp)
    lt = lex_plain.text
    # (a set test on the words first: the regex costs three times as much, and most messages hold none of them)
    edits = [] if _EN_KEYS.isdisjoint(_LATIN_WORDS.findall(lt)) else \
        [(m.start(), m.end(), _EN_DIALECT[m.group()]) for m in _EN_WORD.finditer(lt)]
    if not lt.isascii() and _HAS_LATIN.search(lt):
        glued = _pinyin_edits(lt)
        if glued:
            taken = [(a, b) for a, b, _ in edits]
            edits.extend(g for g in glued if not any(a < g[1] and g[0] < b for a, b in taken))
            edits.sort()
    if " 2 " in lt:
        edits.extend((m.start(1), m.end(1), "to") for m in _EN_TWO.finditer(lt))
        edits.sort()
    typos = typo_edits(text)
    if typos:
        taken = [(a, b) for a, b, _ in edits]
        edits.extend(t for t in typos if not any(a < t[1] and t[0] < b for a, b in taken))
        edits.sort()
    if edits:
        lex_plain = _replaced(lex_plain, edits)
        return lex_plain, _squeezed(lex_plain)
    if lex_plain is plain:
        return plain, squeezed
    if squeezed is plain:
        return lex_plain, lex_plain
    return lex_plain, squeezed.retext(_lexicon_text(squeezed.text, squeezed, text), lex_plain)


# A writer's asides before what a message says: "ngl", "tbh", "honestly", "ok so", "说实话", "说真的", "话说", "唉" (and the
# spaces and marks between them; an emoji is no aside: "tbh 💊💊💊 tonight"). The lexicon reads the message without them
# (``lexicon_body``), so that a rule or an exclusion written for how a message begins reads it as it would without the
# aside ("说真的 这道题杀了我吧" is the hyperbole "这道题杀了我吧"; "ngl i have a plan" is "i have a plan"); engine._find reads
# the aside for its context words alone ("ngl" takes a laugh back). A laugh is such an aside too ("lol i have a plan"):
# engine._find reads it as ``laugh_aside``, which makes a joke of a joke's own words only ("lol kms"). Not a word the rules
# read as part of the message or as what marks a joke: "idk why im alive", "sorry for everything", "so full i'm gonna die",
# "ugh kill me now", "bro", "like", "其实是告别", "那个人", "真的不想活了".
#
# a laugh, written as it is typed ("lol", "lolol", "lmaooo", "hahaha", "xd"); its emoji are the lexicon's (shared.yml)
LAUGH_WORDS = r"lo+l+(?:o+l+)*|lmf?a+o+|rofl|a?(?:ha){2,}h?|(?:he){2,}h?|xd+"
# the laughs typed as no word: "哈哈", "hhh", "233"
LAUGH_TYPED = r"哈{2,}|h{3,}|233+"
# the emoji that laugh, where the engine reads a laugh itself (a message's end, the net's reading without its laughs):
# shared.yml's emoji.laughter less the ones that tease or despair as well (🤭 😝 😜 🤦)
LAUGH_EMOJI = "😂🤣💀😆😹"
_ASIDE_WORDS = (r"ngl|tbh|tbf|honestly|not gonna lie|to be honest|real talk|ok so|okay so|um+|uh+|erm+|hm+|hey+|hi+|hello|"
                r"lowkey|highkey|fr|btw|sigh|oof|"
                # a laugh the message begins with ("lol he's banging on my door"), which engine._find reads as a laugh
                # that holds no more than a joke's own words (``laugh_aside``)
                + LAUGH_WORDS + r"|哈+(?=[\s,，.。!！~…])|" + LAUGH_TYPED + r"|"
                r"说实话|老实说|讲真|说真的|坦白说|不瞒你说|怎么说呢|我跟你说|跟你说|你知道吗|对了|话说|唉+|哎+|嗯+|呃+|emm+")
_ASIDE = re.compile(r"(?:[\s,，.。!！~…:：-]|(?:" + _ASIDE_WORDS + r")(?![a-z0-9']))+")
_ASIDE_WORD = re.compile(r"(?:" + _ASIDE_WORDS + r")(?![a-z0-9'])")


@lru_cache(maxsize=8)
def lexicon_body(text: str) -> tuple:
    """``lexicon_views(text)`` without the asides the message begins with (see _ASIDE_WORDS): (plain, squeezed, where the
    body begins in ``text``, 0 when there is no aside)."""
    plain, squeezed = lexicon_views(text)
    pt = plain.text
    m = _ASIDE.match(pt)
    if m is None or not _ASIDE_WORD.search(pt, 0, m.end()) or m.end() >= len(pt):
        return plain, squeezed, 0
    end = m.end()
    body = _delete(plain, [(0, end)])
    return body, _squeezed(body), plain.orig(end)


@lru_cache(maxsize=8)
def typo_view(text: str) -> Optional[View]:
    """``normalise(text)``'s plain view with each mistyped word read as the word meant (``_corrected``), or None when
    there is none: what the n-gram net reads (engine._net). Not ``lexicon_views``, which also writes "cant" as "can't"
    and Cantonese as Mandarin, readings the net takes only where they grade higher (``net_reading``)."""
    edits = typo_edits(text)
    return _replaced(normalise(text)[0], list(edits)) if edits else None


# words the net's second reading leaves as written: 邊度 read as 哪里 moves the net's n-grams of Cantonese chat (a
# held-out slang message rose to high, as it did when the map was tried in ``_CANTONESE_WORDS``)
_NET_KEEPS = ("边度",)


def net_reading(text: str) -> Optional[str]:
    """The text as the lexicon reads it (``lexicon_views``), for the n-gram net's second reading (engine._net_read), or
    None when it reads as written."""
    base = normalise(text)[0].text
    lt = lexicon_views(text)[0].text
    if lt == base:
        return None
    if len(lt) == len(base):
        for word in _NET_KEEPS:
            i = base.find(word)
            while i >= 0:
                lt = lt[:i] + word + lt[i + len(word):]
                i = base.find(word, i + len(word))
    return None if lt == base else lt


# a comma between two short Chinese clauses, which the net also reads as the space it is in most chat ("割了，流了好多" as
# "割了 流了好多", which ``normalise`` joins; "桥上，凌晨，一个人"): the net learnt the phrases of a clipped message mostly from
# writers who part its pieces with spaces. Pieces of up to _SHORT_CLAUSE characters: a longer clause is a sentence of its own
_NET_COMMA = re.compile(r"(?<=[" + _HAN_RANGES + r"])\s*[，,、]\s*(?=[" + _HAN_RANGES + r"])")
_HAN_RUN = re.compile(r"[" + _HAN_RANGES + r"]+")
_SHORT_CLAUSE = 8


def net_joined(text: str) -> str:
    """``text`` with each comma between two short Chinese clauses a space (the same length: offsets hold), for the
    net's reading (engine._rank); ``text`` itself when there is none."""
    if "，" not in text and "," not in text and "、" not in text:
        return text
    out, back = text, text[::-1]
    for m in _NET_COMMA.finditer(text):
        before = _HAN_RUN.match(back, len(text) - m.start())
        after = _HAN_RUN.match(text, m.end())
        if before and after and len(before.group()) <= _SHORT_CLAUSE and len(after.group()) <= _SHORT_CLAUSE:
            out = out[:m.start()] + " " * (m.end() - m.start()) + out[m.end():]
    return out


_DOUBLE = re.compile(r"([a-z])\1")
# a letter written three times or more ("diiie"): the rare message a stretched word is read for (here and in engine)
STRETCH = re.compile(r"([a-z])\1\1+", re.IGNORECASE)   # (the whole run: engine._destretched cuts it)


def unstretched(plain: View, original: str):
    """``plain`` (a view of ``original``) with each letter a writer stretched ("diiiie", "sleeeeping": three or more
    in the message, two in ``plain``) written once ("die", "sleping"), or None when nothing was stretched. Regexes
    read ``plain``, where a doubled letter may be the word's own ("kill", "pills"); this view lets them read a
    stretched word too."""
    text = plain.text
    cuts = []
    for m in _DOUBLE.finditer(text):
        s, e = plain.orig(m.start()), plain.orig(m.end())
        if e - s > 2 and original[s:e].lower().count(m.group(1)) > 2:
            cuts.append((m.start() + 1, m.end()))
    return _delete(plain, cuts) if cuts else None


def squeeze_runs(s: str) -> str:
    """What the squeezed view makes of a stretch of the plain view: every run of one Latin letter cut to one ("kill" ->
    "kil"); for words built outside a message (lexicon keys glued from a phrase)."""
    return _REPEAT2.sub(r"\1", s)


def _maybe_leet(t: str) -> bool:
    for c in "0134@$57":
        if c in t:
            return _HAS_LEET.search(t) is not None
    return False


def normalise_term(term: str) -> tuple:
    """Normalise a lexicon term the same way as a message; returns (plain, squeezed) strings."""
    plain, squeezed = lexicon_views(term)
    return plain.text, squeezed.text


_HAN_CHAR = re.compile("[" + _HAN_RANGES + "]")


def _lookbehinds(source: str) -> list:
    """The (start, end) spans of a regex source's look-behind groups."""
    spans = []
    i = source.find("(?<")
    while i >= 0:
        if source[i + 3:i + 4] in ("=", "!"):
            depth, j = 0, i
            while j < len(source):
                c = source[j]
                if c == "\\":
                    j += 2
                    continue
                if c == "(":
                    depth += 1
                elif c == ")":
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            spans.append((i, j + 1))
        i = source.find("(?<", i + 3)
    return spans


def normalise_regex(source: str) -> str:
    """A lexicon regex with its Chinese characters read as a message's are: Traditional -> Simplified and Cantonese ->
    Mandarin, one for one and word for word (the regex syntax, all ASCII, is left as written). A regex runs on the
    normalised text, so "佢哋" or "系咪" written in a regex would otherwise never match: the text says "他们", "是否".
    The words of the lexicon's own views are read as they are (``lexicon_views``: "dinnae" -> "don't", "masel" -> "myself")."""
    tab = table()
    han = {c: tab[ord(c)] for c in set(_HAN_CHAR.findall(source)) if ord(c) in tab}
    if han:
        source = source.translate({ord(c): r for c, r in han.items()})
    source = _LEXICON_WORD.sub(_lexicon_word, _CANTONESE_WORD.sub(_cantonese_word, source))
    if _EN_WORD.search(source):
        # (a word after "\b" is a word: the placeholder keeps the b from reading as a letter before it)
        # (either spelling, a word just inside a quotation mark being left as written: "saying 'dont come to school tmrw'";
        # the standard one alone inside a look-behind, which takes one width)
        source = source.replace("\\b", "\x00")
        behind = _lookbehinds(source)
        source = _EN_WORD_SOURCE.sub(
            lambda m: _EN_DIALECT[m.group()] if any(s <= m.start() < e for s, e in behind)
            else "(?:%s|%s)" % (_EN_DIALECT[m.group()], m.group()), source).replace("\x00", "\\b")
    return source
