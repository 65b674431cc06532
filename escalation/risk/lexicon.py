"""Loading the lexicon data files and building the matcher (once, lazily).

A lexicon file (``lexicons/<lang>.yml``, plus ``lexicons/shared.yml`` for emoji) has:

``version``   the lexicon's version, reported by :func:`versions`.
``groups``    literal terms. Each group: ``id``, ``category``, ``level``, ``weight``, ``flags``
              and ``terms``. A term ending in ``*`` matches as a word prefix ("suicid*").
              Latin terms only match on word boundaries.
``patterns``  regular expressions over the normalised text (``plain`` view, lower case,
              Simplified Chinese). Each: ``id``, ``category``, ``level``, ``weight``, ``flags``,
              ``anchors`` (literal strings; the regex runs only when one occurs, which keeps
              the screen fast), optionally ``requires`` (a second list of literal strings, of
              which one must also occur anywhere, as a plain substring: the other half of a
              two-part pattern, e.g. the act words of "time + act"), optionally ``unless`` (a regex: a match of
              the pattern counts only when it occurs nowhere in the message, e.g. the blow before a nosebleed)
              and ``regex``.
``sets``      named lists of literal words shared by several patterns (``food: [巧克力, 薯片, ...]``). A regex
              writes ``{{food}}`` where any one of them may stand; the lexicon is built with the list put in
              (escaped, as an alternation, in the order written), so a list is kept once, not copied. A group's
              ``terms`` and a pattern's ``anchors`` and ``requires`` may hold ``"{{food}}"`` as an item: the set's
              words, put in its place when the file is read.
``fragments`` named pieces of regex shared by several patterns (``weekday: '(?:这|下)?(?:周[一二三四五六日天]|…)'``),
              put in where a regex writes ``{{weekday}}``, as a group and unescaped. A fragment may name sets, not
              other fragments. A name is a set or a fragment, never both.

Categories: the risk categories of model.CATEGORIES; ``exclusion`` (hyperbole and idioms: a risk
match lying wholly inside an exclusion span is dropped); ``context`` (markers that change how
other matches are read: literacy question, media/quote, third party, laughter, past, denial...).
A risk group of level ``none`` is a modifier: it contributes flags (time, means, ingestion,
quantity, plan) to the combination rules in engine.py and shows as evidence only when they fire.

All literal terms of all lexicons go into ONE Aho-Corasick automaton (messages mix languages:
"我好想kms"), built on first use.
"""
from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass

import ahocorasick
import yaml

try:                                   # Python >= 3.11
    from re import _parser as _sre_parse
except ImportError:                    # Python 3.10
    import sre_parse as _sre_parse  # type: ignore[no-redef]

from .model import CATEGORIES, LEVELS, level_rank
from .normalise import lexicon_views, normalise, normalise_regex, set_typo_targets, set_vocabulary, squeeze_runs

LEXICON_DIR = os.path.join(os.path.dirname(__file__), "lexicons")
LEXICON_FILES = ("zh.yml", "en.yml", "shared.yml")

KNOWN_FLAGS = frozenset({
    # risk features used by the combination rules
    "ideation", "passive", "sedative", "means", "means_poison", "means_med", "ingest", "qty", "time", "plan",
    "acquire", "method_q", "self_harm", "place", "present", "symptom", "goodbye", "now", "blood",
    # how a match is read
    "topic", "death_word", "joke", "joke_if_bare", "joke_low", "count", "pastable", "no_negation", "third", "illness",
    "trivial_low",
    # context markers
    "literacy", "media", "third_party", "laughter", "past", "current", "denial", "hypothetical", "trivial", "sincere",
    # a hedge that takes a laugh back but says nothing of intent ("ngl", "lowkey", "honestly", "fr"): not "sincere",
    # which also reads an accident or a pastime as meant
    "candid",
    "accident", "treatment", "recovered", "specific", "definition",
    # the writer says they are safe now from a harm told as past ("i live with grandma now, its ok"): its "now" words
    # ("locked me in") do not say it is going on (engine.read)
    "safe_now",
    # last words that close a scene ("别劝我", "not coming back"): with a goodbye and a time, place or means
    "final",
    # a pastime told (a barbecue, camping, a view): the net stays silent in its sentence, like laughter
    "leisure",
    # a parent or grandparent bought it ("我妈买了两盒布洛芬"): an acquisition that is no stockpile of one's own
    "family_bought",
    # a snack or a drink counted, or a swallow revealed as one ("一口气吞了一整瓶AD钙奶"): the net stays silent
    "snack",
    # a death wish someone wrote down ("她在日记里写想死"): a parent asking what to do about it is still told high
    "reported",
    # a goodbye the writer comes back from or that moves to a new account ("see u in july", "以后去新号了"): no farewell
    "returning",
    # a match that says only that the writer will not be here ("won't be here next week"): with a reason to come back
    # ("were going to disney"), no farewell either (engine.read)
    "absent",
    # a match that says it was done to the writer ("holds my head under the water"): never read as a what-if
    "to_me",
    # a weapon brought along ("明天带刀去学校"): with a threat and a time, emergency numbers first (engine._combine)
    "weapon",
    # someone forcing a way in or at the writer as it happens ("he's kicking the door", "踹门", "有人在撬锁"), and the writer
    # hiding from them ("locked myself in the bathroom", "把柜子顶住门"): with a weapon, a threat or hiding, emergency
    # numbers first (engine.read)
    "siege", "hide",
    # an exclusion that reads a whole look-alike as harmless: its span keeps the net quiet (engine.read)
    "explains",
    # someone who said goodbye cannot be reached now ("她家里人也联系不上她", "she's not answering"): with a goodbye,
    # emergency numbers first (engine._combine)
    "unreachable",
    # a question whether something is so ("how do i know if my kid is being bullied", "怎么判断孩子是不是被欺负了"): bullying
    # asked about is support, not a report (engine.read)
    "whether",
    # a household poison or a chore named ("老鼠药放哪里猫不会碰到"): the net stays out of that sentence
    "household",
    # the writer's own words retold in quotes ("我在班群里发了一句“不想活了”", 'i told my friend "i'm going to kill myself"')
    "retold",
})
SPECIAL_CATEGORIES = ("exclusion", "context")


class Rule:
    """A group or a pattern: what a match means (immutable once built)."""
    __slots__ = ("id", "category", "level", "rank", "weight", "flags", "lang", "kind")

    def __init__(self, id, category, level, rank, weight, flags, lang):
        self.id = id
        self.category = category
        self.level = level
        self.rank = rank
        self.weight = weight
        self.flags = flags
        self.lang = lang
        # 0: exclusion, 1: context marker, 2: risk (or modifier)
        self.kind = 0 if category == "exclusion" else 1 if category == "context" else 2

    def __repr__(self):
        return f"Rule({self.id!r}, {self.category}, {self.level})"


class LexiconError(ValueError):
    pass


@dataclass
class Compiled:
    automaton: object
    rules: list           # index -> Rule
    patterns: list        # (rule index, compiled regex, anchored: bool)
    always_patterns: list  # indices into patterns without anchors
    versions: dict
    terms_by_rule: dict   # rule index -> list of squeezed terms (for the naive baseline / tests)
    widths: list = None   # pattern index -> longest possible match in characters (None: unbounded)
    needs: list = None    # pattern index -> True when it also has a ``requires`` list
    # pattern index -> (index into stop_sets, how far past a match it looks), or None: the pattern
    # never matches across those characters (see _stops)
    stops: list = None
    stop_sets: list = None  # compiled character classes of STOP_CHARS subsets
    unless: list = None   # pattern index -> compiled ``unless`` regex (read on the whole message), or None
    # indices of the patterns that read where the message begins or ends (``^``, ``$``: ``_at_edge``): engine._find reads
    # them once more on the message without the emoji and asides it ends with ("please help 😭😭", "idk")
    edges: frozenset = frozenset()


_COMPILED = None


def _check_rule(raw: dict, where: str) -> None:
    for key in ("id", "category", "level"):
        if key not in raw:
            raise LexiconError(f"{where}: missing {key!r}")
    cat = raw["category"]
    if cat not in CATEGORIES and cat not in SPECIAL_CATEGORIES:
        raise LexiconError(f"{where} {raw['id']}: unknown category {cat!r}")
    if raw["level"] not in LEVELS:
        raise LexiconError(f"{where} {raw['id']}: unknown level {raw['level']!r}")
    bad = set(raw.get("flags", ())) - KNOWN_FLAGS
    if bad:
        raise LexiconError(f"{where} {raw['id']}: unknown flags {sorted(bad)}")


def load_raw(name: str) -> dict:
    with open(os.path.join(LEXICON_DIR, name), encoding="utf-8") as fh:
        # libyaml's loader when PyYAML has it (six times faster on these files, the same data), else the Python one
        data = yaml.load(fh, Loader=_YAML_LOADER)
    if not isinstance(data, dict) or "version" not in data:
        raise LexiconError(f"{name}: not a lexicon (no version)")
    _expand_set_items(data, name)
    return data


def _expand_set_items(data: dict, name: str) -> None:
    """A list of terms, anchors or requires may hold a set by name ("{{medicine}}"): it stands for the set's words, in
    the order written, so a list of names a group, an anchor list and a regex all need is kept once."""
    sets = data.get("sets") or {}
    for section in ("groups", "patterns"):
        for raw in data.get(section) or ():
            for key in ("terms", "anchors", "requires"):
                items = raw.get(key)
                if not items or not any(isinstance(i, str) and _SET_REF.fullmatch(i) for i in items):
                    continue
                out = []
                for item in items:
                    m = _SET_REF.fullmatch(item) if isinstance(item, str) else None
                    if m is None:
                        out.append(item)
                    elif not sets.get(m.group(1)):
                        raise LexiconError(f"{name} {raw.get('id')}: unknown or empty set {m.group(1)!r} in {key}")
                    else:
                        out.extend(sets[m.group(1)])
                raw[key] = out


_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SET_REF = re.compile(r"\{\{(\w+)\}\}")


def _with_sets(regex: str, sets: dict, where: str, fragments: dict = None) -> str:
    """The regex with each ``{{name}}`` replaced by the named set's words as an alternation, or by the named fragment
    (a piece of regex) as a group."""
    def put(m: re.Match) -> str:
        name = m.group(1)
        if fragments and name in fragments:
            if name in sets:
                raise LexiconError(f"{where}: {name!r} is both a set and a fragment")
            # a fragment may name sets ("{{medicine}}|{{sedative}}"), never another fragment
            return "(?:" + _with_sets(str(fragments[name]), sets, where) + ")"
        words = sets.get(name)
        if not words:
            raise LexiconError(f"{where}: unknown or empty set {name!r}")
        return "(?:" + "|".join(re.escape(str(w)) for w in words) + ")"
    return _SET_REF.sub(put, regex)


def _squeeze(term: str) -> str:
    return lexicon_views(term)[1].text


_HAN_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")


# a pair of Chinese characters in a term counts as this many in a regex's literal runs: a word the lexicon lists is a
# better reading of a pinyin syllable than a fragment of a regex ("写好yi书" is 写好遗书, not the 好一 of "好一点")
_TERM_PAIR_WEIGHT = 3


def _han_pairs(text: str) -> set:
    """The pairs of adjacent Chinese characters in a term or a regex's literal runs ("安眠药" -> 安眠, 眠药)."""
    return {run[i:i + 2] for run in _HAN_RUN.findall(text) for i in range(len(run) - 1)}


def _spellings(term: str, key: str = None) -> tuple:
    """A term's key (``_squeeze``, or ``key`` when known), and its squeezed key as written when the lexicon's views spell
    a word of it another way ("tmrw" -> "tomorrow", "u" -> "you"): a word beside a quotation mark is left as written in a
    message ("saying 'dont come to school tmrw'"), so a term keeps both spellings, as a regex does (normalise_regex).
    English terms only: the Chinese word maps have no quotation-mark case."""
    key = key or _squeeze(term)
    if not term.isascii():
        return (key,)
    written = normalise(term)[1].text
    return (key,) if written == key else (key, written)


_WORD = re.compile(r"[a-z]+")
_ESCAPE = re.compile(r"\\[a-zA-Z]")   # "\bpills?\b": the letters of an escape are no word's


def _latin_words(datas) -> set:
    """The Latin words of four letters or more that the lexicons' terms, patterns, anchors, fragments and sets are
    written with (a regex's escapes taken out), for normalise.set_typo_targets. Whole words only: not a stem a regex
    goes on from ("overdos(?:e|ed)", "bridg[e]", "kil+", a term's "suicid*"), which is no word a message holds; a word
    whose last letter is optional is both words ("pills?")."""
    out = set()

    def walk(node):
        if isinstance(node, str):
            text = _ESCAPE.sub(" ", node).lower()
            for m in _WORD.finditer(text):
                word, after = m.group(), text[m.end():m.end() + 1]
                if after == "?":
                    out.update(w for w in (word, word[:-1]) if len(w) >= 4)
                elif after not in _GOES_ON and len(word) >= 4:
                    out.add(word)
        elif isinstance(node, dict):
            for k, v in node.items():
                if k not in _NOT_TEXT:
                    walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    for data in datas:
        walk(data)
    return out


_GOES_ON = frozenset("([+*{")
_NOT_TEXT = frozenset({"id", "category", "level", "flags", "weight", "version", "language"})
# where Chinese meets a Latin letter or digit in a term, either way round ("想die", "die了")
_SCRIPT_BOUNDARY = re.compile(r"(?<=[\u3400-\u9fff])(?=[a-z0-9])|(?<=[a-z0-9])(?=[\u3400-\u9fff])")
_MEDIUM_RANK = level_rank("medium")
_GLUE_FROM = 8   # letters a glued phrase needs before it may match inside a word ("wantodie", "kilmyself")


def _glued(key: str) -> set:
    """A squeezed Latin phrase of two or more words with its spaces taken out, with and without its apostrophes
    ("want to die" -> "wantodie", "i'm suicidal" -> "i'msuicidal", "imsuicidal"); none when it is too short to be
    found inside a word without reading ordinary words."""
    if " " not in key or not key.isascii():
        return set()
    glued = key.replace(" ", "")
    out = {squeeze_runs(glued), squeeze_runs(glued.replace("'", ""))}
    return {g for g in out if len(g) >= _GLUE_FROM and g.replace("'", "").isalpha()}


_ING = re.compile(r"(?<=[a-z]{3})ing\b")


def _g_dropped(key: str) -> set:
    """A squeezed Latin term with its "-ing" words written as they are said ("cuting" -> "cutin", "cutin'"):
    "cuttin again", "thinkin bout killin myself". A short word keeps its g ("sing", "ring" are other words)."""
    if "ing" not in key or not key.isascii():
        return set()
    dropped = _ING.sub("in", key)
    if dropped == key:
        return set()
    return {dropped, _ING.sub("in'", key)}


# Unbounded repeats of whitespace/word/digit characters, capped far above what a message needs
# ("i   want" has 3 spaces; a word of 24 letters...), so that every pattern has a longest match and
# runs only in a narrow window around its anchors (engine._find).
_CAPS = ((re.compile(r"(?<!\\)\\s\+"), r"\\s{1,8}"), (re.compile(r"(?<!\\)\\s\*"), r"\\s{0,8}"),
         (re.compile(r"(?<!\\)\\w\+"), r"\\w{1,32}"), (re.compile(r"(?<!\\)\\w\*"), r"\\w{0,32}"),
         (re.compile(r"(?<!\\)\\d\+"), r"\\d{1,9}"))


def _bounded(regex: str) -> str:
    for rx, repl in _CAPS:
        regex = rx.sub(repl, regex)
    return regex


def _parse(regex):
    """The parse tree of ``regex`` (a string, or a tree already parsed), or None when the parser fails."""
    if not isinstance(regex, str):
        return regex
    try:
        return _sre_parse.parse(regex)
    except Exception:  # pragma: no cover - a parser detail of some Python version
        return None


def _max_width(regex):
    """The longest text ``regex`` (a string or its parse tree) can match (lookarounds count 0), or None when
    unbounded."""
    parsed = _parse(regex)
    if parsed is None:
        return None
    hi = parsed.getwidth()[1]
    return hi if hi < 400 else None


# Characters that end a sentence or clause. A pattern that can consume none of some of them never
# matches across one, so engine._find runs it only in the stretch between them around its anchors.
STOP_CHARS = ".!?。！？\n,，;；"
_CATEGORY_RX = {}


_K = _sre_parse  # the parser module re-exports the opcodes (3.10: sre_constants, 3.11+: re._constants)
_REPEATS = tuple(op for op in (_K.MAX_REPEAT, _K.MIN_REPEAT, getattr(_K, "POSSESSIVE_REPEAT", None)) if op is not None)
_LEAVES = (_K.LITERAL, _K.NOT_LITERAL, _K.ANY, _K.IN, _K.AT)


def _inner(op, av):
    """The parts of a parsed node that are patterns themselves (a group, the branches of an alternation, a
    repeat's body, a lookaround's body...): () for a single character or a position, None for a node this
    reading does not know (a back-reference)."""
    if op in _LEAVES:
        return ()
    if op is _K.SUBPATTERN:
        return (av[-1],)
    if op is _K.BRANCH:
        return tuple(av[1])
    if op in _REPEATS:
        return (av[2],) if av[1] > 0 else ()
    if op in (_K.ASSERT, _K.ASSERT_NOT):
        return (av[1],)
    if op is getattr(_K, "ATOMIC_GROUP", None):
        return (av,)
    if op is _K.GROUPREF_EXISTS:
        return tuple(x for x in av[1:] if x is not None)
    return None


def _consumes(sub, ch: str) -> bool:
    """Can the parsed pattern ``sub`` consume the character ``ch`` (in any match, lookarounds aside)?
    Errs on yes for anything it does not know."""
    for op, av in sub:
        if op is _K.LITERAL:
            hit = chr(av) == ch
        elif op is _K.NOT_LITERAL:
            hit = chr(av) != ch
        elif op is _K.ANY:
            hit = ch != "\n" or bool(sub.state.flags & re.DOTALL)
        elif op is _K.IN:
            hit = _in_set(av, ch)
        elif op in (_K.ASSERT, _K.ASSERT_NOT, _K.AT):
            hit = False
        else:
            inner = _inner(op, av)
            hit = inner is None or any(_consumes(part, ch) for part in inner)
        if hit:
            return True
    return False


def _in_set(items, ch: str) -> bool:
    negate = False
    hit = False
    for op, av in items:
        if op is _K.NEGATE:
            negate = True
        elif op is _K.LITERAL:
            hit = hit or chr(av) == ch
        elif op is _K.RANGE:
            hit = hit or av[0] <= ord(ch) <= av[1]
        elif op is _K.CATEGORY:
            name = str(av).lower()
            rx = _CATEGORY_RX.get(name)
            if rx is None:
                base = {"digit": r"\d", "space": r"\s", "word": r"\w", "linebreak": "\n"}
                kind = next((v for key, v in base.items() if key in name), None)
                if kind is None:
                    return True
                rx = _CATEGORY_RX[name] = re.compile("[^" + kind + "]" if "not" in name else kind)
            hit = hit or bool(rx.fullmatch(ch))
        else:
            return True
    return hit != negate


def _look_ahead(sub):
    """How far past a match the pattern may look (lookaheads, a final word boundary); None when it
    may look to the end of the text ("$", an unbounded lookahead)."""
    far = 0
    for op, av in sub:
        if op in (_K.ASSERT, _K.ASSERT_NOT) and av[0] == 1:
            w = av[1].getwidth()[1]
            if w >= 400:
                return None
            far = max(far, w)
        elif op is _K.AT:
            if av in (_K.AT_BOUNDARY, _K.AT_NON_BOUNDARY):
                far = max(far, 1)
            elif av not in (_K.AT_BEGINNING, _K.AT_BEGINNING_STRING, _K.AT_BEGINNING_LINE):
                return None
        for part in _inner(op, av) or ():
            w = _look_ahead(part)
            if w is None:
                return None
            far = max(far, w)
    return far


def _stops(regex):
    """(the characters of STOP_CHARS ``regex`` (a string or its parse tree) can never consume, how far past a
    match it looks), or None when it could consume them all or the parser is not understood."""
    parsed = _parse(regex)
    if parsed is None:
        return None
    try:
        stops = "".join(ch for ch in STOP_CHARS if not _consumes(parsed, ch))
        look = _look_ahead(parsed)
    except Exception:  # pragma: no cover - a parser detail of some Python version
        return None
    return (stops, look) if stops and look is not None else None


_EDGES = tuple(getattr(_K, name) for name in ("AT_BEGINNING", "AT_BEGINNING_STRING", "AT_END", "AT_END_STRING"))


def _at_edge(regex) -> bool:
    """Does ``regex`` (a string or its parse tree) read where the text begins or ends (``^``, ``$``, ``\\A``, ``\\Z``,
    in a lookaround too)? Errs on yes for anything the reading does not know."""
    parsed = _parse(regex)
    if parsed is None:
        return True

    def walk(sub) -> bool:
        for op, av in sub:
            if op is _K.AT:
                if av in _EDGES:
                    return True
                continue
            inner = _inner(op, av)
            if inner is None or any(walk(part) for part in inner):
                return True
        return False

    return walk(parsed)


def _literal(value, where: str) -> str:
    """A term, anchor or required word as text. YAML reads a bare yes, no, on or off as a boolean, which would become the
    word "true" or "false": refused, so that it gets quoted (a bare number such as 120 is read as the number's digits)."""
    if isinstance(value, bool):
        raise LexiconError(f"{where}: {value!r} is a YAML boolean (a bare yes, no, on or off): quote it")
    return str(value)


def build() -> Compiled:
    auto = ahocorasick.Automaton()
    rules: list = []
    patterns: list = []
    always: list = []
    versions: dict = {}
    terms_by_rule: dict = {}
    widths: list = []
    needs: list = []
    stops: list = []
    unless: list = []
    edges: set = set()
    stop_sets: dict = {}  # stop characters -> index
    entries: dict = {}  # key -> list of payloads

    def add(key: str, payload: tuple) -> None:
        entries.setdefault(key, []).append(payload)

    def register(raw: dict, fname: str, lang: str, seen_ids: set) -> int:
        """Check a group or pattern, refuse a duplicate id, add its Rule; returns the rule index."""
        _check_rule(raw, fname)
        if raw["id"] in seen_ids:
            raise LexiconError(f"{fname}: duplicate id {raw['id']}")
        seen_ids.add(raw["id"])
        rules.append(Rule(raw["id"], raw["category"], raw["level"], level_rank(raw["level"]),
                          float(raw.get("weight", 1.0)), frozenset(raw.get("flags", ())), lang))
        return len(rules) - 1

    # the Latin words of every risk term first: a letter masked with a star reads as the one that spells one of them
    # ("c*t" is "cut", not the "cat" of an exclusion)
    datas = {fname: load_raw(fname) for fname in LEXICON_FILES}
    words = Counter()
    pairs = Counter()   # and their pairs of Chinese characters: a pinyin syllable glued to Chinese reads as one of them
    mixed = set()       # (the Latin words of terms that mix scripts are pinyin, "跳lou", not English)
    for data in datas.values():
        for raw in data.get("groups") or ():
            if raw.get("category") in SPECIAL_CATEGORIES:
                continue
            for term in raw.get("terms") or ():
                words.update({w for w in _WORD.findall(str(term).lower()) if len(w) >= 3})
                for pair in _han_pairs(str(term)):
                    pairs[pair] += _TERM_PAIR_WEIGHT
                if not str(term).isascii():
                    mixed.update(_WORD.findall(str(term).lower()))
        for raw in data.get("patterns") or ():
            if raw.get("category") not in SPECIAL_CATEGORIES and isinstance(raw.get("regex"), str):
                pairs.update(_han_pairs(raw["regex"]))
    set_vocabulary(words, pairs, mixed)
    set_typo_targets(_latin_words(datas.values()))
    for fname, data in datas.items():
        lang = data.get("language", fname.split(".")[0])
        versions[lang] = str(data["version"])
        seen_ids = set()
        for raw in data.get("groups") or ():
            ri = register(raw, fname, lang, seen_ids)
            terms_by_rule[ri] = []
            where = f"{fname} {raw['id']}"
            for term in raw.get("terms") or ():
                term = _literal(term, where)
                prefix = term.endswith("*") and len(term) > 1
                if prefix:
                    term = term[:-1]
                key = _squeeze(term)
                if not key.strip():
                    raise LexiconError(f"{fname} {raw['id']}: empty term {term!r}")
                left = key[0].isascii() and key[0].isalnum()
                right = (not prefix) and key[-1].isascii() and key[-1].isalnum()
                add(key, ("t", ri, term, left, right))
                terms_by_rule[ri].append(key)
                for written in _spellings(term, key)[1:]:
                    if written.strip():
                        add(written, ("t", ri, term, written[0].isascii() and written[0].isalnum(),
                                      (not prefix) and written[-1].isascii() and written[-1].isalnum()))
                for spoken in _g_dropped(key):
                    if spoken not in entries:
                        add(spoken, ("t", ri, spoken, left, right))
                spaced = _SCRIPT_BOUNDARY.sub(" ", key)
                if spaced != key and spaced not in entries:
                    # Chinese and Latin letters in one term ("好想sui", "想die"): as typed, with a space between the
                    # scripts ("真係好想 sui"), which the squeezed text keeps
                    add(spaced, ("t", ri, term, left, right))
                if rules[ri].kind == 2 and rules[ri].rank >= _MEDIUM_RANK:
                    for glued in _glued(key):
                        if glued not in entries:
                            # words run together, as in a hashtag ("#iwanttodie", "killmyself"): found inside a word
                            add(glued, ("t", ri, glued, False, False))
        sets = data.get("sets") or {}
        fragments = data.get("fragments") or {}
        for raw in data.get("patterns") or ():
            ri = register(raw, fname, lang, seen_ids)
            where = f"{fname} {raw['id']}"
            try:
                rx = re.compile(_bounded(normalise_regex(_with_sets(raw["regex"], sets, where, fragments))))
                unless.append(re.compile(_bounded(normalise_regex(_with_sets(raw["unless"], sets, where, fragments))))
                              if raw.get("unless") else None)
            except re.error as exc:
                raise LexiconError(f"{where}: bad regex: {exc}") from None
            pi = len(patterns)
            anchors = raw.get("anchors") or ()
            patterns.append((ri, rx, bool(anchors)))
            parsed = _parse(rx.pattern)  # read once for its longest match and its stop marks
            widths.append(_max_width(parsed))
            if _at_edge(parsed):
                edges.add(pi)
            st = _stops(parsed)
            stops.append(None if st is None else (stop_sets.setdefault(st[0], len(stop_sets)), st[1]))
            requires = raw.get("requires") or ()
            if requires and not anchors:
                raise LexiconError(f"{fname} {raw['id']}: requires without anchors")
            needs.append(bool(requires))
            for r in requires:
                for key in _spellings(_literal(r, where)):
                    add(key, ("r", pi))
            if anchors:
                for a in anchors:
                    for key in _spellings(_literal(a, where)):
                        add(key, ("a", pi))
            else:
                always.append(pi)
    for key, payloads in entries.items():
        terms = tuple((p[1], p[2], p[3], p[4]) for p in payloads if p[0] == "t")
        anchors = tuple(p[1] for p in payloads if p[0] == "a")
        requires = tuple(p[1] for p in payloads if p[0] == "r")
        # anchors obey the same word-boundary rule as terms: "od" must not fire on "good"
        bounded = (key[0].isascii() and key[0].isalnum(), key[-1].isascii() and key[-1].isalnum())
        auto.add_word(key, (len(key), terms, anchors, bounded, requires))
    auto.make_automaton()
    return Compiled(auto, rules, patterns, always, versions, terms_by_rule, widths, needs, stops,
                    [re.compile("[" + re.escape(chars) + "]") for chars in stop_sets], unless, frozenset(edges))


def compiled() -> Compiled:
    global _COMPILED
    if _COMPILED is None:
        _COMPILED = build()
    return _COMPILED


def versions() -> dict:
    return dict(compiled().versions)
