"""Rasa NLU component: the deterministic risk screen has the last word on risk intents.

Placed last in the pipeline (after DIET, the FAQ selector and FallbackClassifier). For every
user message it calls ``escalation.risk.screen(text)`` — the same pure function the qingxin
router runs — and when the level is medium or above:

* sets the intent to ``risk_<level>`` with confidence 1.0 at the top of ``intent_ranking``
  (never lowering a higher risk intent that DIET already predicted: the final level is the
  higher of the two signals); below medium, DIET's intent stands;
* adds ONE entity ``risk_level`` (value: the level) spanning the whole message, so a test
  story annotates it as ``[whole message]{"entity": "risk_level", "value": "high"}``;
* stores the full assessment (level, categories, evidence with spans into the original text)
  in the message property ``risk`` (reaches actions as ``tracker.latest_message["risk"]``).

Categories are carried in ``risk`` rather than as ``risk_category`` entities: each category
entity would span an evidence term inside the ``risk_level`` span, and Rasa's story/NLU
annotation syntax cannot express overlapping entities, so such stories could never pass.

If the risk engine cannot be imported the component passes messages through unchanged
(the router screens every message anyway; safety does not depend on Rasa).
"""
from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import (
    ENTITIES,
    ENTITY_ATTRIBUTE_END,
    ENTITY_ATTRIBUTE_START,
    ENTITY_ATTRIBUTE_TYPE,
    ENTITY_ATTRIBUTE_VALUE,
    EXTRACTOR,
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

logger = logging.getLogger(__name__)

_RANK = {"none": 0, "low": 1, "medium": 2, "high": 3, "imminent": 4}
RISK_INTENTS = {"risk_medium": "medium", "risk_high": "high", "risk_imminent": "imminent"}
ESCALATING = ("medium", "high", "imminent")


def _screen(text: str) -> Optional[Dict[str, Any]]:
    """Run the shared risk engine; None when it is unavailable."""
    try:
        from escalation.risk import screen
    except Exception:  # noqa: BLE001 - engine not importable: pass through
        logger.warning("escalation.risk is not importable; risk screen skipped")
        return None
    try:
        return screen(text).to_dict()
    except Exception:  # noqa: BLE001 - never break NLU because of the screen
        logger.exception("risk screen failed")
        return None


def _warm_up() -> None:
    """Build the lexicon's matcher and load the net now, while the model loads: on these machines that takes seconds, and
    the first message (someone's first words to the bot) must not pay for it or time out."""
    try:
        from escalation.risk import warm_up
        warm_up()
    except Exception:  # noqa: BLE001 - the first message builds it instead (or the engine is not importable)
        logger.warning("risk screen warm-up failed; the first message will build the matcher", exc_info=True)


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False
)
class RiskScreen(GraphComponent):
    """Overrides the intent with ``risk_<level>`` when the risk screen says medium or above."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"min_level": "medium"}

    def __init__(self, config: Dict[Text, Any]) -> None:
        self._min_rank = _RANK.get(config.get("min_level", "medium"), 2)

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "RiskScreen":
        _warm_up()   # (training pays it once too: a few seconds)
        return cls(config)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            self._process_one(message)
        return messages

    def _process_one(self, message: Message) -> None:
        text = message.get("original_text") or message.get(TEXT) or ""
        if not text.strip() or text.startswith("/"):
            return  # button payloads ("/intent{...}") are not user prose
        assessment = _screen(text)
        if assessment is None:
            return
        message.set("risk", assessment, add_to_output=True)

        screen_level = assessment.get("level", "none")
        intent = message.get(INTENT) or {}
        nlu_level = RISK_INTENTS.get(intent.get(INTENT_NAME_KEY) or "", "none")
        if _RANK.get(screen_level, 0) < self._min_rank:
            return  # below medium: DIET's intent stands (it may still be a trained risk intent)

        # never lower a higher risk intent DIET already predicted
        level = max(screen_level, nlu_level, key=lambda name: _RANK.get(name, 0))
        intent_name = f"risk_{level}"
        top = {INTENT_NAME_KEY: intent_name, PREDICTED_CONFIDENCE_KEY: 1.0}
        ranking = [
            item
            for item in (message.get(INTENT_RANKING_KEY) or [])
            if item.get(INTENT_NAME_KEY) != intent_name
        ]
        message.set(INTENT, top, add_to_output=True)
        message.set(INTENT_RANKING_KEY, [dict(top)] + ranking, add_to_output=True)

        entities = [
            entity
            for entity in (message.get(ENTITIES) or [])
            if entity.get(ENTITY_ATTRIBUTE_TYPE) != "risk_level"
        ]
        entities.append(
            {
                ENTITY_ATTRIBUTE_TYPE: "risk_level",
                ENTITY_ATTRIBUTE_VALUE: level,
                ENTITY_ATTRIBUTE_START: 0,
                ENTITY_ATTRIBUTE_END: len(message.get(TEXT) or text),
                EXTRACTOR: self.__class__.__name__,
            }
        )
        message.set(ENTITIES, entities, add_to_output=True)
