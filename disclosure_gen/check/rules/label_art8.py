"""人工智能生成合成内容标识办法 第八条: the user agreement explains the labels, users are told."""

from __future__ import annotations

import re
from collections.abc import Iterator

from disclosure_gen.check.findings import Severity
from disclosure_gen.check.rules.ai_scope import makes_content, missing_block
from disclosure_gen.check.rules.base import Citation, Hit, Rule
from disclosure_gen.check.rules.laws import AI_LABELLING
from disclosure_gen.content.model.algorithm import Algorithm

_IMPLICIT = re.compile(r"隐式标识|元数据|metadata", re.I)


def _squash(text: str) -> str:
    return "".join(text.split())


class AgreementClause(Rule):
    """The user agreement states how generated content is labelled and what the labels look like.

    ## Why
    Article 8 of the labelling measures: the user service agreement must 「明确说明生成合成内容
    标识的方法、样式等规范内容」 and prompt users to read it. `generative.agreement.clause` is the
    clause as it reads in the agreement. It states the style when it quotes the wording of every
    explicit label, and the method of the implicit label when it says that one is written into
    the file's metadata (隐式标识 or 元数据). `prompt` says how users are asked to read it. A
    labelling described on the site but absent from the agreement fails.

    ## Fails
    ```yaml
    generative:
      outputs: [image]
      labels:
        explicit:
          - {modality: image, form: text, wording: {zh: AI 生成}, position: bottom_right}
      agreement:
        url: https://www.example.cn/terms
        prompt: {zh: 首次使用时提示阅读用户协议}
    ```

    ## Passes
    ```yaml
    generative:
      outputs: [image]
      labels:
        explicit:
          - {modality: image, form: text, wording: {zh: AI 生成}, position: bottom_right}
      agreement:
        url: https://www.example.cn/terms
        clause: {zh: 我们在生成的图片右下角添加「AI 生成」字样。你不得删除、篡改或隐匿该标识。}
        prompt: {zh: 首次使用时提示阅读用户协议中的标识条款}
    ```
    """

    code, name, severity = "LBL8-USER-AGREEMENT", "labelling-in-user-agreement", Severity.ERROR
    citation = Citation(
        AI_LABELLING,
        8,
        quote="应当在用户服务协议中明确说明生成合成内容标识的方法、样式等规范内容，"
        "并提示用户仔细阅读并理解相关的标识管理要求",
    )
    message = "用户服务协议中没有说明生成合成内容标识的方法和样式"
    fix = (
        "在 `generative.agreement.clause` 写入用户协议中的标识条款，"
        "逐一写出显式标识的文字，并说明元数据中的隐式标识"
    )

    def applies(self, algo: Algorithm) -> bool:
        return makes_content(algo)

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        gen = algo.generative
        if gen is None:
            yield missing_block("说明用户协议中的标识条款")
            return
        path = ("generative", "agreement")
        agreement = gen.agreement
        if agreement is None or not agreement.clause:
            yield Hit((*path, "clause"), "用户服务协议中没有生成合成内容标识条款：`clause` 为空")
        else:
            clause = _squash(agreement.clause.zh)
            for wording in dict.fromkeys(e.wording.zh for e in gen.labels.explicit if e.wording):
                if _squash(wording) not in clause:
                    yield Hit((*path, "clause"), f"标识条款没有写出显式标识的样式「{wording}」")
            if gen.labels.implicit is not None and not _IMPLICIT.search(agreement.clause.zh):
                yield Hit((*path, "clause"), "标识条款没有说明写入文件元数据的隐式标识")
        if agreement is None or not agreement.prompt:
            yield Hit((*path, "prompt"), "没有说明如何提示用户阅读标识条款：`prompt` 为空")
