"""Lint every bot response (domain.yml, nlu_data/responses/*.yml, content/exercises.yml,
content/seasons.yml): both languages present, no method/dose/height words, no phone numbers.

Hotline and emergency numbers live only in content/regions/*.yml (escalation.content builds
every reply that names one), so 3+ consecutive digits anywhere in a response is a bug.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterator

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
LEXICONS = ROOT / "escalation" / "risk" / "lexicons"

# Method, dose and height words, kept here as well so the lint works without the lexicons.
METHOD_WORDS = [
    "安眠药", "农药", "老鼠药", "百草枯", "烧炭", "煤气", "割腕", "上吊", "跳楼", "跳河", "卧轨", "服毒",
    "剂量", "多少片", "几片", "几楼", "多高", "楼顶", "天台", "楼层",
    "overdose", "lethal", "dose", "noose", "hanging", "rooftop", "how many pills", "how high",
    "how many floors", "bleach", "painless way",
]
DOSE = re.compile(r"\d+\s*(mg|毫克|片|粒|颗|层楼|楼|米高|floors?|storeys?|pills?|tablets?)\b", re.I)
PHONE = re.compile(r"\d{3,}")
LANG = re.compile(r"[\u3400-\u9fff]")


def lexicon_method_terms() -> list[str]:
    """Means/method/plan terms from the risk lexicons (not generic medicine words)."""
    terms: list[str] = []
    for path in sorted(LEXICONS.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for group in data.get("groups", []):
            flags = set(group.get("flags") or [])
            method_group = group.get("category") == "suicide_plan_or_means" and group.get("level") != "none"
            if method_group or flags & {"means", "means_poison", "place"} or "method" in str(group.get("id")):
                terms += [str(t).lower() for t in group.get("terms") or [] if len(str(t)) >= 2]
    return terms


def response_files() -> list[Path]:
    return [ROOT / "domain.yml", *sorted((ROOT / "nlu_data" / "responses").glob("*.yml"))]


def responses() -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for path in response_files():
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for name, variations in (data.get("responses") or {}).items():
            found.setdefault(name, []).extend(variations)
    return found


def language_of(variation: dict[str, Any]) -> str | None:
    for condition in variation.get("condition") or []:
        if condition.get("name") == "language":
            return condition.get("value")
    return None


def texts_of(variation: dict[str, Any]) -> Iterator[str]:
    if variation.get("text"):
        yield variation["text"]
    for button in variation.get("buttons") or []:
        yield button.get("title", "")


def content_texts() -> Iterator[tuple[str, str]]:
    """(where, text) for every user-facing string in content/exercises.yml and content/seasons.yml."""
    def walk(where: str, node: Any) -> Iterator[tuple[str, str]]:
        if isinstance(node, dict):
            for key, value in node.items():
                if key not in ("keywords", "windows", "payload", "payload_zh", "payload_en", "key"):
                    yield from walk(f"{where}.{key}", value)
        elif isinstance(node, list):
            for i, value in enumerate(node):
                yield from walk(f"{where}[{i}]", value)
        elif isinstance(node, str):
            yield where, node
    for name in ("exercises.yml", "seasons.yml"):
        yield from walk(name, yaml.safe_load((ROOT / "content" / name).read_text(encoding="utf-8")))


def all_texts() -> Iterator[tuple[str, str]]:
    for name, variations in responses().items():
        for variation in variations:
            for text in texts_of(variation):
                yield name, text
    yield from content_texts()


def test_responses_are_found():
    assert len(responses()) > 40


@pytest.mark.parametrize("name", sorted(responses()))
def test_every_response_has_both_languages(name):
    variations = responses()[name]
    languages = {language_of(v) for v in variations}
    assert "en" in languages, f"{name} has no English variation"
    assert "zh" in languages or None in languages, f"{name} has no Chinese variation"
    for variation in variations:
        text = variation.get("text", "")
        if language_of(variation) == "en":
            assert not LANG.search(text), f"{name}: Chinese characters in the English variation"
        else:
            assert LANG.search(text), f"{name}: the Chinese variation has no Chinese text"


def test_no_phone_numbers_in_responses():
    offenders = [(where, text) for where, text in all_texts() if PHONE.search(text)]
    assert not offenders, f"numbers only come from content/regions: {offenders[:5]}"


def test_no_method_dose_or_height_words():
    words = set(METHOD_WORDS) | set(lexicon_method_terms())
    offenders = []
    for where, text in all_texts():
        lowered = text.lower()
        hits = sorted(w for w in words if re.search(r"(?<![a-z])" + re.escape(w) + r"(?![a-z])", lowered))
        if hits or DOSE.search(text):
            offenders.append((where, hits or [DOSE.search(text).group()]))
    assert not offenders, offenders[:10]


def test_exercises_are_bilingual_and_at_least_six():
    data = yaml.safe_load((ROOT / "content" / "exercises.yml").read_text(encoding="utf-8"))
    assert len(data) >= 6
    for key, exercise in data.items():
        for step in exercise["steps"] + [exercise["done"], exercise["title"]]:
            assert step["zh"].strip() and step["en"].strip(), key
