"""Rasa NLU component: choose the FAQ answer (retrieval intent ``faq/<topic>``) with a linear SVM.

Rasa's ResponseSelector learns a 20-dimensional embedding of raw n-gram counts. On our FAQ
(41 topics, 70-100 example questions each, zh + en) it plateaued at 0.81 top-1 on the held-out
file whatever we tried (more data, epochs, embedding size, dropout, TF-IDF input), while a linear
SVM over TF-IDF n-grams of the same questions reaches 0.85+: with a few thousand short questions a
maximum-margin linear model generalises better than the embedding. This component is that SVM,
inside the Rasa pipeline, writing the same ``response_selector`` output as Rasa's selector, so
the rules (``faq`` -> ``utter_faq``), ``ActionRetrieveResponse`` and ``rasa test nlu`` work unchanged.

Training questions: the ``faq/<topic>`` examples of Rasa's NLU data (a balanced sample, ~27 per topic,
which DIET also learns the ``faq`` intent from) plus the question bank in ``faq_bank/`` (the same
YAML format; 70-100 questions per topic in all). DIET never sees the bank: with 4,000 FAQ questions
against ~30 for each other intent it learned to call almost everything a FAQ question.

Features: TF-IDF (sublinear tf) of character 1-4-grams of the text (Traditional -> Simplified, lower
case) plus TF-IDF of its jieba words and word pairs (with the project's user dictionary). The
component reads the text itself rather than the pipeline's tokens, so bank questions and live
messages are featurised the same way. Confidence: a softmax over the SVM's decision values.

Imported only by Rasa (Python 3.10 venv: scikit-learn comes with Rasa).
"""
from __future__ import annotations

import functools
import json
import logging
import pickle
from pathlib import Path
from typing import Any, Dict, List, Optional, Text

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import (
    RESPONSE_SELECTOR_DEFAULT_INTENT,
    RESPONSE_SELECTOR_PREDICTION_KEY,
    RESPONSE_SELECTOR_PROPERTY_NAME,
    RESPONSE_SELECTOR_RANKING_KEY,
    RESPONSE_SELECTOR_RESPONSES_KEY,
    RESPONSE_SELECTOR_RETRIEVAL_INTENTS,
    RESPONSE_SELECTOR_UTTER_ACTION_KEY,
)
from rasa.shared.nlu.constants import INTENT, INTENT_RESPONSE_KEY, PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data import util
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import make_pipeline, make_union
from sklearn.preprocessing import FunctionTransformer
from sklearn.svm import LinearSVC

from escalation.risk.rasa_language import to_simplified
from nlu_components.examples import nlu_examples

logger = logging.getLogger(__name__)

_SEP = "\x1f"          # joins the tokenizer's words into one string for the word vectorizer
_MODEL_FILE = "faq_selector.pkl"
_META_FILE = "faq_selector.json"


def word_ngrams(doc: str) -> List[str]:
    """Words and word pairs of a ``_SEP``-joined token string (module level: it must pickle)."""
    words = [w for w in doc.split(_SEP) if w.strip()]
    return words + [a + " " + b for a, b in zip(words, words[1:])]


@functools.lru_cache(maxsize=4)
def _jieba(dictionary_path: str):
    """A jieba tokenizer of its own (not the global one), with the user dictionaries of a folder."""
    import jieba

    tokenizer = jieba.Tokenizer()
    folder = Path(dictionary_path) if dictionary_path else None
    if folder and folder.is_dir():
        for file in sorted(folder.glob("*.txt")):
            tokenizer.load_userdict(str(file))
    return tokenizer


def _document(text: str, dictionary_path: str) -> tuple:
    text = to_simplified(text or "").lower()
    words = _SEP.join(w for w in _jieba(dictionary_path).lcut(text) if w.strip())
    return text, words


def read_question_bank(folder: Path, intent: str) -> List[tuple]:
    """(question, "faq/<topic>") pairs of every ``*.yml`` file in a question-bank folder."""
    return [(text, label) for text, label in nlu_examples(sorted(Path(folder).glob("*.yml")))
            if label.startswith(intent + "/")]


def _char_part(docs):
    return [d[0] for d in docs]


def _word_part(docs):
    return [d[1] for d in docs]


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class LinearFaqSelector(GraphComponent):
    """Selects the ``faq/<topic>`` answer for a message (see the module docstring)."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            "retrieval_intent": "faq",
            "question_bank": "faq_bank",        # folder of extra questions (relative to the project root)
            "dictionary_path": "nlu_data/jieba",
            "C": 0.5,                 # SVM regularisation (smaller: smoother)
            "char_ngrams": [1, 4],
            "ranking_length": 10,
            "temperature": 0.25,      # softmax temperature over decision values, for the confidences
        }

    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
                 model: Any = None, labels: Optional[List[Text]] = None,
                 responses: Optional[Dict[Text, List[Dict[Text, Any]]]] = None,
                 retrieval_intents: Optional[List[Text]] = None) -> None:
        self._config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self.model = model
        self.labels = labels or []
        self.responses = responses or {}
        self.retrieval_intents = retrieval_intents or []

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "LinearFaqSelector":
        return cls(config, model_storage, resource)

    # ------------------------------------------------------------------ training
    def _pipeline(self):
        lo, hi = self._config["char_ngrams"]
        chars = make_pipeline(FunctionTransformer(_char_part),
                              TfidfVectorizer(analyzer="char_wb", ngram_range=(lo, hi), sublinear_tf=True))
        words = make_pipeline(FunctionTransformer(_word_part),
                              TfidfVectorizer(analyzer=word_ngrams, sublinear_tf=True))
        return make_pipeline(make_union(chars, words), LinearSVC(C=self._config["C"]))

    def train(self, training_data: TrainingData) -> Resource:
        intent = self._config["retrieval_intent"]
        self.retrieval_intents = sorted(training_data.retrieval_intents)
        self.responses = training_data.responses
        pairs = [(m.get(TEXT), m.get(INTENT_RESPONSE_KEY)) for m in training_data.intent_examples
                 if m.get(INTENT) == intent and m.get(INTENT_RESPONSE_KEY)]
        known = {label for _, label in pairs}
        bank = self._config.get("question_bank")
        if bank and not Path(bank).is_dir():
            logger.warning("LinearFaqSelector: question bank %s not found (relative to %s)", bank, Path.cwd())
        elif bank:
            extra = [(q, label) for q, label in read_question_bank(Path(bank), intent) if label in known]
            logger.info("LinearFaqSelector: %d questions from the NLU data, %d from %s", len(pairs), len(extra), bank)
            pairs += extra
        labels = [label for _, label in pairs]
        if len(set(labels)) < 2:
            logger.warning("LinearFaqSelector: fewer than two %s/<topic> labels; nothing to train", intent)
            return self._resource
        dictionary = self._config.get("dictionary_path") or ""
        self.model = self._pipeline().fit([_document(q, dictionary) for q, _ in pairs], labels)
        self.labels = [str(x) for x in self.model.classes_]
        self.persist()
        return self._resource

    def persist(self) -> None:
        with self._model_storage.write_to(self._resource) as directory:
            with open(directory / _MODEL_FILE, "wb") as fh:
                pickle.dump(self.model, fh)
            (directory / _META_FILE).write_text(json.dumps(
                {"labels": self.labels, "responses": self.responses, "retrieval_intents": self.retrieval_intents},
                ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "LinearFaqSelector":
        try:
            with model_storage.read_from(resource) as directory:
                with open(directory / _MODEL_FILE, "rb") as fh:
                    model = pickle.load(fh)  # noqa: S301 - our own training artefact, inside our model archive
                meta = json.loads((directory / _META_FILE).read_text(encoding="utf-8"))
        except (ValueError, FileNotFoundError):
            logger.debug("LinearFaqSelector: no trained model in %s", resource.name)
            return cls(config, model_storage, resource)
        return cls(config, model_storage, resource, model=model, labels=meta["labels"],
                   responses=meta["responses"], retrieval_intents=meta["retrieval_intents"])

    # ------------------------------------------------------------------ inference
    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        if self.model is None:
            return messages
        dictionary = self._config.get("dictionary_path") or ""
        scores = self.model.decision_function([_document(m.get(TEXT), dictionary) for m in messages])
        for message, row in zip(messages, np.atleast_2d(scores)):
            self._set_prediction(message, row)
        return messages

    def _set_prediction(self, message: Message, row: np.ndarray) -> None:
        z = (row - row.max()) / self._config["temperature"]
        p = np.exp(z)
        p /= p.sum()
        order = np.argsort(-p)[: self._config["ranking_length"]]
        top = self.labels[order[0]]
        template = util.intent_response_key_to_template_key(top)
        prediction = {
            RESPONSE_SELECTOR_PREDICTION_KEY: {
                RESPONSE_SELECTOR_RESPONSES_KEY: self.responses.get(template) or [{TEXT: top}],
                PREDICTED_CONFIDENCE_KEY: float(p[order[0]]),
                INTENT_RESPONSE_KEY: top,
                RESPONSE_SELECTOR_UTTER_ACTION_KEY: template,
            },
            RESPONSE_SELECTOR_RANKING_KEY: [
                {"id": int(i), PREDICTED_CONFIDENCE_KEY: float(p[i]), INTENT_RESPONSE_KEY: self.labels[i]}
                for i in order],
        }
        properties = message.get(RESPONSE_SELECTOR_PROPERTY_NAME, {}) or {}
        properties[RESPONSE_SELECTOR_RETRIEVAL_INTENTS] = self.retrieval_intents
        properties[self._config["retrieval_intent"] or RESPONSE_SELECTOR_DEFAULT_INTENT] = prediction
        message.set(RESPONSE_SELECTOR_PROPERTY_NAME, properties, add_to_output=True)
