"""Benchmark of the risk screen: messages/second and per-call latency, beside a naive baseline.

    .venv/bin/python bench/risk_bench.py --out bench/results/risk.json

The corpus (>= 10,000 messages, deterministic: seeded random) mixes lengths the way a chat does:
mostly short messages (the labelled test set and chit-chat), some of two to four sentences, a few
long paragraphs. ``screen`` is timed per call with time.perf_counter_ns after a warm-up; the naive
baseline does the same normalisation and then a Python loop ``term in text`` over every lexicon
term (the same terms the Aho-Corasick automaton holds), timed the same way in the same run.
Targets: p99 < 0.2 ms per message, and >= 10x the naive throughput.
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from escalation.risk import engine, screen, warm_up  # noqa: E402
from escalation.risk.lexicon import compiled, versions  # noqa: E402
from escalation.risk.normalise import normalise  # noqa: E402

TARGET_P99_MS = 0.2
TARGET_SPEEDUP = 10.0

# Everyday messages, generated from templates with slots (most of what a youth line receives is
# not a crisis); the labelled test set supplies the risky and the tricky ones.
ZH_TEMPLATES = ["{t}{who}{act}", "{who}{t}要{act}，{feel}", "{t}的{subj}作业好多", "你觉得{food}好吃吗", "{who}说{t}去{place}",
                "我{t}{feel}", "{subj}老师{t}讲得好快", "推荐一下{thing}吧", "{t}{who}和我去{place}了", "我想学{thing}",
                "我们班{t}换座位了", "{who}给我买了{food}", "我今天{act}，{feel}", "{place}人好多", "你会{act}吗"]
ZH_SLOTS = {"t": ["今天", "明天", "周末", "晚上", "刚才", "下午", "放学后", "早上"],
            "who": ["我", "我们", "我同学", "我妈", "我爸", "我朋友", "同桌", "我哥"],
            "act": ["打篮球", "写作业", "看电影", "打游戏", "去图书馆", "练钢琴", "画画", "跑步", "背单词", "做实验"],
            "feel": ["好开心", "有点累", "还行吧", "好无聊", "挺紧张的", "超期待", "有点烦"],
            "subj": ["数学", "英语", "语文", "物理", "化学", "历史"],
            "food": ["火锅", "奶茶", "炸鸡", "饺子", "冰淇淋", "面条"],
            "place": ["公园", "商场", "图书馆", "操场", "奶奶家", "游乐园"],
            "thing": ["一本书", "一首歌", "一部电影", "吉他", "编程", "摄影"]}
EN_TEMPLATES = ["{t} {who} {act}", "can you help me with my {subj} homework", "{who} and i are going to {place} {t}",
                "i'm {feel} about {t}", "what should i eat {t}", "do you like {thing}", "{t} was {adj}",
                "my {subj} teacher is {adj}", "i {act2} {t}", "have you heard of {thing}", "{who} got me {food}",
                "ok", "lol same", "thanks!", "i'm bored", "idk"]
EN_SLOTS = {"t": ["today", "tomorrow", "this weekend", "tonight", "after school", "this morning", "yesterday"],
            "who": ["i", "my friend", "my mom", "my brother", "we", "my dad", "my cousin"],
            "act": ["played basketball", "watched a movie", "finished homework", "went shopping", "baked cookies",
                    "practiced piano"],
            "act2": ["played minecraft", "went swimming", "read a book", "walked the dog", "cleaned my room"],
            "feel": ["excited", "kinda nervous", "happy", "a bit tired", "curious"],
            "subj": ["math", "english", "science", "history", "spanish", "art"],
            "place": ["the mall", "the park", "the library", "the beach", "a concert"],
            "thing": ["this song", "that show", "pizza", "anime", "the new game", "taylor swift"],
            "adj": ["fun", "so long", "boring", "pretty good", "weird", "awesome"],
            "food": ["ice cream", "a burger", "bubble tea", "pizza", "tacos"]}


def _fill(rng, template: str, slots: dict) -> str:
    return template.format(**{k: rng.choice(v) for k, v in slots.items()})


def build_corpus(n: int, seed: int) -> list:
    """Deterministic corpus: ~55% everyday chat (templates), ~30% labelled messages (risky and
    tricky ones), ~12% two to four sentences mixing both, ~3% long paragraphs (8-16 sentences)."""
    rng = random.Random(seed)
    labelled = [json.loads(line)["text"] for line in
                (ROOT / "tests" / "risk" / "risk_labelled.jsonl").read_text(encoding="utf-8").splitlines()
                if line.strip()]
    lab_zh = [t for t in labelled if any("\u4e00" <= c <= "\u9fff" for c in t)]
    lab_en = [t for t in labelled if not any("\u4e00" <= c <= "\u9fff" for c in t)]

    def one(zh: bool, labelled_share: float) -> str:
        if rng.random() < labelled_share:
            return rng.choice(lab_zh if zh else lab_en)
        return _fill(rng, rng.choice(ZH_TEMPLATES), ZH_SLOTS) if zh else _fill(rng, rng.choice(EN_TEMPLATES), EN_SLOTS)

    corpus = []
    for _ in range(n):
        zh = rng.random() < 0.55
        sep = "，" if zh else ". "
        r = rng.random()
        if r < 0.55:
            corpus.append(one(zh, 0.0))
        elif r < 0.85:
            corpus.append(one(zh, 1.0))
        elif r < 0.97:
            corpus.append(sep.join(one(zh, 0.4) for _ in range(rng.randint(2, 4))))
        else:
            corpus.append(sep.join(one(zh, 0.4) for _ in range(rng.randint(8, 16))))
    return corpus, labelled


def naive_terms() -> list:
    comp = compiled()
    terms = set()
    for keys in comp.terms_by_rule.values():
        terms.update(keys)
    return sorted(terms)


def naive_screen(text: str, terms: list) -> int:
    squeezed = normalise(text)[1].text
    hits = 0
    for t in terms:
        if t in squeezed:
            hits += 1
    return hits


def time_calls(fn, corpus: list, clock=time.perf_counter_ns) -> list:
    """Per-call time of ``fn`` over the corpus (wall clock by default), with the GC paused."""
    out = []
    gc.disable()
    try:
        for text in corpus:
            t0 = clock()
            fn(text)
            out.append(clock() - t0)
    finally:
        gc.enable()
    return out


def cpu_calls(fn, corpus: list) -> list:
    """Per-call CPU time of this thread (excludes time the process was not scheduled)."""
    return time_calls(fn, corpus, clock=time.thread_time_ns)


def interleaved(fa, fb, corpus: list, clock=time.perf_counter_ns) -> tuple:
    a, b = [], []
    gc.disable()
    try:
        for text in corpus:
            t0 = clock()
            fa(text)
            t1 = clock()
            fb(text)
            t2 = clock()
            a.append(t1 - t0)
            b.append(t2 - t1)
    finally:
        gc.enable()
    return a, b


def _rss_mb():
    """Resident memory of this process (Linux), in MB: what a process that screens holds."""
    try:
        return int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2 ** 20
    except (OSError, ValueError, IndexError):
        return None


def summary(ns: list) -> dict:
    s = sorted(ns)
    total = sum(s)

    def pct(p):
        return s[min(len(s) - 1, int(p / 100 * len(s)))] / 1e6

    return {"messages": len(s), "total_seconds": total / 1e9, "messages_per_second": len(s) / (total / 1e9),
            "p50_ms": pct(50), "p90_ms": pct(90), "p99_ms": pct(99), "max_ms": s[-1] / 1e6,
            "mean_ms": statistics.fmean(s) / 1e6}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default="bench/results/risk.json")
    ap.add_argument("--messages", type=int, default=12000)
    ap.add_argument("--seed", type=int, default=20261128)
    ap.add_argument("--repeat", type=int, default=3, help="timed passes over the corpus; the fastest is kept")
    ap.add_argument("--naive-sample", type=int, default=3000,
                    help="messages timed for the naive baseline (it is slow; a random sample of the corpus)")
    args = ap.parse_args(argv)

    corpus, labelled = build_corpus(max(args.messages, 10000), args.seed)
    load_before = os.getloadavg() if hasattr(os, "getloadavg") else None
    t0 = time.perf_counter()
    warm_up()                                    # lexicon load + automaton build + tables, once
    load_s = time.perf_counter() - t0
    rss_mb = _rss_mb()
    terms = naive_terms()

    for text in corpus[:500]:                     # warm-up
        screen(text)
        naive_screen(text, terms)

    # best of a few passes (the usual way to take out noise from other processes)
    engine_ns = min((time_calls(screen, corpus) for _ in range(args.repeat)), key=sum)
    labelled_ns = min((time_calls(screen, labelled) for _ in range(args.repeat)), key=sum)
    rng = random.Random(args.seed + 1)
    sample = rng.sample(corpus, min(args.naive_sample, len(corpus)))
    # engine and naive baseline interleaved message by message, so both see the same machine load
    engine_sample_ns, naive_ns = interleaved(screen, lambda t: naive_screen(t, terms), sample)
    # the same, in CPU time of this thread (what the two cost, whatever else the machine is doing)
    engine_sample_cpu, naive_cpu = interleaved(screen, lambda t: naive_screen(t, terms), sample,
                                               clock=time.thread_time_ns)

    # the matchers alone, on already-normalised text: one Aho-Corasick pass vs the Python loop
    auto = compiled().automaton
    squeezed = [normalise(t)[1].text for t in sample]
    ac_ns, loop_ns = interleaved(lambda t: list(auto.iter(t)), lambda t: [x for x in terms if x in t], squeezed)

    engine_cpu_ns = min((cpu_calls(screen, corpus) for _ in range(args.repeat)), key=sum)
    # the same with the n-gram net switched off: what the lexicon alone costs
    net = engine.ngram.model
    engine.ngram.model = lambda: None
    try:
        lexicon_cpu = summary(min((cpu_calls(screen, corpus) for _ in range(args.repeat)), key=sum))
    finally:
        engine.ngram.model = net
    # and with the net's Python code instead of its C part (netc.c): what the compiled loop saves
    compiled_net = net() is not None and net().compiled
    python_net_cpu = None
    if compiled_net:
        py_net = engine.ngram._read_model(engine.ngram.MODEL_PATH, native_code=False)
        engine.ngram.model = lambda: py_net
        try:
            python_net_cpu = summary(min((cpu_calls(screen, corpus) for _ in range(args.repeat)), key=sum))
        finally:
            engine.ngram.model = net
            del py_net
    engine_cpu = summary(engine_cpu_ns)
    by_length = {}
    for name, lo, hi in (("up_to_80_chars", 0, 80), ("81_to_240_chars", 81, 240), ("over_240_chars", 241, 10 ** 9)):
        sel = [ns for t, ns in zip(corpus, engine_cpu_ns) if lo <= len(t) <= hi]
        if sel:
            d = summary(sel)
            by_length[name] = {"share": len(sel) / len(corpus), "p50_ms": d["p50_ms"], "p99_ms": d["p99_ms"],
                               "mean_ms": d["mean_ms"]}
    load_after = os.getloadavg() if hasattr(os, "getloadavg") else None

    eng = summary(engine_ns)
    eng_sample = summary(engine_sample_ns)
    naive = summary(naive_ns)
    speedup = eng_sample["messages_per_second"] / naive["messages_per_second"]
    eng_sample_cpu, naive_cpu_s = summary(engine_sample_cpu), summary(naive_cpu)
    speedup_cpu = naive_cpu_s["total_seconds"] / eng_sample_cpu["total_seconds"]
    levels = {}
    for text in corpus:
        lvl = screen(text).level
        levels[lvl] = levels.get(lvl, 0) + 1
    result = {
        "benchmark": "risk_screen",
        "python": platform.python_version(),
        "machine": platform.machine(),
        "lexicon_versions": versions(),
        "lexicon_terms": len(terms),
        "regex_patterns": len(compiled().patterns),
        "corpus": {"messages": len(corpus), "seed": args.seed,
                   "mean_chars": statistics.fmean(len(t) for t in corpus),
                   "max_chars": max(len(t) for t in corpus), "levels": levels},
        "load_seconds": load_s,
        "machine_load": {"loadavg_1_5_15_before": load_before, "loadavg_1_5_15_after": load_after,
                         "cpu_count": os.cpu_count(),
                         "note": "other processes (model training) share the cores: wall-clock percentiles "
                                 "include time this process was not scheduled; CPU-time ones do not"},
        "cpu_count": os.cpu_count(),
        "screen": eng,
        "screen_on_labelled_set_only": summary(labelled_ns),
        "screen_cpu_time": {**engine_cpu, "note": "time.thread_time_ns per call: CPU time only, for a loaded machine"},
        "screen_cpu_time_by_length": by_length,
        "lexicon_only_cpu_time": {**lexicon_cpu, "note": "screen with the n-gram net switched off"},
        "net": {"compiled": compiled_net,
                "note": "compiled: the net's inner loop runs in C (escalation/risk/netc.c); "
                        "python_net_cpu_time: the same screen with the net's Python code (same results)",
                "python_net_cpu_time": python_net_cpu,
                "rss_mb_after_load": rss_mb},
        "screen_on_naive_sample": eng_sample,
        "naive_baseline": {**naive, "method": "same normalisation, then `term in text` over every lexicon term; "
                                              "timed interleaved with screen on the same sample"},
        "speedup_vs_naive": speedup,
        "speedup_vs_naive_cpu_time": speedup_cpu,
        "naive_baseline_cpu_time": naive_cpu_s,
        "screen_on_naive_sample_cpu_time": eng_sample_cpu,
        "speedup_p50_vs_naive": naive["p50_ms"] / eng_sample["p50_ms"],
        "matcher_only": {"aho_corasick": summary(ac_ns), "python_loop": summary(loop_ns),
                         "speedup": summary(loop_ns)["total_seconds"] / summary(ac_ns)["total_seconds"]},
        "targets": {"p99_ms": TARGET_P99_MS, "speedup_vs_naive": TARGET_SPEEDUP},
        "met": {"p99_ms": eng["p99_ms"] < TARGET_P99_MS, "speedup_vs_naive": speedup >= TARGET_SPEEDUP,
                "p99_ms_cpu_time": engine_cpu["p99_ms"] < TARGET_P99_MS,
                "speedup_vs_naive_cpu_time": speedup_cpu >= TARGET_SPEEDUP},
    }
    out = Path(args.out)
    if not out.is_absolute():
        out = ROOT / out
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"risk screen: {eng['messages']} messages, {eng['messages_per_second']:,.0f} msg/s, "
          f"p50 {eng['p50_ms']:.4f} ms, p99 {eng['p99_ms']:.4f} ms (target < {TARGET_P99_MS} ms: "
          f"{'met' if result['met']['p99_ms'] else 'NOT met'})")
    print(f"naive baseline ({len(terms)} terms): {naive['messages_per_second']:,.0f} msg/s, "
          f"p50 {naive['p50_ms']:.4f} ms, p99 {naive['p99_ms']:.4f} ms; speedup {speedup:.1f}x "
          f"(target >= {TARGET_SPEEDUP:g}x: {'met' if result['met']['speedup_vs_naive'] else 'NOT met'})")
    print(f"screen, CPU time per call (excludes descheduling): p50 {engine_cpu['p50_ms']:.4f} ms, "
          f"p99 {engine_cpu['p99_ms']:.4f} ms (target: {'met' if result['met']['p99_ms_cpu_time'] else 'NOT met'}); "
          f"speedup vs naive in CPU time {speedup_cpu:.1f}x "
          f"({'met' if result['met']['speedup_vs_naive_cpu_time'] else 'NOT met'})")
    print(f"lexicon alone (net off), CPU time: p50 {lexicon_cpu['p50_ms']:.4f} ms, p99 {lexicon_cpu['p99_ms']:.4f} ms, "
          f"{lexicon_cpu['messages_per_second']:,.0f} msg/s")
    if python_net_cpu:
        print(f"the same with the net's Python code (no netc.c), CPU time: p50 {python_net_cpu['p50_ms']:.4f} ms, "
              f"p99 {python_net_cpu['p99_ms']:.4f} ms, {python_net_cpu['messages_per_second']:,.0f} msg/s")
    print(f"net compiled: {compiled_net}; resident memory after load: {rss_mb:.0f} MB" if rss_mb else
          f"net compiled: {compiled_net}")
    for name, d in by_length.items():
        print(f"  {name} ({d['share']:.0%} of messages): CPU p50 {d['p50_ms']:.4f} ms, p99 {d['p99_ms']:.4f} ms")
    print(f"load average before {load_before}, after {load_after}, {os.cpu_count()} CPUs")
    mo = result["matcher_only"]
    print(f"matcher alone (normalised text): Aho-Corasick {mo['aho_corasick']['messages_per_second']:,.0f} msg/s vs "
          f"Python loop {mo['python_loop']['messages_per_second']:,.0f} msg/s: {mo['speedup']:.0f}x")
    lab = result["screen_on_labelled_set_only"]
    print(f"labelled set only (risky/tricky messages): {lab['messages_per_second']:,.0f} msg/s, "
          f"p50 {lab['p50_ms']:.4f} ms, p99 {lab['p99_ms']:.4f} ms")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
