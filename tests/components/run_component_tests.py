"""Unit tests of the project's own Rasa NLU components, run with the Rasa venv (no pytest there):

    .venv-rasa/bin/python tests/components/run_component_tests.py

tests/rasa/test_components.py runs this file from the suite. Exits non-zero if a test fails.
The trained model's own checks (tests/rasa/test_model.py) cover the components end to end.
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

from rasa.engine.graph import ExecutionContext, GraphSchema  # noqa: E402
from rasa.engine.storage.local_model_storage import LocalModelStorage  # noqa: E402
from rasa.engine.storage.resource import Resource  # noqa: E402
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer  # noqa: E402
from rasa.shared.nlu.constants import INTENT, INTENT_RESPONSE_KEY, TEXT  # noqa: E402
from rasa.shared.nlu.training_data.message import Message  # noqa: E402
from rasa.shared.nlu.training_data.training_data import TrainingData  # noqa: E402

from nlu_components.faq_selector import LinearFaqSelector  # noqa: E402
from script_harness import Suite  # noqa: E402  (tests/script_harness.py)

SUITE = Suite()
test = SUITE.test


QUESTIONS = {
    "faq/sleep": ["i can't sleep at night", "how do i fall asleep", "insomnia again", "waking up at 3am",
                  "too tired but can't sleep", "bedtime routine tips"],
    "faq/exam_stress": ["exams are stressing me out", "test anxiety help", "finals next week and i panic",
                        "my mind goes blank in tests", "scared to fail the exam", "exam pressure is too much"],
    "faq/bullying": ["kids at school push me around", "someone posts mean comments about me", "i am being bullied",
                     "they call me names every day", "group chat keeps mocking me", "how do i stop bullies"],
}
RESPONSES = {f"utter_{key}": [{"text": f"answer about {key}"}] for key in QUESTIONS}


def _context() -> ExecutionContext:
    return ExecutionContext(GraphSchema({}), node_name="faq_selector")


def _tokenize(messages):
    WhitespaceTokenizer(WhitespaceTokenizer.get_default_config()).process(messages)
    return messages


def _training_data(questions=QUESTIONS) -> TrainingData:
    examples = [Message(data={TEXT: q, INTENT: "faq", INTENT_RESPONSE_KEY: key})
                for key, qs in questions.items() for q in qs]
    examples.append(Message(data={TEXT: "hello there", INTENT: "greet"}))
    _tokenize(examples)
    return TrainingData(examples, responses=RESPONSES)


CONFIG = {**LinearFaqSelector.get_default_config(), "question_bank": "", "dictionary_path": ""}


def _selector(tmp: str, questions=QUESTIONS, config=CONFIG):
    (Path(tmp) / "storage").mkdir(parents=True, exist_ok=True)
    storage = LocalModelStorage(Path(tmp) / "storage")
    resource = Resource("faq_selector")
    selector = LinearFaqSelector.create(config, storage, resource, _context())
    selector.train(_training_data(questions))
    return selector, storage, resource


def _predict(selector, text: str) -> dict:
    message = _tokenize([Message(data={TEXT: text})])[0]
    selector.process([message])
    return message.get("response_selector") or {}


@test
def picks_the_topic_and_writes_the_response_selector_output():
    with tempfile.TemporaryDirectory() as tmp:
        selector, *_ = _selector(tmp)
        out = _predict(selector, "i keep waking up and can't fall asleep")
        assert out["all_retrieval_intents"] == ["faq"], out
        response = out["faq"]["response"]
        assert response["intent_response_key"] == "faq/sleep", response
        assert response["utter_action"] == "utter_faq/sleep", response
        assert response["responses"] == RESPONSES["utter_faq/sleep"], response
        ranking = out["faq"]["ranking"]
        assert [r["intent_response_key"] for r in ranking][0] == "faq/sleep"
        confidences = [r["confidence"] for r in ranking]
        assert confidences == sorted(confidences, reverse=True) and abs(sum(confidences) - 1) < 1e-6
        assert response["confidence"] == confidences[0]
        assert _predict(selector, "people at school call me names")["faq"]["response"]["intent_response_key"] \
            == "faq/bullying"


@test
def survives_persist_and_load():
    with tempfile.TemporaryDirectory() as tmp:
        selector, storage, resource = _selector(tmp)
        loaded = LinearFaqSelector.load(CONFIG, storage, resource, _context())
        for text in ("exam panic", "mean comments online", "can't sleep"):
            assert _predict(loaded, text) == _predict(selector, text), text


@test
def untrained_selector_leaves_messages_alone():
    with tempfile.TemporaryDirectory() as tmp:
        selector, *_ = _selector(tmp, questions={"faq/sleep": QUESTIONS["faq/sleep"]})   # one label only
        assert selector.model is None
        assert _predict(selector, "can't sleep") == {}
        empty = LinearFaqSelector.load(CONFIG, LocalModelStorage(Path(tmp) / "x"),
                                       Resource("nothing"), _context())
        assert _predict(empty, "can't sleep") == {}


@test
def reads_the_question_bank_for_known_topics_only():
    with tempfile.TemporaryDirectory() as tmp:
        bank = Path(tmp) / "bank"
        bank.mkdir()
        (bank / "more.yml").write_text(
            'version: "3.1"\nnlu:\n- intent: faq/sleep\n  examples: |\n      - 失眠怎么办\n      - 睡不着觉\n'
            '- intent: faq/unknown_topic\n  examples: |\n      - 这个主题没有答案\n- intent: greet\n  examples: |\n      - 你好\n',
            encoding="utf-8")
        without, *_ = _selector(str(Path(tmp) / "a"))
        with_bank, *_ = _selector(str(Path(tmp) / "b"), config={**CONFIG, "question_bank": str(bank)})
        # the bank's Chinese questions teach the selector a phrasing the NLU data lacks
        assert _predict(with_bank, "睡不着觉怎么办")["faq"]["response"]["intent_response_key"] == "faq/sleep"
        # a topic without an answer in the NLU data (no response) is never learned from the bank
        assert "faq/unknown_topic" not in with_bank.labels and set(with_bank.labels) == set(without.labels)


@test
def risk_screen_builds_its_matcher_when_the_model_loads():
    # the first message (someone's first words to the bot) must not wait seconds for the lexicon to be built, or time out
    import escalation.risk.lexicon as lexicon
    from escalation.risk.rasa_component import RiskScreen

    lexicon._COMPILED = None
    with tempfile.TemporaryDirectory() as tmp:
        component = RiskScreen.create(RiskScreen.get_default_config(), LocalModelStorage(Path(tmp)),
                                      Resource("risk_screen"), ExecutionContext(GraphSchema({}), node_name="risk"))
    assert lexicon._COMPILED is not None
    message = Message(data={TEXT: "i want to kill myself"})
    component.process([message])
    assert message.get("risk")["level"] in ("high", "imminent")


def main() -> int:
    return SUITE.run()


if __name__ == "__main__":
    sys.exit(main())
