"""Command line for the risk screen.

    python -m escalation.risk "我不想活了"            # readable: level, categories, [highlighted] evidence
    python -m escalation.risk --history "I bought pills" -- "tonight"
    python -m escalation.risk --jsonl < messages.jsonl  # one JSON object per input line, in order

``--jsonl`` reads objects with "text" (and optional "history": a list of strings). For every
input line exactly one output line is written, in the same order: {"level", "categories",
"evidence"} or, when the line cannot be read, {"level": "none", "categories": [], "evidence": [],
"error": "..."} (blank lines too, so output lines stay 1:1 with input lines). It never stops on a
bad line.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import sys

from . import screen
from .language import detect_language

_COLOURS = {"none": "", "low": "\033[36m", "medium": "\033[33m", "high": "\033[31m",
            "imminent": "\033[1;41;97m"}
_RESET = "\033[0m"


def highlight(text: str, assessment, colour: bool = False) -> str:
    """The text with every evidence span marked: [span] (or ANSI reverse video with colour)."""
    spans = sorted({(e.start, e.end) for e in assessment.evidence})
    # merge overlapping spans so brackets nest sensibly
    merged = []
    for s, e in spans:
        if merged and s < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    out = []
    pos = 0
    open_, close = ("\033[7m", _RESET) if colour else ("[", "]")
    for s, e in merged:
        out.append(text[pos:s])
        out.append(open_ + text[s:e] + close)
        pos = e
    out.append(text[pos:])
    return "".join(out)


def readable(text: str, history, colour: bool) -> str:
    a = screen(text, history)
    level = a.level.upper()
    if colour and _COLOURS.get(a.level):
        level = _COLOURS[a.level] + level + _RESET
    lines = [f"level:      {level}",
             f"categories: {', '.join(a.categories) or '-'}",
             f"language:   {detect_language(text) or '-'}",
             f"text:       {highlight(text, a, colour)}"]
    for e in a.evidence:
        lines.append(f"  - {text[e.start:e.end]!r} [{e.start}:{e.end}] {e.category} "
                     f"(term {e.term!r}, weight {e.weight:g})")
    return "\n".join(lines)


def _jsonl_line(line: str) -> dict:
    if not line.strip():
        raise ValueError("blank line")
    obj = json.loads(line)
    if not isinstance(obj, dict):
        raise ValueError("line is not a JSON object")
    text = obj.get("text")
    if not isinstance(text, str):
        raise ValueError('missing or non-string "text"')
    history = obj.get("history") or []
    if not isinstance(history, list) or not all(isinstance(h, str) for h in history):
        raise ValueError('"history" must be a list of strings')
    out = screen(text, history).to_dict()
    if "id" in obj:
        out = {"id": obj["id"], **out}
    return out


def run_jsonl(stdin, stdout) -> int:
    errors = 0
    for raw in stdin:
        line = raw.rstrip("\r\n")
        try:
            out = _jsonl_line(line)
        except Exception as exc:  # one bad line must never stop the stream
            errors += 1
            out = {"level": "none", "categories": [], "evidence": [],
                   "error": f"{type(exc).__name__}: {exc}"}
        stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
    stdout.flush()
    return 0


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m escalation.risk", description=__doc__.split("\n")[0])
    p.add_argument("text", nargs="*", help="message to screen")
    p.add_argument("--jsonl", action="store_true", help="read JSON lines on stdin, write JSON lines")
    p.add_argument("--history", action="append", default=[], help="an earlier message (repeatable, oldest first)")
    p.add_argument("--colour", "--color", dest="colour", action="store_true", default=None,
                   help="ANSI colours (default: when stdout is a terminal)")
    p.add_argument("--no-colour", "--no-color", dest="colour", action="store_false")
    args = p.parse_args(argv)
    if args.jsonl:
        stdin = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace")
        stdout = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="\n")
        try:
            return run_jsonl(stdin, stdout)
        finally:
            stdout.detach()
    if not args.text:
        p.error("give a message, or --jsonl")
    colour = args.colour if args.colour is not None else (sys.stdout.isatty() and not os.environ.get("NO_COLOR"))
    print(readable(" ".join(args.text), args.history, bool(colour)))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:
        # the reader went away ("... | head -3"): stop quietly, as other command-line tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
