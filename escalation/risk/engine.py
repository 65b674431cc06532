"""The risk screen: lexicon matches -> exclusions -> negation -> context caps -> combination rules.

Reading of a message, in order:

1. Normalise (normalise.py) and find every lexicon term (one Aho-Corasick pass) and the regex
   patterns whose anchors occur. The asides a message begins with ("ngl", "说实话") are read for their context words
   only (``normalise.lexicon_body``); the patterns that read where a message ends read it again without the emoji and
   asides it ends with (``_core``: "he's here. please help 😭😭").
2. Exclusions (hyperbole, idioms: "笑死", "想死你了", "killing time"; denials and retractions): a risk
   match lying wholly inside an exclusion span is dropped. Only that match: "笑死了，但说真的我想自杀"
   stays high. An idiom found across a space is no idiom ("我想死 你能陪我聊聊吗"), and a bare topic
   word inside a longer matched phrase is read as that phrase ("gonna murder my brother, he ate my
   fries" is the joke threat, not a mention of murder).
3. Negation: a risk match preceded, in the same clause, by a negator ("不", "没有", "从来没想过",
   "not", "never", "don't", "I'm not") is dropped: "我不想死" / "I don't want to die" /
   "I'm not suicidal". Risk terms that contain their own negation ("不想活", "don't want to
   live") are matched as terms, so "不想活" is risk while "不想死" is not.
4. Context caps, per match:
   - a ``topic`` match (bare "自杀", "suicide", "self-harm") in a literacy question ("what is",
     "有哪些表现", "how do I talk to my teen about") or about a book/film/song -> at most low;
   - a match inside quotation marks in a message about a song/book/film -> at most medium;
   - a ``joke`` match ("kms", "我要死了") with laughter ("lol", "哈哈", "😂", "💀") -> at most medium (a laugh the message
     begins with, ``laugh_aside``, caps a joke's own words only, unless the message names a trivial cause: "lol he's
     here. please help" is no joke);
   - a ``pastable`` match (self-harm, ideation) with a past marker ("以前", "used to") and no
     marker of now ("又", "again", "lately") -> at most medium (past self-harm is medium);
   - a self-harm or bleeding match in an accident in cooking or first aid ("切菜的时候切到手")
     not said to be on purpose -> at most low;
   - a third party's worry asked about ("how do I help my son, he is depressed") -> at most
     medium; never a method question, nor a named child's or friend's plan, attempt or goodbye;
   - a question about what words mean or how two things differ ("自残和自杀有什么区别") -> at
     most medium (not a method question); bullying asked "how do i know if" (``whether``) -> at most
     low; a what-if about nobody in particular ("how do you know
     if someone took an overdose") -> at most medium whatever its words add up to.
5. Level = the highest remaining match; abuse or sexual violence said to be going on now
   ("偷偷发的", "he's still going") -> imminent; then combination rules (``_combine``) raise it:
   poison + ingestion -> imminent; medicine + ingestion + (quantity | ideation) -> imminent;
   ideation + (plan | time) -> imminent; means + time + (ideation | plan | method) -> imminent;
   current self-harm + blood -> imminent; last words that close a scene (``final``: "别劝我", "not
   coming back") + a goodbye + (time | plan | place | ingestion | means) -> imminent; a goodbye sent and the sender
   unreachable (``unreachable``: "然后就关机了", "now she's not answering") -> imminent, and so is a wish to die or
   self-harm at high from someone who cannot be reached now; a means put by + a wish to be
   gone -> high (imminent with a time); ... (see the function).
6. A third-party marker ("我室友说", "my friend says") adds the category ``third_party``; the level
   is that of the content: a friend's passive wish is medium, a friend's suicidal statement,
   plan or method search is high, a friend's attempt in progress is imminent.

The n-gram net (ngram.py) then may raise the level, never lower it; it is silent under the caps above
(literacy, media, an accident, a pastime, a named medicine for an illness; a goodbye the writer comes back from
silences it for the whole message), each of which holds
for its own sentence only (laughter: the higher of its readings with and without the laughing
sentences, see ``_net``), and its raise is ignored when (nearly) every n-gram it names lies in words the
lexicon explained away (an idiom, a denial, or a whole look-alike read by an exclusion flagged
``explains``).

History (the user's earlier messages, oldest first): the last ``HISTORY_WINDOW`` messages are read
the same way (cached). Their risk features join the current message's for the combination rules,
so a signal spread over messages is caught ("I bought pills" ... "tonight"). A denial
("just kidding", "开玩笑的", "没事了") after a risky history keeps the history's level: a flag is
never cleared by a single denial. Other later messages are graded on their own (plus the
combination rules): the case opened earlier stays open until staff close it.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from .lexicon import compiled
from .model import LEVELS, Assessment, Evidence
from .normalise import (LAUGH_EMOJI, LAUGH_TYPED, LAUGH_WORDS, STRETCH as _STRETCH, lexicon_body, lexicon_views,
                        net_joined, net_reading, normalise, set_known, typo_view, unstretched, vocabulary)
from . import ngram


def _net_knows(word: str) -> bool:
    """Did the n-gram net learn ``word`` from how young people write ("unalived", "maself", "laughin")? normalise then
    reads it as written, never as a typo of a lexicon word."""
    net = ngram.model()
    return net is not None and bool(net.weights(("w:" + word,)))


set_known(_net_knows)

HISTORY_WINDOW = 6
# texts longer than this run each regex only within +-_WINDOW characters of its anchors
_WINDOW_FROM = 240
_WINDOW = 100
# texts longer than this run each bounded regex only within (its longest match) of its anchors
_NARROW_FROM = 80
_MARGIN = 16
NONE, LOW, MEDIUM, HIGH, IMMINENT = range(5)

_CLAUSE = re.compile(r"[,.;:!?。、，；！？\n~…]|但是|可是|只是|不过|\bbut\b|\bthough\b")
# (Cantonese negators 唔/冇 reach this as 不/没: normalise._CANTONESE)
_NEG_ZH = re.compile(
    r"(?:(?<![想要会是能])不|(?<!有)没|(?<!有)没有|从来没有?|从没有?|从来不|从不|绝不|绝对不|决不|并不|并没有?|不会|不是|别|不要|才不|"
    r"不可能|不太|一点也不|一点都不)"
    r"(?:会|再|要|去|想|是|系|被人|被|那种|这种|那样的|这样的|觉得自己|觉得|认为自己|打算|敢|可能|过|真的|想过|真想|至于|曾|会去|有想过|有|任何|什么|说我|说|在)*\s*$")
_NEG_EN = re.compile(
    r"(?:^|\b)(?:not|never|nobody|nobody's|nobodys|no one|no one's|noone|don't|dont|do not|didn't|didnt|did not|won't|wont|will not|wil not|"
    r"wouldn't|wouldnt|would not|isn't|ain't|nor|no longer|'m not|im not|am not|doesn't|"
    r"haven't|havent|have not|never ever|no intentions? (?:of|to)|no plans? (?:of|to)|no desire to|no wish to|"
    r"no thoughts? (?:of|about)|no urges? to|"
    # West African Pidgin's "it's not that", "I'm not thinking of" ("no be say i wan die o", "i no dey think say make i
    # kill myself"); not "i no wan ...", which is how Pidgin says the wish itself ("i no wan live again")
    r"no be (?:like )?say|no mean (?:to )?say|no dey think (?:say|of|about)(?: make)?)\s+"
    r"(?:(?:really|ever|even|gonna|going to|go to|want to|wanted to|wanting to|wanna|plan to|planning to|planning on|saying|said|say|"
    r"tried to|considered|thought of|felt like|had|been|"
    r"try to|trying to|actually|be|ever|thinking about|think about|thought about|thinking of|thinking to|think to|"
    r"considering|feel|feeling|at all|intend to|intending to|seriously|about to|do|like|"
    r"have any plans? to|have any intentions? (?:to|of)|have any desire to|have plans? to|have the urge to|feel the urge to|"
    r"have any thoughts? of|have thoughts? of|have any urge to|have a plan to|a plan to|have any|have|any|i|wan|"
    r"having|having any|thoughts? of|thoughts? about)\s+){0,3}$")


@dataclass(frozen=True)
class Reading:
    """One message read on its own."""
    matches: tuple      # surviving risk matches: (rule, term, view, start, end, effective rank)
    modifiers: tuple    # surviving level-none matches (time, means, ingestion...), same shape
    flags: frozenset    # features of matches and modifiers
    context: frozenset  # context flags
    rank: int
    categories: tuple
    rule_evidence: tuple  # (category) added by combination rules
    excluded: tuple = ()  # spans (original text) of the idioms, denials and retractions that dropped risk words


_EMPTY = Reading((), (), frozenset(), frozenset(), 0, (), ())
_NO_RISK = Assessment("none", (), ())


_LAST_CLAUSE = re.compile(r"(?s).*(?:[,.;:!?。、，；！？\n~…]|但是|可是|只是|不过|\bbut\b|\bthough\b)")
# cheap test: is there any negator at all in the 40 characters before a match?
_ANY_NEG = re.compile(r"[不没别绝决从并]|n't|\bnot\b|\bnever\b|\bnobody|\bno ?one\b|\bnor\b|\bno longer\b|\bdont\b|\bwont\b|"
                      r"\bdidnt\b|\bwouldnt\b|\bhavent\b|\bim not\b|\bno\b")


def _clause_prefix(text: str, start: int) -> str:
    prefix = text[max(0, start - 40):start]
    m = _LAST_CLAUSE.match(prefix)
    return prefix[m.end():] if m else prefix


_NO_WHAT = re.compile(r"suicid|self[\s-]?harm|thoughts? of|plans? to|intent|desire to|urges? to|wish to")
_NEG_CHARS = frozenset("不没别绝决从并")


def _maybe_negated(s: str) -> bool:
    """A superset of _ANY_NEG, with substring tests (a regex alternation costs ~5 µs here)."""
    return not _NEG_CHARS.isdisjoint(s) or "no" in s or "nt" in s or "never" in s or "n't" in s


def _negated(text: str, start: int) -> bool:
    lo = start - 40 if start > 40 else 0
    if not _maybe_negated(text[lo:start]) or not _ANY_NEG.search(text, lo, start):
        return False
    prefix = _clause_prefix(text, start)
    if not prefix:
        return False
    tail = prefix[-10:]
    m = _NEG_ZH.search(tail)
    if m:
        neg = tail[m.start():]
        before = tail[m.start() - 1] if m.start() > 0 else ""
        # an A-not-A question is not a negation: 是不是 / 有没有 / 想不想 / 会不会; a denial said twice is
        # ("不是不是 不是想自杀")
        if not (before and len(neg) >= 2 and neg[1] == before and tail[m.start() - 2:m.start() - 1] != neg[0]):
            return True
    if prefix.endswith("no ") and _NO_WHAT.match(text, start):
        # "no suicidal thoughts here", "no self harm for a year": a bare "no" only before these words ("no i
        # want to die" is no denial)
        return True
    return bool(_NEG_EN.search(prefix.lstrip()) if prefix.strip() else False)


def _denied(plain, view, vs: int, text: str) -> bool:
    """Is the match at ``vs`` of ``view`` (``plain`` or a view under it) negated: in the plain view, or, where the writer
    stretched a word, with the stretch written once ("i'm not thinkiiiing about hurting myself": the denial reads
    "not thinking about", which ``plain``'s "thinkiing" is not)?"""
    pv = vs if view is plain else view.to_parent(vs)
    if _negated(plain.text, pv):
        return True
    if not plain.cut or not _STRETCH.search(text):
        return False
    alt = _unstretched(plain, text)
    return alt is not None and _negated(alt.text, alt.from_parent(pv))


# (read by the patterns and by the denials of the same message: once)
_unstretched = lru_cache(maxsize=16)(unstretched)


def _gap(text: str, span: tuple, spaced: bool = False) -> bool:
    """Does the original text of ``span`` hold a space or a line break (that parts two clauses)? With ``spaced``, not when
    every word it touches is a single character: a message typed with a space after each character ("笑 死 我 了") is
    spaced, not parted ("我想死 你能陪我聊聊吗" is)."""
    s, e = span
    if not any(map(str.isspace, text[s:e])):
        return False
    if not spaced:
        return True
    n = len(text)
    while s > 0 and not text[s - 1].isspace():
        s -= 1
    while e < n and not text[e].isspace():
        e += 1
    return any(len(word) > 1 for word in text[s:e].split())


_QUOTE_PAIRS = (("《", "》"), ("「", "」"), ("“", "”"), ("『", "』"))


def _in_quotes(text: str, start: int) -> bool:
    """Is ``start`` inside quotation marks (straight double quotes, or an open pair: 《》「」“”『』)?"""
    before = text[:start]
    if before.count('"') % 2 == 1:
        return True
    return any(before.count(a) > before.count(b) for a, b in _QUOTE_PAIRS)


def _find(text: str, every_pattern: bool = False):
    """Raw matches of ``text``: (exclusion spans, context flags, risk items).

    A risk item is (rule, term, view, view_start, view_end); offsets into the original text are
    computed later, only for what survives. A regex pattern runs only when one of its anchors
    occurs (``every_pattern`` runs them all, still only where their ``requires`` words occur: the
    tests use it to check that no anchor list is missing a word its regex needs)."""
    comp = compiled()
    plain, squeezed, body_at = lexicon_body(text)
    st = squeezed.text
    n = len(st)
    rules = comp.rules
    exclusions = []
    context = set()
    risk = []
    npat = len(comp.patterns)
    run = {}  # pattern index -> squeezed-view positions of its anchors (None: whole text)
    for pi in (range(npat) if every_pattern else comp.always_patterns):
        run[pi] = None
    req = None  # patterns whose ``requires`` list occurred
    for end_idx, (klen, terms, anchors, bounded, requires) in comp.automaton.iter(st):
        s = end_idx - klen + 1
        e = end_idx + 1
        if requires:
            if req is None:
                req = set(requires)
            else:
                req.update(requires)
        if anchors:
            ok = True
            if bounded[0] and s > 0:
                c = st[s - 1]
                ok = not (c.isascii() and c.isalnum())
            if ok and bounded[1] and e < n:
                c = st[e]
                ok = not (c.isascii() and c.isalnum())
            if ok:
                for pi in anchors:
                    if pi in run:
                        if run[pi] is not None:
                            run[pi].append(s)
                    else:
                        run[pi] = [s]
        if not terms:
            continue
        for ri, term, left, right in terms:
            if left and s > 0:
                c = st[s - 1]
                if c.isascii() and c.isalnum():
                    continue
            if right and e < n:
                c = st[e]
                if c.isascii() and c.isalnum():
                    continue
            rule = rules[ri]
            kind = rule.kind
            if kind == 2:
                risk.append((rule, term, squeezed, s, e))
            else:
                # an idiom or a context word is one run of text: "想死你了" is "miss you", but in "我想死 你能陪我聊聊吗"
                # the space ends a clause ("I want to die. Can you talk with me?"); "紫砂进行中 药已经下去了" holds no "中药"
                span = squeezed.orig_span(s, e)
                if " " in term or not _gap(text, span, kind == 0):
                    if kind == 0:
                        exclusions.append(span)
                    context |= rule.flags
    if body_at:
        # the asides' own context words ("ngl" takes a laugh back), read as a message of their own (which has no body)
        aside = _find(text[:body_at])[1]
        if "laughter" in aside or "哈" in text[:body_at]:
            # a laugh the message begins with: the writer's nerves as often as a joke ("lol he's banging on my door
            # screaming he's gonna kill me"); it makes a joke of a joke's own words ("lol kms"), not of the rest (read)
            aside = (aside - {"laughter"}) | {"laugh_aside"}
        context |= aside
    if run:
        pt = plain.text
        plen = len(pt)
        patterns = comp.patterns
        widths = comp.widths
        long_text = plen > _WINDOW_FROM
        mid_text = plen > _NARROW_FROM
        needs = comp.needs
        unless = comp.unless
        stops = comp.stops
        stop_sets = comp.stop_sets
        found_marks = {}  # stop set index -> positions of its marks in the text
        ran = []
        at_edges = set()  # (pattern, start, end) found by the patterns that read the message's edges
        for pi in sorted(run):
            where = run[pi]
            if needs[pi] and (where is not None or every_pattern) and (req is None or pi not in req):
                continue
            if unless[pi] is not None and unless[pi].search(pt):
                continue
            ran.append(pi)
            ri, rx, _ = patterns[pi]
            rule = rules[ri]
            width = widths[pi]
            stop = stops[pi]
            if where is None or not (long_text or (mid_text and (width is not None or stop is not None))):
                spans = ((0, plen, plen),)
            elif stop is not None:
                # the pattern never matches across some sentence or clause marks: run it only in the
                # stretches between them that hold an anchor (and as far past as it looks ahead),
                # keeping the matches that start inside the stretch
                marks = found_marks.get(stop[0])
                if marks is None:
                    marks = found_marks[stop[0]] = [m.start() for m in stop_sets[stop[0]].finditer(pt)]
                look = stop[1]
                spans = []
                for a in sorted(where):
                    p = squeezed.to_parent(a) if squeezed is not plain else a
                    i = bisect_right(marks, p)
                    if i and marks[i - 1] == p:       # an anchor on a mark: read the whole text
                        spans = ((0, plen, plen),)
                        break
                    lo = marks[i - 1] + 1 if i else 0
                    if spans and spans[-1][0] == lo:
                        continue
                    end = marks[i] if i < len(marks) else plen
                    spans.append((lo, min(plen, end + look), end))
            else:
                # run the regex only in windows around its anchors: as wide as its longest match
                # (+ a margin for lookaheads) when that is bounded, else +-_WINDOW in a long text
                spans = []
                before, after = (width, width + _MARGIN) if width is not None else (_WINDOW, _WINDOW)
                for a in sorted(where):
                    p = squeezed.to_parent(a) if squeezed is not plain else a
                    lo, hi = max(0, p - before), min(plen, p + after)
                    if spans and lo <= spans[-1][1]:
                        spans[-1][1] = spans[-1][2] = hi
                    else:
                        spans.append([lo, hi, hi])
            for lo, hi, last in spans:
                for m in rx.finditer(pt, lo, hi):
                    s, e = m.span()
                    if s >= last:
                        break
                    if e != s:
                        _take(rule, m.group(), plain, s, e, risk, context, exclusions)
                        if pi in comp.edges:
                            at_edges.add((pi, s, e))
        edges = comp.edges
        if edges and not edges.isdisjoint(ran):
            _find_at_edges(pt, plain, [pi for pi in ran if pi in edges], comp, at_edges, risk, context, exclusions)
        if plain.cut and not every_pattern and _STRETCH.search(text):
            _find_stretched(text, plain, ran, comp, risk, context, exclusions)
    return exclusions, context, risk, plain


def _find_at_edges(pt: str, plain, ran: list, comp, found: set, risk: list, context: set, exclusions: list) -> None:
    """The patterns that read where the message begins or ends (``ran``, which ran on the plain text ``pt`` and found
    ``found``: (pattern, start, end)), once more on it without the emoji, asides and laughs it ends with (``_core``): "he's
    here. please help 😭😭", "what's the most painless way idk", "🪢 今晚 唉", "i have a plan lol". A pattern a bare laugh
    makes a joke of (``joke_if_bare``) reads past the emoji and asides only, never past the laugh: "想被可爱死哈哈" has no
    core of its own, "想被可爱死哈哈 😭" has "想被可爱死哈哈". What they find that the first reading did not is added."""
    core = _core(pt)
    if core is None:
        return
    sober = None
    for pi in ran:
        ri, rx, _ = comp.patterns[pi]
        rule = comp.rules[ri]
        end = core
        if "joke_if_bare" in rule.flags:
            if sober is None:
                sober = _core(pt, sober=True) or 0
            end = sober
        if not end:
            continue
        for m in rx.finditer(pt, 0, end):
            s, e = m.span()
            if e != s and (pi, s, e) not in found:
                _take(rule, m.group(), plain, s, e, risk, context, exclusions)


def _take(rule, term: str, view, s: int, e: int, risk: list, context: set, exclusions: list) -> None:
    """What a pattern's match adds to a reading: a risk item, context flags, or an exclusion span (and its flags)."""
    if rule.kind == 2:
        risk.append((rule, term, view, s, e))
    elif rule.kind == 1:
        context |= rule.flags
    else:
        exclusions.append(view.orig_span(s, e))
        context |= rule.flags


# words someone said or wrote, reported ("孩子说想死", "my friend said she wants to disappear"): a how-to-tell question beside them
# asks about a young person who said something (read)
_SAID = re.compile(r"说|說|\b(?:said|says|say|told|tells|texted|wrote|posted|asked)\b")


# what a goodbye the writer comes back from does not bring to the combination rules (read)
_FAREWELL_FLAGS = frozenset({"goodbye", "final"})


# What a message may end with after what it says, which the patterns that read its end ("^\\W*i have a plan\\W*$",
# "please help$") look past: emoji and symbols, a writer's asides ("idk", "tbh", "fr", "唉", "呜呜"), and a laugh ("lol",
# "哈哈", "😂": "我喺月台 下一班車嚟就跳 哈哈", whose plain view glues the laugh to the word before it). The laugh is still
# read where it is written, by the joke caps (its context flags are the whole message's) and by the patterns that ask
# for it ("lmao kys 💀"): this second reading only adds matches. (What a message begins with before it, the lexicon
# reads without: ``normalise.lexicon_body``.)
_TAIL_ASIDES = r"idk|tbh|ngl|fr|honestly|i guess|ig|lowkey|tho|though|man|bro|dude|anyway|anyways|唉+|哎+|呜+|5{3,}"
_TAIL_LAUGHS = LAUGH_WORDS + r"|哈|" + LAUGH_TYPED
_EDGE_MARK = r"[^\w\s.!?。！？,，、~…'\"]"
_TAIL_WORD = re.compile(r"(?:(?<![a-z0-9'])(?:" + _TAIL_ASIDES + "|" + _TAIL_LAUGHS + r"))\Z")
_TAIL_MARK = re.compile(r"(?:\s|[.!?。！？,，、~…]|" + _EDGE_MARK + r")+\Z")
# the same, for a pattern a bare laugh makes a joke of (``joke_if_bare``: "想死哈哈", "想被可爱死😂"): it reads past
# the asides and emoji a message ends with, never past its laugh
_TAIL_WORD_SOBER = re.compile(r"(?:(?<![a-z0-9'])(?:" + _TAIL_ASIDES + r"))\Z")
_TAIL_MARK_SOBER = re.compile(r"(?:\s|[.!?。！？,，、~…]|(?![" + LAUGH_EMOJI + r"])" + _EDGE_MARK + r")+\Z")
_PLAIN_EDGE = re.compile(r"[\s.!?。！？,，、~…]*")


def _core(pt: str, sober: bool = False):
    """Where in the plain text ``pt`` what the message says ends, before the emoji and asides it ends with, or None when
    it ends with none: "i have a plan 😭 idk" -> the end of "i have a plan". Spaces and sentence marks alone are no
    reason to read again (the patterns read them); an emoji the message begins with is read ("🪢 今晚 唉"). ``sober``: a
    laugh it ends with is kept ("想死哈哈" has no core)."""
    mark, word = (_TAIL_MARK_SOBER, _TAIL_WORD_SOBER) if sober else (_TAIL_MARK, _TAIL_WORD)
    n = len(pt)
    hi = n
    while hi > 0:
        m = mark.search(pt, 0, hi)
        if m:
            hi = m.start()
            continue
        m = word.search(pt, 0, hi)
        if m:
            hi = m.start()
            continue
        break
    if hi < n and _PLAIN_EDGE.fullmatch(pt, hi, n):
        return None
    return hi if 0 < hi < n else None


def _find_stretched(text: str, plain, ran: list, comp, risk: list, context: set, exclusions: list) -> None:
    """The patterns that ran, read once more where the writer stretched a word ("what's the most paiiinless way to
    diiie": ``plain`` keeps two letters of a stretch, and "paiinless", "diie" are no words); what they find that the
    first reading did not is added. Rare (a letter written three or more times), so the whole text is read."""
    alt = _unstretched(plain, text)
    if alt is None:
        return
    seen = {(item[0].id,) + item[2].orig_span(item[3], item[4]) for item in risk if item[2] is plain}
    for pi in ran:
        ri, rx, _ = comp.patterns[pi]
        rule = comp.rules[ri]
        for m in rx.finditer(alt.text):
            s, e = m.span()
            if e != s and (rule.kind != 2 or (rule.id,) + alt.orig_span(s, e) not in seen):
                _take(rule, m.group(), alt, s, e, risk, context, exclusions)


def read(text: str, every_pattern: bool = False) -> Reading:
    exclusions, context, risk, plain = _find(text, every_pattern)
    if not risk:
        # an exclusion flagged ``explains`` reads a whole look-alike as harmless ("my note is on my desk for my
        # teacher"): its span keeps the net quiet even when there was no risk word in it to drop
        return Reading((), (), frozenset(), frozenset(context), NONE, (), (),
                       tuple(exclusions) if "explains" in context else ()) if context else _EMPTY
    if not exclusions:
        # fast path: only modifiers (time, place, means...), none of them an ingestion (which must be
        # checked for negation): nothing to drop or cap, so the flags go straight to _combine
        fl = set()
        for item in risk:
            rule = item[0]
            if rule.rank != NONE or "ingest" in rule.flags:
                break
            fl |= rule.flags
        else:
            fl |= context & _COMBINED_CONTEXT
            # (a door forced is read in full: a laugh beside it drops the flag, which only the full reading sees)
            if _combine(fl, fl, NONE)[0] == NONE and "siege" not in fl:
                return Reading((), tuple(item + (NONE,) for item in risk), frozenset(fl), frozenset(context),
                               NONE, (), ())
    literacy = "literacy" in context
    media = "media" in context
    trivial = "trivial" in context
    sincere = "sincere" in context
    # a laugh the message begins with, with a trivial cause ("lol this homework makes me want to die") is a laugh; without
    # one, it makes a joke of a joke's own words only ("lol kms")
    joking = _laughing(context)
    laughter = joking and ("laughter" in context or trivial)
    hypothetical = "hypothetical" in context or ("third_party" in context and literacy)
    illness = "illness" in context
    # a past marker counts unless something is said to be going on now, or the writer says they came
    # through it ("i used to cut but haven't in a year, doing good now")
    past = "past" in context and ("current" not in context or "recovered" in context)
    # an accident or first aid ("切菜的时候划到手", "grandma fell, so much blood"), not said to be on purpose
    accident = "accident" in context and "sincere" not in context
    # a pastime where the writer is (a rooftop barbecue), not said to be meant
    pastime = "leisure" in context and "sincere" not in context
    returning = _returning(context)
    retold = _retold(context)
    # a how-to-tell question, and whether someone is reported saying something (read once, not per match)
    whether = "whether" in context
    said = whether and literacy and _SAID.search(plain.text) is not None
    matches = []
    modifiers = []
    flags = set()
    laughed = set()
    dropped = False
    # a weapon, a time, a place or a plan anywhere in the message: a threat is never laughed off
    armed = (joking or trivial) and any(not _ARMED.isdisjoint(item[0].flags) for item in risk)
    # the writer where it would happen, or something taken, bought or bleeding: a death wish is not laughed off into
    # no intent ("i'm on the roof and i'm going to jump lol"); a pastime where the writer is does not count
    # (nor medicine taken for an illness: "took my allergy pills kms lol")
    at_hand = False
    if joking or trivial:
        not_at_hand = ({"present"} if pastime else set()) | ({"ingest"} if illness or "treatment" in context else set())
        at_hand = any(not _AT_HAND.isdisjoint(item[0].flags - not_at_hand) for item in risk)
        if not at_hand and not (pastime or illness or accident):
            # the means named and the time set ("lol sewerslide tonight after my mom falls asleep, already got the rope"):
            # a plan, however it is laughed about (a time alone is not: "kms lol test tomorrow")
            named = set()
            for item in risk:
                named |= item[0].flags
            at_hand = "time" in named and not _MEANS_FLAGS.isdisjoint(named)
    for rule, term, view, vs, ve in risk:
        fl = rule.flags
        if exclusions:
            s, e = view.orig_span(vs, ve)
            if any(xs <= s and e <= xe for xs, xe in exclusions):
                dropped = True
                continue
        rank = rule.rank
        # negation matters for risk terms and for ingestion ("我没吃药"); a negated distress word
        # or time word changes nothing, so those skip the check
        if (rank >= MEDIUM or "ingest" in fl) and "no_negation" not in fl and _denied(plain, view, vs, text):
            continue
        if rank == NONE:
            modifiers.append((rule, term, view, vs, ve, NONE))
            flags |= (fl - _FAREWELL_FLAGS) if returning else fl
            continue
        if sincere and rank == MEDIUM and "joke" in fl and rule.category == "suicidal_ideation" and not trivial:
            # a death wish the writer says is meant ("i'd rather die, i'm not joking", "they want to readmit me. i'd rather
            # die, and i mean it"): no joke (the caps below still read a question or a film)
            rank = HIGH
        if "topic" in fl and (literacy or media):
            rank = min(rank, LOW)
        if "third" in fl and media:
            # a character in a film or book ("in the movie he tries to kill himself")
            rank = min(rank, LOW)
        if ("third" in fl or (hypothetical and "to_me" not in fl)) and literacy and rank < IMMINENT and rule.category != "method_seeking" and not (
                (rule.category in _ACTS or "reported" in fl) and "specific" in context) and not (
                rule.category == "self_harm" and "third" in fl and "current" in context):
            # "how do I help a friend who self-harms", "what should I do if my child talks about
            # suicide": a young person at risk, asked about -> medium (never a method question, which
            # is dangerous whoever it is "for"; nor a named child's or friend's plan, attempt or goodbye, nor a
            # death wish they wrote down (``reported``: "我女儿在日记里写想死 我应该怎么办"):
            # "my son said we won't have to deal with him much longer"; a generic "what should teachers
            # do if a student writes a goodbye letter" is medium; nor cuts a parent found that are new: "发现她手臂上
            # 有好多割伤，有新的也有旧的 我该怎么开口" is self-harm now, high)
            rank = min(rank, MEDIUM)
        if whether and "to_me" not in fl and (rule.category == "bullying" or (
                literacy and "specific" not in context and rule.category != "method_seeking" and rank < IMMINENT
                and not said)):
            # "how do i know if my kid is being bullied", "怎么判断孩子在学校是不是被欺负了": how to tell -> support (low); so is
            # how to tell about nobody in particular ("how can you tell if a kid is being groomed online", "signs a teenager is
            # being sexually abused"), unless someone said it ("孩子说想死是认真的吗，怎么判断": a report -> medium)
            rank = min(rank, LOW)
        if "definition" in context and rule.category != "method_seeking":
            # "自伤和自杀有什么区别", "what's the difference between self harm and a suicide attempt",
            # "什么叫自杀意念": the words are what is asked about (never a method question)
            rank = min(rank, MEDIUM)
        if (media or retold) and _in_quotes(view.text, vs):
            # words quoted from a film or a song; or the writer's own words, retold and explained ("我在班群里发了一句
            # “不想活了” 我真的只是夸张一下 怎么跟老师解释") -> at most ask (medium)
            rank = min(rank, MEDIUM)
        joke = _is_joke(rule, term)
        if ((joke and (joking or trivial)) or (laughter and trivial)) and "ideation" in fl and (
                "plan" not in fl or "joke" in fl) and not at_hand:
            # a death wish laughed off or said of homework is asked about (medium) but is no intent: with a time
            # ("kms lol test tomorrow") it does not add up to a plan
            laughed.add((vs, ve, rule.id))
        if joke and joking:
            # "kms lol" -> medium; "so cringe i want to die lmao" (a trivial cause) -> low
            rank = min(rank, LOW if ("joke_low" in fl or trivial) else MEDIUM)
        elif laughter and trivial and rank == HIGH and "ideation" in fl and "plan" not in fl:
            # "这道题难到我想自杀哈哈哈": an explicit word, but laughing about homework -> ask (medium)
            rank = MEDIUM
        elif joke and trivial:
            # "这题我想死": a slang death wish about homework -> ask, do not alarm (medium);
            # "i'm gonna kill my sister she stole my hoodie": a threat over a trivial cause -> low;
            # "kill me now, surprise quiz": a plea of exasperation over a trivial cause -> low
            rank = min(rank, LOW if (rule.category == "violence_to_others" or "joke_low" in fl or "trivial_low" in fl)
                       else MEDIUM)
        if (laughter or trivial) and rule.category == "violence_to_others" and rank < IMMINENT and not armed and \
                _ONE_PERSON.search(term) and not _WEAPON_ACT.search(term):
            # "我哥抢我薯片 我要杀了他🤣": a threat laughed about, or over a trivial cause ("我哥把我最后一包辣条吃了
            # 我要杀了他😤"), at one person, with no weapon, time, place or plan -> low (also when the words are
            # slang: "if my sister touches my switch again im gonna murder her lol")
            rank = min(rank, LOW)
        if illness and "ingest" in fl and "count" not in fl:
            # "今天吃了好多药，感冒快好了": medicine taken for an illness
            rank = min(rank, LOW)
        if "pastable" in fl and past:
            rank = min(rank, MEDIUM)
            if "recovered" in context and "ideation" in fl:
                # a wish the writer says they came through is no intent now: a time in another sentence ("two years ago
                # i was in hospital after trying to end my life. tonight i got my acceptance letter ... it got better")
                # does not add up to a plan
                laughed.add((vs, ve, rule.id))
        if accident and rule.category in _INJURY_CATEGORIES:
            rank = min(rank, LOW)
        if returning and (rule.category == "farewell" or "goodbye" in fl or "absent" in fl):
            rank = min(rank, LOW)
        matches.append((rule, term, view, vs, ve, rank))
    if len(matches) > 1:
        matches = _topic_in_phrase(matches)
    for rule, _, _, vs, ve, rank in matches:
        if rank >= MEDIUM:
            flags |= (rule.flags - _INTENT) if laughed and (vs, ve, rule.id) in laughed else rule.flags
            if rank >= HIGH and rule.category == "violence_to_others":
                flags.add("violence")   # a threat still high after every cap: with a weapon or a plan, and when
        elif rank >= LOW:
            flags |= rule.flags & _MEANS_FLAGS
    if "now" in flags and "past" in context and "safe_now" in context:
        # a harm told as past, from which the writer says they are safe now ("when i lived with my aunt she locked me in a
        # room a lot. i live with grandma now, its ok"): its words of now do not make it go on as they type
        flags.discard("now")
    rank = max((m[5] for m in matches), default=NONE)
    if "now" in flags and rank == HIGH and any(m[5] == HIGH and m[0].category in _HARM_BY_OTHERS for m in matches):
        # abuse or sexual violence going on as they type ("他还在门口站着", "偷偷发的", "he's still going"):
        # emergency numbers first
        rank = IMMINENT
    if "present" in flags and pastime:
        # a pastime where the writer is ("今晚在天台烧烤", "on the roof for the party tonight"): being there is no
        # sign, with a time or a death word beside it ("气死我了 今晚在天台烧烤")
        flags.discard("present")
    if "siege" in flags and (laughter or trivial) and "sincere" not in context and "candid" not in context:
        # a door banged on with a laugh or over a trivial cause ("我弟在踹门 因为我抢了他的遥控器 哈哈") is no danger at the door
        flags.discard("siege")
    # context the combination rules read as features: an illness, a treatment, a parent's shopping
    flags |= context & _COMBINED_CONTEXT
    rank, extra = _combine(flags, flags, rank)
    if literacy and hypothetical and "specific" not in context and rank > MEDIUM and not any(
            (m[0].category == "method_seeking" or "to_me" in m[0].flags) and m[5] > MEDIUM for m in matches):
        # a what-if about nobody in particular ("how do you know if someone took an overdose") is a
        # question, whatever its words add up to
        rank = MEDIUM
    cats = _categories(matches, extra, context, rank)
    return Reading(tuple(matches), tuple(modifiers), frozenset(flags), frozenset(context), rank,
                   cats, tuple(extra), tuple(exclusions) if (dropped or "explains" in context) else ())


def _topic_in_phrase(matches: list) -> list:
    """A bare topic word inside a longer phrase that was matched is read as that phrase: "murder" in
    "gonna murder my brother, he ate my leftovers" (a threat over a trivial cause, low) is not a
    mention of murder (medium). Only ever lowers the topic word to the phrase's own level."""
    if not any("topic" in m[0].flags for m in matches):
        return matches
    spans = [m[2].orig_span(m[3], m[4]) for m in matches]
    out = []
    for i, m in enumerate(matches):
        if "topic" in m[0].flags:
            s, e = spans[i]
            inside = [o[5] for j, o in enumerate(matches) if j != i and "topic" not in o[0].flags
                      and spans[j][0] <= s and e <= spans[j][1] and spans[j][1] - spans[j][0] > e - s]
            if inside and max(inside) < m[5]:
                m = m[:5] + (max(inside),)
        out.append(m)
    return out


# words that make a death wish explicit, never slang ("我想自杀" vs "我想死")
_EXPLICIT = re.compile("自杀|自尽|轻生|紫砂|跳|割|吊|结束|了结|了断|烧炭|卧轨|农药|安眠药|去死|死掉")
_ACTS = frozenset({"method_seeking", "suicide_plan_or_means", "attempt_in_progress", "farewell"})
_MEANS_FLAGS = frozenset({"means", "means_med", "means_poison", "place"})
# what a death wish laughed off or said of homework does not bring to the combination rules (read)
_INTENT = frozenset({"ideation", "plan"})
# a threat at one person ("我要杀了他", "我要杀了我弟", "i'm going to murder him"), not at a group or a school
# ("杀了他们", "shoot up the school"): a pronoun, or a brother or sister named
_ONE_PERSON = re.compile(r"[他她你它](?!们)|我(?:弟|哥|姐|妹)|(?:弟弟|哥哥|姐姐|妹妹)|\b(?:him|her)\b|"
                         r"\bmy (?:little |big |older |younger )?(?:brother|sister|bro|sis)\b")
_ARMED = _MEANS_FLAGS | {"time", "plan", "acquire", "now"}
_AT_HAND = frozenset({"present", "ingest", "qty", "acquire", "blood"})
# a threat whose verb names a weapon ("捅死他", "stab him") is never a laughed-off threat at one person
_WEAPON_ACT = re.compile(r"捅|砍|刺死|枪|\bstab|\bshoot|\bshot\b")
_HARM_BY_OTHERS = frozenset({"abuse", "sexual_violence"})
_COMBINED_CONTEXT = frozenset({"illness", "treatment", "family_bought"})
# what an accident explains: a cut, a wound, bleeding (not a death wish, a method or a plan)
_INJURY_CATEGORIES = frozenset({"self_harm", "attempt_in_progress"})


def _combine(now: set, window: set, rank: int, cross: bool = False) -> tuple:
    """Combination rules. ``now``: flags of the current message; ``window``: with history."""
    extra = []
    w = window

    def lift(level: int, category: str) -> None:
        nonlocal rank
        if level > rank:
            rank = level
        extra.append(category)

    ideation = "ideation" in w
    means = "means" in w or "means_med" in w or "means_poison" in w
    if "ingest" in w and "means_poison" in w:
        lift(IMMINENT, "attempt_in_progress")
    if "ingest" in w and "means_med" in w:
        if "illness" in w and not (ideation or "plan" in w):
            pass
        elif "qty" in w or ideation or "plan" in w or "passive" in w:
            lift(IMMINENT, "attempt_in_progress")
        elif "sedative" in w:
            # "我刚吃了安眠药": sleeping pills taken, nothing else said -> ask (medium)
            lift(MEDIUM, "suicide_plan_or_means")
        else:
            lift(LOW, "suicide_plan_or_means")
    if "ingest" in w and "symptom" in w and "illness" not in w and (
            "qty" in w or "means_poison" in w or "sedative" in w or ("means_med" in w and rank >= HIGH)):
        # "刚才把一瓶都吃了现在头好晕", "took a bunch of pills, feeling dizzy": symptoms after an ingestion
        lift(IMMINENT, "attempt_in_progress")
    if "ingest" in w and "symptom" in w and "qty" in w and "means_med" in w:
        # "吃了好多感冒药，心跳好快": too much of a medicine for an illness, and the body answering
        lift(IMMINENT, "attempt_in_progress")
    if ("means_med" in w or "means_poison" in w) and "qty" in w and "time" in w:
        lift(IMMINENT, "suicide_plan_or_means")
    if "acquire" in w and means:
        household = "means_poison" in w and not ("means_med" in w or "means" in w)
        if household and not (ideation or "plan" in w):
            # "妈妈买了一瓶消毒水打扫卫生": buying a household poison is not a signal by itself
            pass
        elif ideation or "plan" in w:
            lift(IMMINENT, "suicide_plan_or_means")
        elif "passive" in w and rank >= MEDIUM:
            # a means put by and a wish to be gone ("撑不下去了 … 药我已经偷偷存了一些，就是还没想好哪天")
            lift(IMMINENT if "time" in w else HIGH, "suicide_plan_or_means")
        elif "time" in w and cross:
            # "I bought pills" ... "tonight": a time given after a means was acquired
            lift(IMMINENT, "suicide_plan_or_means")
        elif "means_med" in w and ("qty" in w or "time" in w) and "treatment" not in w and "family_bought" not in w:
            # ("感冒药买好了 今晚早点睡": a medicine for an illness, bought, is no stockpile; nor is a parent's
            # shopping: "my mom bought 2 bottles of tylenol at target")
            lift(HIGH, "suicide_plan_or_means")
        else:
            lift(LOW, "suicide_plan_or_means")
    if "death_word" in w and ("passive" in w or ideation) and rank < HIGH:
        # "我想消失，永远消失，去死": a bare death word after a death wish
        lift(HIGH, "suicidal_ideation")
    if ideation and ("plan" in w or "time" in w):
        lift(IMMINENT, "suicide_plan_or_means")
    if ideation and means and ("qty" in w or "acquire" in w):
        lift(IMMINENT, "suicide_plan_or_means")
    if "passive" in w and ("means_med" in w or "sedative" in w or "means_poison" in w) and "qty" in w and rank == MEDIUM:
        # a wish not to wake up and a count of pills or a bottle of them at hand ("想一觉睡过去不醒 家里有一整瓶安眠药")
        lift(HIGH, "suicide_plan_or_means")
    if "passive" in w and "means_poison" in w and "time" in w and rank >= MEDIUM:
        # a poison named, a time, and a wish to be gone ("撑不下去了 仓库里那瓶百草枯我已经拿到房间了 今晚喝")
        lift(IMMINENT, "suicide_plan_or_means")
    if means and "time" in w and ("plan" in w or "method_q" in w or ideation):
        lift(IMMINENT, "suicide_plan_or_means")
    if "goodbye" in w and (("place" in w and "present" in w) or ("ingest" in w and (means or "qty" in w))
                           or ("self_harm" in w and rank >= HIGH)):
        # "已经在桥上了，跟你说声谢谢", "took them ... goodbye": a farewell with a place, an ingestion, a wound
        lift(IMMINENT, "farewell")
    if "final" in w and "goodbye" in w and ("time" in w or "plan" in w or ("place" in w and "present" in w)
                                          or "ingest" in w or means):
        # last words and a goodbye, with a time, a plan, a place or a means: "I'm doing it now. Sorry mum.",
        # "大家别担心我了，今晚我就走了，这是最后一次上线", "at the cliffs now. not coming back"
        lift(IMMINENT, "farewell")
    if "plan" in w and "time" in now and rank >= HIGH and ("ideation" in w or "goodbye" in w or "final" in w or "topic" in w):
        # a plan or a note already high, and when: "suicide note done. i will do it at midnight"
        lift(IMMINENT, "suicide_plan_or_means")
    if "goodbye" in w and "plan" in w and "time" in w and rank >= HIGH:
        # "账号密码都发给闺蜜了 猫也托付好了 今晚就走": things handed over, and a time
        lift(IMMINENT, "farewell")
    if "goodbye" in w and "ingest" in w and "illness" not in w and rank < HIGH:
        # "已经吞下去了 别打电话了": something swallowed, and last words
        lift(HIGH, "attempt_in_progress")
    if "place" in w and "present" in w and (ideation or "time" in w or "plan" in w or "passive" in w):
        lift(IMMINENT, "suicide_plan_or_means")
    if "self_harm" in w and "time" in now and ("plan" in w):
        lift(IMMINENT, "suicide_plan_or_means")
    armed = means or "weapon" in w
    if "violence" in w and (("time" in w and (armed or "plan" in w or "acquire" in w)) or ("acquire" in w and armed)):
        # a threat with a weapon or a plan, and when: "bringing my dad's gun to school tmrw", "i'm going to shoot up the
        # school tomorrow"; or with the weapon already taken ("他已经把刀藏书包里了") -> emergency numbers first
        lift(IMMINENT, "violence_to_others")
    if "unreachable" in w and "goodbye" in w and rank >= LOW:
        # a goodbye sent or posted, and the one who sent it cannot be reached now ("发朋友圈说“谢谢遇见，各位保重”，然后就
        # 关机了", "sent me 'dont blame yourself' and now shes not answering") -> emergency numbers first
        lift(IMMINENT, "farewell")
    if "unreachable" in w and (ideation or "self_harm" in w) and rank >= HIGH:
        # someone who said they want to die, behind a door or a phone that does not answer now ("she said earlier she
        # wants to die and she's been in the bathroom an hour not answering") -> emergency numbers first (round 100)
        lift(IMMINENT, "third_party")
    if "self_harm" in now and "blood" in now and rank >= HIGH:
        # self-harm now, and bleeding ("刚才划了好多道 血越流越多", "cut my thigh and it's gushing")
        lift(IMMINENT, "attempt_in_progress")
    if "siege" in w and ("hide" in w or means or "weapon" in w or rank >= HIGH):
        # someone forcing the door as the writer types (not with a laugh: read drops the flag), and the writer hiding, a
        # weapon, or a threat, abuse or a crisis the net reads beside it ("locked myself in the bathroom, he has a knife and
        # hes kicking the door", "they're pounding on the door saying they'll kill me"): emergency numbers first
        lift(IMMINENT, "abuse")
    return rank, extra


def _categories(matches, extra, context, rank) -> tuple:
    cats = []
    for m in sorted(matches, key=lambda m: -m[5]):
        c = m[0].category
        if m[5] >= LOW and c not in cats:
            cats.append(c)
    if rank > LOW:
        for c in extra:
            if c not in cats:
                cats.insert(0, c)
    if "third_party" in context and rank >= MEDIUM and "third_party" not in cats:
        cats.append("third_party")
    return tuple(cats)


@lru_cache(maxsize=2048)
def _read_cached(text: str) -> Reading:
    return read(text)


def _whole_words(text: str, s: int, e: int) -> tuple:
    """A span widened to the Latin words it cuts: a word the lexicon's view wrote shorter ("不想活le" read "不想活了", "吃yao"
    read "吃药") is pointed at whole."""
    n = len(text)
    while 0 < s < n and text[s - 1].isascii() and text[s - 1].isalpha() and text[s].isascii() and text[s].isalpha():
        s -= 1
    while 0 < e < n and text[e].isascii() and text[e].isalpha() and text[e - 1].isascii() and text[e - 1].isalpha():
        e += 1
    return s, e


def _evidence(reading: Reading, rank: int, text: str) -> tuple:
    items = [m for m in reading.matches if m[5] >= LOW or rank >= MEDIUM]
    if rank >= MEDIUM:
        items.extend(reading.modifiers)
    if not items:
        return ()
    ev = []
    for rule, term, view, vs, ve, _ in items:
        s, e = _whole_words(text, *view.orig_span(vs, ve))
        ev.append((s, e, rule.category, term, rule.weight, rule.rank == NONE))
    # longest first at each start, so a span inside another one of the same category (or a
    # modifier inside any span) can be dropped: "想自杀" inside "我想自杀"
    ev.sort(key=lambda x: (x[0], -x[1]))
    out = []
    end_by_cat = {}   # sorted by start, so an earlier span contains this one iff its end >= ours
    end_any = -1
    for s, e, cat, term, w, modifier in ev:
        if end_by_cat.get(cat, -1) >= e or (modifier and end_any >= e):
            continue
        out.append(Evidence(term, s, e, cat, w))
        if e > end_by_cat.get(cat, -1):
            end_by_cat[cat] = e
        if e > end_any:
            end_any = e
    out.sort(key=lambda x: (x.start, x.end))
    return tuple(out)


def screen(text: str, history: Sequence[str] = ()) -> Assessment:
    """Assess one message, given the user's earlier messages (oldest first)."""
    if not isinstance(text, str):
        raise TypeError("text must be a str")
    cur = read(text)
    net_rank, net_text = _net(text, cur)
    if not history and cur.rank == NONE and net_rank == NONE:
        return _NO_RISK
    rank = cur.rank
    cats = list(cur.categories)
    if history:
        past = [_read_cached(h) for h in list(history)[-HISTORY_WINDOW:] if isinstance(h, str) and h]
        if past:
            window = set(cur.flags)
            for r in past:
                window |= r.flags
            # combination across messages, only when this message adds a feature to it
            if cur.flags:
                rank = _lifted(cur.flags, window, rank, cats, cross=bool(window - cur.flags))
            hist_rank = max(r.rank for r in past)
            if "denial" in cur.context and hist_rank >= MEDIUM and hist_rank > rank:
                rank = hist_rank
                for r in past:
                    if r.rank == hist_rank:
                        for c in r.categories:
                            if c not in cats:
                                cats.append(c)
    if net_rank > rank:
        # the n-gram net read more than the lexicon did: its level, its category, its n-grams; unless
        # (nearly) every n-gram it names lies in words the lexicon explained away ("my therapist asked if
        # i want to die and no i don't", 'the "i won't be here tomorrow" text meant i'm off sick')
        # (the n-grams are found only now: most messages the net fires on, the lexicon graded as high already)
        grams = _ngram_evidence(text, ngram.model().top(net_text, net_rank))
        inside = sum(1 for g in grams if any(xs <= g.start and g.end <= xe for xs, xe in cur.excluded)) \
            if cur.excluded else 0
        if not (grams and inside * 5 >= len(grams) * 4):
            rank = net_rank
            if "crisis_language" not in cats:
                cats.append("crisis_language")
            if cur.flags:
                # the combination rules that ask for a crisis already (a plan and a time, a goodbye and a plan, a door
                # forced) read the net's grade as they read the lexicon's; when the net read imminent itself, they still
                # name what they see ("abuse" for a door forced beside a threat)
                rank = max(rank, _lifted(cur.flags, cur.flags, min(rank, HIGH), cats))
            return Assessment(LEVELS[rank], tuple(cats), _evidence(cur, rank, text) + grams)
    return Assessment(LEVELS[rank], tuple(cats) if rank > NONE else (), _evidence(cur, rank, text))


def _lifted(now, window, rank: int, cats: list, cross: bool = False) -> int:
    """``rank`` raised by the combination rules over ``now`` (this message's flags) and ``window`` (with history);
    the categories of a rule that raised it go first in ``cats`` (changed in place)."""
    r2, extra = _combine(now, window, rank, cross=cross)
    if r2 <= rank:
        return rank
    for c in extra:
        if c not in cats:
            cats.insert(0, c)
    return r2


def _retold(context) -> bool:
    """Does the writer retell something they once said or wrote, in quotes, and explain it or ask about it ("我在
    班群里发了一句“不想活了” 只是夸张一下 怎么跟老师解释")? Never someone else's words: a parent's "他说「就是不想活了」"
    is a report. The quoted words are then graded at most medium, and the net stays out of that sentence."""
    return "retold" in context and ("denial" in context or "literacy" in context) and "sincere" not in context


def _returning(context) -> bool:
    """Is a goodbye one the writer says they come back from, or that moves to a new account ("see u in july", "moving to
    my new acc", "以后去新号了"), not said to be meant? Then it is no farewell, and the net leaves it to the lexicon."""
    return "returning" in context and "sincere" not in context


def _muting(context: frozenset) -> bool:
    """Does the lexicon's context keep the net silent: a literacy question, a media mention, an accident, a
    pastime, a parent's shopping, a household chore or a snack counted (not said to be meant)? (Laughter, and a
    goodbye the writer comes back from: see ``_net``.)"""
    return "literacy" in context or "media" in context or (
        not _MUTING.isdisjoint(context) and "sincere" not in context)


_MUTING = frozenset({"accident", "leisure", "family_bought", "household", "snack"})
# caps that explain the clauses around them, so they hold their whole sentence: an accident (the blood after "切到手了"),
# a pastime, a parent's shopping, a chore, a snack, a news story or a film
_SCENE = _MUTING | {"media"}


# a sentence: up to its end mark (or the end of the text); a point between digits ("2.5 pills") ends nothing
_SENTENCE = re.compile(r"(?:[^。！？!?.\n]|(?<=\d)\.(?=\d))+[。！？!?.\n]*")
# a clause: a sentence, or a stretch of Chinese between spaces, where a laugh or a question holds only its own
# ("我现在在天台啦风好大😂 就是想最后看看夜景", "有个问题 伤口一直流黄水正常吗 是我自己划的")
_CLAUSE = re.compile(r"(?:[^。！？!?.\n\s]|(?<=\d)\.(?=\d)|\s(?![\u4e00-\u9fff])|(?<![\u4e00-\u9fff])\s)+[。！？!?.\n]*\s*")


# a run-on sentence's restarts: where, in chat typed without full stops, a new sentence begins ("we watched a movie in
# bio today and then had a fire drill also i think im done with being alive"): before "i", "im", "anyway", "also", after
# four words or more of the last one, and not after a word that joins what follows to it ("when i said", "if i hear", "do
# i press", "and i cant")
_RESTART = re.compile(r"(?<=[a-z0-9'])\s+(?=(?:i|im|i'm|ive|i've|i'd|id|i'll|anyway|anyways|also)\b)")
_JOINS = frozenset("""when if because cause cuz bc coz that and but so or as till until after before since while where what how
    who why whether than though although unless once do did does don't dont can can't cant should would could will won't
    wont am was were have has had must might may shall could've would've should've is are be been being to for of with
    about like think thought know knew guess feel felt said say says hope wish swear bet mean means meant then""".split())
_RUN_ON_WORDS = 12


def _run_on(sentence: str) -> list:
    """``sentence`` cut where a run-on one restarts (``_RESTART``), when it is a long stretch of English with no sentence
    mark: a film, a literacy question or an accident in one of its sentences holds that one only, as it would with full
    stops. (Not a laughing message's: a laugh holds what came before it, however far.)"""
    if sentence.count(" ") < _RUN_ON_WORDS or not sentence.isascii():
        return [sentence]
    out, start = [], 0
    for m in _RESTART.finditer(sentence):
        before = sentence[start:m.start()].split()
        if len(before) >= 4 and before[-1].lower() not in _JOINS:
            out.append(sentence[start:m.start()])
            start = m.end()
    out.append(sentence[start:])
    return out


# a laugh, wherever it is written ("lol", "hahahaha", "哈哈", "hhh", "2333", "😂"; never inside a word or a number: "room
# 2333"), for the net's reading of a message without them
_LAUGH_TOKENS = re.compile("[" + LAUGH_EMOJI + r"]|(?<![a-z0-9'])(?:" + LAUGH_WORDS + "|" + LAUGH_TYPED + r")(?![a-z0-9])",
                           re.I)
# a laugh in a run-on, and the new sentence the writer goes on to after it ("... did nothing lol also i think im done")
_LAUGH_RESTART = re.compile(r"(?<![a-z0-9'])(?:" + LAUGH_WORDS + r")(?:\s*[" + LAUGH_EMOJI + r"])*\s+(?=(?:i|im|i'm|ive|i've|i'd|id|"
                            r"i'll|anyway|anyways|also|but)\b)")


def _after_laughs(sentence: str) -> list:
    """``sentence`` cut after each laugh that a new sentence follows (``_LAUGH_RESTART``)."""
    cuts = [m.end() for m in _LAUGH_RESTART.finditer(sentence)]
    if not cuts:
        return [sentence]
    return [sentence[a:b] for a, b in zip([0] + cuts, cuts + [len(sentence)])]


def _net(text: str, cur: Reading) -> tuple:
    """The n-gram net's reading (ngram.py): (level it would raise the message to, or NONE; the text
    it read, for its evidence). It stays silent where the lexicon found a literacy question, a
    media mention, an accident or a named medicine for an illness with no quantity
    ("吃了感冒药 头好晕": those caps are the lexicon's to make), and when it is not installed.
    Not on "illness" alone: its words ("cold", "肚子疼", "headache") are also how an attempt feels.

    Those caps belong to the sentence they are in: in a message of several sentences, the net reads
    the sentences that carry none of them ("everyone was so loud lol. anyway i'm in the bathroom with
    my dad's razor and i already started" is read without its first sentence); a laugh's or a question's to its
    clause, which in Chinese is often parted by a space ("有个问题 伤口一直流黄水正常吗 是我自己划的").

    Laughter is read both ways, and the higher reading counts: the whole message ("我现在在天台啦风好大😂 就是想最后看看
    夜景": a crisis told with a laugh, which the lexicon's joke caps do not see) and the sentences without it ("which
    bridges are high enough? not for anything weird haha"), unless the laugh is about a trivial cause."""
    net = ngram.model()
    context = cur.context
    if net is not None:
        typo = typo_view(text)
        if typo is not None:
            # each mistyped word read as the word meant (normalise.typo_view): a word the net never learnt weighs nothing
            # to it, so "i want to end this semseter" lost the word that explains it, and "i cant do this anymroe" the
            # word that makes it a crisis
            text = typo.text
        elif _STRETCH.search(text):
            text = _destretched(text)[0]
    if net is None or cur.rank == IMMINENT or ("treatment" in context and "qty" not in cur.flags) or _returning(context):
        # (a goodbye the writer comes back from, "my last post on this acc!! moving to my new one", is read by the
        # lexicon alone: its farewell words, in another sentence, would ask the net for a farewell)
        return NONE, ()
    retold = _retold(context)  # the net stays out of the sentence that retells the writer's own words
    laughing = _laughing(context)
    if laughing and "laughter" not in context and not _joking(cur):
        # the one laugh is the one the message begins with, beside no joke's own words ("lol he's here. please help", "lol
        # i have a plan"): the writer's nerves, which the net, which learnt "lol" from look-alikes, would read as a joke.
        # It reads the message without it
        free = _laugh_free(text)
        if free is not None:
            text, laughing = free, False
    muting = _muting(context)
    if not (muting or retold or laughing):
        return _net_read(net, text)
    # (not when the laugh is about a trivial cause, the joke's own mark: "my mom saw my report card tonight. bye guys it
    # was nice knowing u 💀😂")
    best = _rank(net, text) if not (muting or retold or "trivial" in context) else (NONE, ())
    if best[0] == IMMINENT and any("joke" in m[0].flags for m in cur.matches):
        # a joke's own words read whole ("unalive me rn lol at the bridge with friends") ask at once, at most high:
        # emergency numbers first is for what the lexicon or the laugh-free sentences read as imminent
        best = (HIGH, text)
    # a laugh or a question holds only its own clause; a scene (``_SCENE``) or a retelling holds its whole sentence
    # (an accident explains the blood in the next clause: "切土豆切到手了 流了好多血")
    split = _SENTENCE if (retold or not _SCENE.isdisjoint(context)) else _CLAUSE
    sentences = [s for s in split.findall(text) if s.strip()]
    if laughing:
        # a laugh in a run-on holds what came before it, not what the writer goes on to ("we had a fire drill so we did
        # nothing lol also i think im done with being alive anyway whats for dinner")
        sentences = [p for s in sentences for p in _after_laughs(s)]
    if _MUTING.isdisjoint(context):
        # (an accident, a pastime or a chore explains what follows it in a run-on too: "cut my finger slicing onions i
        # was bleeding a bit how long do i press on it"; and a laugh all it follows)
        sentences = [q for p in sentences
                     for q in ([p] if laughing and _laughing(_read_cached(p).context) else _run_on(p))]
    if len(sentences) < 2:
        return best
    kept = [s for s in sentences if not _silenced(c := _read_cached(s).context) and not (retold and "retold" in c)]
    if not kept or len(kept) == len(sentences):
        return best
    read_text = " ".join(kept)
    joined = _rank(net, read_text)
    if joined[0] >= HIGH and joined[0] > best[0] and laughing and not muting and not retold and \
            sentences[:len(kept)] == kept:
        # the laugh a message ends with took its clause away, and with it what explains the rest ("宿舍六楼窗户外面有只鸽子
        # 好胖 lol": "宿舍六楼窗户外面" alone reads as a ledge): a crisis no higher than the whole message read without its
        # laughs (an ask, medium, is left as it is)
        bare = _rank(net, _LAUGH_TOKENS.sub(" ", text))
        if bare[0] < joined[0]:
            joined = bare
    return joined if joined[0] > best[0] else best


def _is_joke(rule, term: str) -> bool:
    """Are these a joke's own words ("kms", "kill me", "我要死了"), which a laugh makes a joke of? (A death wish that is one
    only when bare, ``joke_if_bare``, is none when it names the act: "我想死" is, "我想自杀" is not.)"""
    return "joke" in rule.flags or ("joke_if_bare" in rule.flags and not _EXPLICIT.search(term))


def _joking(cur: Reading) -> bool:
    """Does the lexicon read a joke's own words in the message?"""
    return any(_is_joke(m[0], m[1]) for m in cur.matches)


def _laugh_free(text: str):
    """``text`` without the asides it begins with (a laugh among them: ``laugh_aside``), or None when it begins with none."""
    body_at = lexicon_body(text)[2]
    return text[body_at:] if body_at else None


_STRETCHED_WORD = re.compile(r"[a-z]*(?:([a-z])\1\1[a-z]*)+", re.IGNORECASE)


@lru_cache(maxsize=16)
def _destretched(text: str) -> tuple:
    """(``text`` with each letter the writer stretched written as the word is spelt, the original offset of each of its
    characters), for the net, which knows "terrible" and "kill" but neither "terriblee" (``normalise`` keeps two letters
    of a stretch) nor "kil" so well. Each stretch is written once or twice: the word the lexicon's terms use more
    ("killlll", "sooooon", "bleeeeding", "diiiie"), else the one the net knows, else once ("terribleeee", "wannaaaa").
    The lexicon reads both ways itself (``_find_stretched``)."""
    net = ngram.model()
    vocab = vocabulary()
    out, back, pos = [], [], 0
    for m in _STRETCHED_WORD.finditer(text):
        word = m.group()
        runs = list(_STRETCH.finditer(word))[:3]
        if not runs:
            continue
        best = None
        for choice in range(1 << len(runs)):
            form, keep, at = [], [], 0
            for k, r in enumerate(runs):
                n = 2 if choice >> k & 1 else 1
                form.append(word[at:r.start() + n])
                keep.extend(range(at, r.start() + n))
                at = r.end()
            form.append(word[at:])
            keep.extend(range(at, len(word)))
            form = "".join(form).lower()
            key = (vocab.get(form, 0), bool(net.weights(["w:" + form])), len(form))
            if best is None or key > best[0]:
                best = (key, keep)
        keep = best[1]
        out.append(text[pos:m.start()])
        back.extend(range(pos, m.start()))
        out.extend(word[i] for i in keep)
        back.extend(m.start() + i for i in keep)
        pos = m.end()
    out.append(text[pos:])
    back.extend(range(pos, len(text)))
    return "".join(out), tuple(back)


def _rank(net, text: str) -> tuple:
    """(the net's level, the text it read): ``text`` as written or with its short Chinese clauses joined
    (``normalise.net_joined``), whichever reads higher."""
    r = net.rank(text)
    if r == IMMINENT:
        return r, text
    alt = net_joined(text)
    if alt is text:
        return r, text
    ra = net.rank(alt)
    return (ra, alt) if ra > r else (r, text)


def _net_read(net, text: str) -> tuple:
    """The net's level for ``text``, and the text it read: the message as written, or as the lexicon reads it (Hong Kong
    chat's and dialect English's words read as Mandarin and standard English: normalise.lexicon_views), whichever the
    net grades higher. The net learnt mostly from Mandarin and standard English, so "佢話要跳" reads to it as "他说要跳"."""
    rank, read = _rank(net, text)
    if rank < IMMINENT:
        lex = net_reading(text)
        if lex is not None:
            alt = net.rank(lex)
            if alt > rank:
                return alt, lex
    return rank, read


def _silenced(context: frozenset) -> bool:
    """Does a sentence's context keep the net out of it: what mutes a message (``_muting``), or laughter?"""
    return _muting(context) or _laughing(context)


def _laughing(context) -> bool:
    """Is the message laughing, not taken back ("i'm serious", or a hedge: "ngl", "lowkey", "honestly")? (Also when the
    laugh is the one it begins with, ``laugh_aside``: the lexicon's caps read that one apart, see ``read``.)"""
    return ("laughter" in context or "laugh_aside" in context) and "sincere" not in context and "candid" not in context


def _ngram_evidence(text: str, grams: tuple) -> tuple:
    """Spans in the original text of the n-grams that weighed most (those that can be found). An n-gram read across a
    comma (``normalise.net_joined``: "消失永" in "我想让自己消失，永远") is shown as written, comma and all."""
    plain = normalise(text)[0]
    lex = joined = stretched = typo = None
    out = []
    for g in grams:
        term = g.split(":", 1)[1] if g[:2] in ("w:", "b:", "c:") else g
        if not term.strip():
            continue
        view, back = plain, None
        at = plain.text.find(term)
        if at < 0:
            # an n-gram of the net's second reading (``_net_read``): found in the lexicon's view ("说要跳" in "佢話要跳")
            view = lex = lex or lexicon_views(text)[0]
            at = view.text.find(term)
        if at < 0 and (typo := typo_view(text)) is not None:
            # an n-gram of the message read with its typos as the words meant (``_net``: "cant do" in "i cant do this
            # anymroe")
            view = typo
            at = view.text.find(term)
        if at < 0 and _STRETCH.search(text):
            # an n-gram of the text the net read with its stretched letters written as spelt (``_destretched``), mapped
            # back to the original by offsets
            read, back = _destretched(text)
            view = stretched = stretched or normalise(read)[0]
            at = view.text.find(term)
        if at < 0:
            view, back = (joined := joined or normalise(net_joined(text))[0]), None
            at = view.text.find(term)
            if at < 0:
                continue
        s, e = view.orig_span(at, at + len(term))
        if back is not None:
            s, e = back[s], back[e - 1] + 1
        ws, we = _whole_words(text, s, e)
        # shown as written when it was read otherwise (across a comma, stretched) or lies inside a longer word ("wanna" in
        # "wannaaaa": the whole word)
        as_read = (view is plain or view is lex or view is typo) and (ws, we) == (s, e)
        out.append(Evidence(term if as_read else text[ws:we], ws, we, "crisis_language", 0.5))
    return tuple(sorted(out, key=lambda x: (x.start, x.end)))
