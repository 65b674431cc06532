"""Rasa NLU component: convert Traditional Chinese to Simplified before tokenising.

Placed first in the pipeline (config.yml) so that zh-Hant input reaches jieba and the
featurizers in the same script the model was trained on. The character map is the risk
engine's own (escalation/risk/data/t2s.tsv, one normaliser everywhere); a small built-in map of
common characters is the fallback. Only T->S is applied here (the engine's full normaliser
also lower-cases and rewrites punctuation, which the featurizers don't need). The conversion is one character for one character, so
character offsets into the original text stay valid.

Imported only by Rasa (Python 3.10 venv); nothing happens at import time beyond definitions.
"""
from __future__ import annotations

import functools
import os
from typing import Any, Callable, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

# Common Traditional -> Simplified pairs (fallback only; the risk engine's map wins).
_TRAD = (
    "說話會個們這來時後對還沒將與為學習校試壓傷殺緒鬱慮覺醫師離開麼爸媽難過讓聽見幫請問題經憶氣應該謝誰歡樂聯繫電報導體動練運"
    "無預頭腦極點嗎呢裡邊嗚從門關開長陽東車貝錢買賣紅綠藍書機網遊戲聽課業績們愛憂煩躁悶睏夢獨寫讀員顧護傳訊息號碼節課圖"
    "這樣種類歲數兒孫處罰責備罵欺負霸凌網絡擔心壓覺態變發現問題們應對聲音聯絡輔導諮詢熱線專轉換語言談聊們對話給謝謝見沒錯"
    "實際確認證據淚哭絕望麼辦嗎讓幾鐘頭與裡內樓橋藥劑刀割傷殘擊斃殺亂為該飯錯誤計劃準備遺書別永遠囉喚醒總結親朋鄰居場廳學"
    "業級師長團隊戀憶興趣習慣舊鬧鐘睡覺憊鬆緊張氣喘訓練環境節奏隨時請稱讚評價勵獎賽場"
)
_SIMP = (
    "说话会个们这来时后对还没将与为学习校试压伤杀绪郁虑觉医师离开么爸妈难过让听见帮请问题经忆气应该谢谁欢乐联系电报导体动练运"
    "无预头脑极点吗呢里边呜从门关开长阳东车贝钱买卖红绿蓝书机网游戏听课业绩们爱忧烦躁闷困梦独写读员顾护传讯息号码节课图"
    "这样种类岁数儿孙处罚责备骂欺负霸凌网络担心压觉态变发现问题们应对声音联络辅导咨询热线专转换语言谈聊们对话给谢谢见没错"
    "实际确认证据泪哭绝望么办吗让几钟头与里内楼桥药剂刀割伤残击毙杀乱为该饭错误计划准备遗书别永远啰唤醒总结亲朋邻居场厅学"
    "业级师长团队恋忆兴趣习惯旧闹钟睡觉惫松紧张气喘训练环境节奏随时请称赞评价励奖赛场"
)
_FALLBACK_MAP = {ord(t): s for t, s in zip(_TRAD, _SIMP) if t != s}


@functools.lru_cache(maxsize=1)
def _converter() -> Callable[[str], str]:
    """Traditional->Simplified using the risk engine's character map (data/t2s.tsv, the same
    table escalation.risk.normalise uses), else the small fallback map above."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "t2s.tsv")
    mapping = dict(_FALLBACK_MAP)
    try:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("#") or "\t" not in line:
                    continue
                trad, simp = line.rstrip("\n").split("\t")[:2]
                if len(trad) == 1 and len(simp) == 1:
                    mapping[ord(trad)] = simp
    except OSError:  # the risk engine's data is missing: the fallback map still works
        pass
    return lambda text: text.translate(mapping)


def to_simplified(text: str) -> str:
    """Traditional -> Simplified, one character for one (every offset stays valid)."""
    return _converter()(text)


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER], is_trainable=False
)
class TraditionalToSimplified(GraphComponent):
    """Rewrites the message text to Simplified Chinese; keeps the original as `original_text`."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {}

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "TraditionalToSimplified":
        return cls()

    @staticmethod
    def _convert(message: Message) -> None:
        text: Optional[str] = message.get(TEXT)
        if not text:
            return
        simplified = to_simplified(text)
        if simplified != text:
            message.set("original_text", text, add_to_output=True)
            message.set(TEXT, simplified)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        for example in training_data.training_examples:
            self._convert(example)
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            self._convert(message)
        return messages
