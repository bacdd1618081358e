"""Which algorithms the generative-AI rules concern, and shared wording (not a rule module).

A ``generative`` block makes an algorithm an AI feature. An algorithm of category 生成合成类
without the block still generates content, so the labelling rules (深度合成 第十六至十九条, the
labelling measures) reach it and point at the missing block; the generative-AI rules proper
(暂行办法, the model-display announcements) need the block, because a deep-synthesis algorithm
need not use a generative model.
"""

from __future__ import annotations

from disclosure_gen.content.model.algorithm import Algorithm

GENERATIVE_CATEGORY = "生成合成类"
#: Chinese names of the output modalities, for messages.
MODALITY_NAMES = {
    "text": "文本",
    "image": "图片",
    "audio": "音频",
    "video": "视频",
    "virtual_scene": "虚拟场景",
}


def makes_content(algo: Algorithm) -> bool:
    """The algorithm generates or synthesises content (a ``generative`` block or 生成合成类)."""
    return algo.generative is not None or algo.category == GENERATIVE_CATEGORY


def missing_block(algo: Algorithm) -> bool:
    """生成合成类 without a ``generative`` block: the rules report the block itself."""
    return algo.generative is None
