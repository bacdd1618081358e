"""Article 9(1): generated or synthesised content is labelled before it is distributed."""

from __future__ import annotations

import re
from collections.abc import Iterator

from disclosure_gen.check.findings import Severity
from disclosure_gen.check.rules.base import Citation, Hit, Rule
from disclosure_gen.check.rules.laws import ALGO
from disclosure_gen.check.rules.wording import admissions
from disclosure_gen.content.model.algorithm import Algorithm

_SYNTHETIC = re.compile(
    r"生成合成|AI ?生成|人工智能生成|AIGC|深度合成|虚拟人|数字人|换脸|合成语音|合成图片", re.I
)
_LABEL = re.compile(r"标识|标注|标明|水印|标签|提示")


def _mentions_synthetic(algo: Algorithm) -> bool:
    return any(
        next(admissions(text.zh, _SYNTHETIC), None)
        for path, text in algo.texts
        if path[0] not in ("faq", "synthetic_content")
    )


class SyntheticLabelled(Rule):
    """Generated or synthesised content the algorithm distributes is labelled first.

    ## Why
    Article 9(1): a provider that finds algorithmically generated or synthesised information
    without a prominent label must label it before transmitting it further. When the
    algorithm is 生成合成类 or its file says it distributes such content (AI 生成、深度合成、
    数字人…), `synthetic_content` must say how that content is labelled (标识、水印、提示).
    The labels of a generative service's own output are issue 15's rules.

    ## Fails
    ```yaml
    principles: {zh: 根据观看记录估计兴趣并排序，推荐内容包括用户发布的 AI 生成视频}
    ```

    ## Passes
    ```yaml
    principles: {zh: 根据观看记录估计兴趣并排序，推荐内容包括用户发布的 AI 生成视频}
    synthetic_content: {zh: 识别出未标识的 AI 生成视频时，先在画面左上角加上「AI 生成」标识再推荐}
    ```
    """

    code, name, severity = "A9-SYNTH-LABEL", "synthetic-content-labelled", Severity.ERROR
    citation = Citation(
        ALGO,
        9,
        paragraph=1,
        quote="发现未作显著标识的算法生成合成信息的，应当作出显著标识后，方可继续传输",
    )
    message = "算法分发生成合成信息，但没有说明如何作出显著标识：`synthetic_content` 为空"
    fix = "在 `synthetic_content` 写明发现未标识的生成合成信息时，如何加上显著标识后再推荐"

    def applies(self, algo: Algorithm) -> bool:
        return algo.category == "生成合成类" or _mentions_synthetic(algo)

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        text = algo.synthetic_content
        if not text:
            yield Hit(("synthetic_content",))
        elif not _LABEL.search(text.zh):
            yield Hit(("synthetic_content",), "`synthetic_content` 没有说明怎样标识生成合成信息")
