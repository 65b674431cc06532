"""Random strings a lexicon regex matches, for reviewing the lexicon (not used by ``screen``).

A pattern runs only where one of its anchors occurs (engine._find), so a way its regex can match that holds no anchor
is a crisis the lexicon describes but never sees. The labelled messages find such gaps only where someone happened to
write that phrasing; sampling the regex itself finds them without data:

    .venv/bin/python scripts/anchor_gaps.py          # patterns whose sampled matches hold none of their anchors

``sample`` walks the parsed regex (``re._parser``): a random branch of each alternation, a repeat count between its
minimum and two more, a member of each character class, a short filler for a negated class or a dot; lookarounds and
boundaries add nothing (a caller checks the string with the regex itself, so a sample the assertions reject is simply
not a match).
"""
from __future__ import annotations

import random

try:                                    # Python 3.11+
    import re._constants as _c
    import re._parser as _parser
except ImportError:                     # Python 3.10 (the Rasa environment)
    import sre_constants as _c          # type: ignore[no-redef]
    import sre_parse as _parser         # type: ignore[no-redef]

# what a negated class or a dot stands for: a few characters of both scripts and a space
_FILL = ("的", "了", " ", "a", "我", "x", "他", "e", "b", "你", "o")
_CATEGORY = {_c.CATEGORY_DIGIT: "3", _c.CATEGORY_SPACE: " ", _c.CATEGORY_WORD: "k"}
_REPEATS = (_c.MAX_REPEAT, _c.MIN_REPEAT) + ((_c.POSSESSIVE_REPEAT,) if hasattr(_c, "POSSESSIVE_REPEAT") else ())


def _in_class(items, ch: str) -> bool:
    code = ord(ch)
    for op, av in items:
        if op is _c.LITERAL and av == code:
            return True
        if op is _c.RANGE and av[0] <= code <= av[1]:
            return True
        if op is _c.CATEGORY:
            word = ch.isalnum() or ch == "_"
            if (av is _c.CATEGORY_DIGIT and ch.isdigit()) or (av is _c.CATEGORY_SPACE and ch.isspace()) or (
                    av is _c.CATEGORY_WORD and word) or (av is _c.CATEGORY_NOT_WORD and not word):
                return True
    return False


def _walk(items, rng: random.Random, groups: dict) -> str:
    out = []
    for op, av in items:
        if op is _c.LITERAL:
            out.append(chr(av))
        elif op is _c.NOT_LITERAL:
            out.append(rng.choice([c for c in _FILL if ord(c) != av]))
        elif op is _c.ANY:
            out.append(rng.choice(_FILL))
        elif op is _c.IN:
            if any(o is _c.NEGATE for o, _ in av):
                choices = [c for c in _FILL if not _in_class(av, c)]
                out.append(rng.choice(choices) if choices else "")
                continue
            o, a = rng.choice([x for x in av if x[0] is not _c.NEGATE])
            if o is _c.LITERAL:
                out.append(chr(a))
            elif o is _c.RANGE:
                out.append(chr(rng.randint(a[0], min(a[1], a[0] + 30))))
            elif o is _c.CATEGORY:
                out.append(_CATEGORY.get(a, "k"))
        elif op is _c.BRANCH:
            out.append(_walk(rng.choice(av[1]), rng, groups))
        elif op is _c.SUBPATTERN:
            s = _walk(av[-1], rng, groups)
            if av[0]:
                groups[av[0]] = s
            out.append(s)
        elif op in _REPEATS:
            lo, hi, item = av
            hi = lo + 2 if hi is _c.MAXREPEAT else min(hi, lo + 2)
            out.append("".join(_walk(item, rng, groups) for _ in range(rng.randint(lo, hi))))
        elif op is _c.CATEGORY:
            out.append(_CATEGORY.get(av, "k"))
        elif op is _c.GROUPREF:
            out.append(groups.get(av, ""))
        elif hasattr(_c, "ATOMIC_GROUP") and op is _c.ATOMIC_GROUP:
            out.append(_walk(av, rng, groups))
        # AT, ASSERT, ASSERT_NOT, GROUPREF_EXISTS: nothing (the caller checks the regex)
    return "".join(out)


def samples(rx, n: int, rng: random.Random) -> list:
    """``n`` random strings built from the compiled regex ``rx`` (most of them match it)."""
    tree = list(_parser.parse(rx.pattern, rx.flags))
    return [_walk(tree, rng, {}) for _ in range(n)]


def anchor_spans(comp, plain, squeezed) -> dict:
    """pattern index -> spans in the plain view of its anchors' occurrences (as engine._find finds them)."""
    st = squeezed.text
    out: dict = {}
    for end, (klen, _terms, anchors, bounded, _requires) in comp.automaton.iter(st):
        s, e = end - klen + 1, end + 1
        if (bounded[0] and s > 0 and st[s - 1].isascii() and st[s - 1].isalnum()) or (
                bounded[1] and e < len(st) and st[e].isascii() and st[e].isalnum()):
            continue
        if squeezed is not plain:
            s, e = squeezed.to_parent(s), squeezed.to_parent(e - 1) + 1
        for pi in anchors:
            out.setdefault(pi, []).append((s, e))
    return out


def unanchored(comp, texts, patterns=None) -> dict:
    """rule id -> a match of one of ``patterns`` (indices into ``comp.patterns``; default every anchored one) in one of
    ``texts`` that overlaps none of that pattern's anchors: a match the engine never runs the pattern for."""
    from .normalise import lexicon_views
    todo = [(pi, comp.patterns[pi][1]) for pi in (patterns if patterns is not None else range(len(comp.patterns)))
            if comp.patterns[pi][2]]
    missing: dict = {}
    for text in texts:
        plain, squeezed = lexicon_views(text)   # the views engine._find reads
        spans = None
        for pi, rx in todo:
            for m in rx.finditer(plain.text):
                if m.end() == m.start():
                    continue
                if spans is None:
                    spans = anchor_spans(comp, plain, squeezed)
                if not any(s < m.end() and e > m.start() for s, e in spans.get(pi, ())):
                    missing.setdefault(comp.rules[comp.patterns[pi][0]].id, m.group())
    return missing


def sampled_gaps(comp, n: int = 30, seed: int = 20261130, risk_only: bool = True) -> dict:
    """rule id -> a sampled match of its own regex that holds none of its anchors, for every anchored pattern (risk
    patterns only by default: a context or exclusion pattern that is never run changes no grade upwards). Each sample
    is read alone, and inside a short sentence of each script."""
    out: dict = {}
    for pi, (ri, rx, has) in enumerate(comp.patterns):
        if not has or (risk_only and comp.rules[ri].kind != 2):
            continue
        # each pattern its own stream: editing one rule changes only that rule's samples
        rng = random.Random(f"{seed}:{comp.rules[ri].id}:{rx.pattern}")
        texts = []
        for s in samples(rx, n, rng):
            texts += [s, "嗯 " + s + " 。", "ok " + s + " ok"]
        out.update(unanchored(comp, texts, [pi]))
    return out
