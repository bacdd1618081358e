"""Which algorithms the generative-AI rules concern, and shared wording (not a rule module).

A ``generative`` block makes an algorithm an AI feature. An algorithm of category 生成合成类
without the block still generates content, so the labelling rules (深度合成 第十七条 and 第十九条,
the labelling measures) reach it and point at the missing block; the generative-AI rules proper
(暂行办法, the model-display announcements) need the block, because a deep-synthesis algorithm
need not use a generative model.
"""

from __future__ import annotations

from disclosure_gen.check.rules.base import Hit
from disclosure_gen.content.model.algorithm import Algorithm
from disclosure_gen.content.model.generative import MODALITY_NAMES

GENERATIVE_CATEGORY = "生成合成类"


def makes_content(algo: Algorithm) -> bool:
    """The algorithm generates or synthesises content (a ``generative`` block or 生成合成类)."""
    return algo.generative is not None or algo.category == GENERATIVE_CATEGORY


def modality_name(modality: str) -> str:
    """The Chinese name of an output modality, for messages (图片, 视频 …)."""
    return MODALITY_NAMES[modality][0]


def missing_block(what: str) -> Hit:
    """The hit for a 生成合成类 algorithm without a ``generative`` block to say ``what``."""
    return Hit(("generative",), f"算法类别为生成合成类，但没有 `generative` {what}")
