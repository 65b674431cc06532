#!/usr/bin/env python3
"""Held-out NLU evaluation of the trained Rasa model (`make nlu-report`).

Runs `rasa test nlu` on tests/nlu/ (non-FAQ intents: test_nlu.yml; FAQ: test_nlu_faq.yml) and
writes Rasa's reports plus `summary.json` to --out (default reports/nlu/): intent macro-F1 over
everything, intent macro-F1 of the non-FAQ held-out file alone (the target), accuracy, FAQ
retrieval top-1 accuracy (the target), and the weakest intents.

Why two intent numbers: the risk screen (RiskScreen, last in the pipeline) rightly turns FAQ
questions that contain risk words ("I found cuts on my child's arm") into risk intents, which
the combined report counts as FAQ misses and as risk-intent false positives. Standard library only; runs with the service venv.

    python scripts/nlu_report.py [--model models/x.tar.gz] [--out reports/nlu]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RASA = ROOT / ".venv-rasa" / "bin" / "rasa"
TARGET_INTENT_F1 = 0.90
TARGET_FAQ_TOP1 = 0.85
_AVERAGES = ("accuracy", "macro avg", "micro avg", "weighted avg")


def rasa_env() -> dict[str, str]:
    env = dict(os.environ)
    env.update({"PYTHONPATH": str(ROOT), "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
                "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "2", "PYTHONWARNINGS": "ignore"})
    return env


def default_model() -> Path:
    """The model for the current inputs (bot.stack's fingerprinted name), else the newest one."""
    sys.path.insert(0, str(ROOT))
    try:
        from bot.stack import model_path

        if model_path().exists():
            return model_path()
    except Exception:  # noqa: BLE001 - fall back to the newest model
        pass
    models = sorted((ROOT / "models").glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    if not models:
        raise SystemExit("no trained model in models/: run `make model` first")
    return models[-1]


def run_nlu_test(model: Path, out: Path, nlu: Path = ROOT / "tests" / "nlu") -> None:
    out.mkdir(parents=True, exist_ok=True)
    result = subprocess.run([str(RASA), "test", "nlu", "--nlu", str(nlu), "--model", str(model), "--out", str(out),
                             "--successes"],
                            cwd=ROOT, env=rasa_env(), capture_output=True, text=True)
    (out / "rasa_test_nlu.log").write_text(result.stdout + result.stderr)
    if result.returncode != 0:
        raise RuntimeError(f"rasa test nlu failed ({result.returncode}):\n{result.stderr[-3000:]}")


def held_out_labels(path: Path = ROOT / "tests" / "nlu" / "test_nlu.yml") -> dict[str, str]:
    """text -> intent of the non-FAQ held-out set (a tiny YAML reader: the service venv has PyYAML,
    but this script stays standard-library only)."""
    labels: dict[str, str] = {}
    intent = None
    for line in path.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if stripped.startswith("- intent:"):
            intent = stripped.split(":", 1)[1].strip()
        elif intent and stripped.startswith("- ") and line.startswith("      "):
            labels[stripped[2:].strip()] = intent
    return labels


def macro_f1(pairs: list[tuple[str, str]]) -> tuple[float, dict[str, float]]:
    """Macro-F1 over the true labels of (true, predicted) pairs."""
    scores = {}
    for label in sorted({t for t, _ in pairs}):
        tp = sum(1 for t, p in pairs if t == label and p == label)
        predicted = sum(1 for _, p in pairs if p == label)
        actual = sum(1 for t, _ in pairs if t == label)
        precision = tp / predicted if predicted else 0.0
        recall = tp / actual if actual else 0.0
        scores[label] = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return (sum(scores.values()) / len(scores) if scores else 0.0), scores


def non_faq_pairs(out: Path) -> list[tuple[str, str]]:
    """(true, predicted) for the messages of tests/nlu/test_nlu.yml, from Rasa's successes + errors."""
    labels = held_out_labels()
    pairs = []
    for name in ("intent_successes.json", "intent_errors.json"):
        path = out / name
        for row in json.loads(path.read_text()) if path.exists() else []:
            if row["text"] in labels:
                pairs.append((labels[row["text"]], (row.get("intent_prediction") or {}).get("name") or "None"))
    return pairs


def summarise(out: Path) -> dict:
    """Read Rasa's intent and response-selection reports into one summary (also written as summary.json)."""
    intents = json.loads((out / "intent_report.json").read_text())
    per_intent = {name: row for name, row in intents.items() if name not in _AVERAGES and isinstance(row, dict)}
    summary = {
        "intent_macro_f1": round(intents["macro avg"]["f1-score"], 4),
        # the same, restricted to the non-FAQ held-out file (FAQ questions that the risk screen
        # rightly turns into risk intents do not count against the risk intents here)
        "intent_macro_f1_non_faq": round(macro_f1(non_faq_pairs(out))[0], 4),
        "intent_accuracy": round(intents.get("accuracy", 0.0), 4),
        "intents": len(per_intent),
        "test_messages": int(intents["macro avg"]["support"]),
        "weakest_intents": sorted(
            ({"intent": n, "f1": round(r["f1-score"], 3), "precision": round(r["precision"], 3),
              "recall": round(r["recall"], 3), "support": r["support"]} for n, r in per_intent.items()),
            key=lambda item: item["f1"])[:8],
        "targets": {"intent_macro_f1": TARGET_INTENT_F1, "faq_top1": TARGET_FAQ_TOP1},
    }
    selection = out / "response_selection_report.json"
    if selection.exists():
        report = json.loads(selection.read_text())
        summary["faq_top1_accuracy"] = round(report.get("accuracy", 0.0), 4)
        summary["faq_macro_f1"] = round(report["macro avg"]["f1-score"], 4)
        summary["faq_test_messages"] = int(report["macro avg"]["support"])
    (out / "summary.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path)
    parser.add_argument("--out", type=Path, default=ROOT / "reports" / "nlu")
    args = parser.parse_args(argv)
    model = args.model or default_model()
    print(f"evaluating {model.name} on tests/nlu/ …", flush=True)
    run_nlu_test(model, args.out)
    summary = summarise(args.out)
    print(json.dumps({k: v for k, v in summary.items() if k != "weakest_intents"}, indent=2))
    print("weakest intents:", ", ".join(f"{w['intent']} {w['f1']}" for w in summary["weakest_intents"]))
    print(f"reports written to {args.out}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
