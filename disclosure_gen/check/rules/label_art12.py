"""人工智能生成合成内容标识办法 第十二条: hand in the labelling materials with the filing."""

from __future__ import annotations

from collections.abc import Iterator

from disclosure_gen.check.findings import Severity
from disclosure_gen.check.rules.ai_scope import makes_content, missing_block
from disclosure_gen.check.rules.base import Citation, Hit, Rule
from disclosure_gen.check.rules.laws import AI_LABELLING
from disclosure_gen.content.model.algorithm import Algorithm


class LabellingMaterials(Rule):
    """An AI feature that is filed records the labelling materials handed in with the filing.

    ## Why
    Article 12 of the labelling measures: 「在履行算法备案、安全评估等手续时，应当按照本办法提
    供生成合成内容标识相关材料」. When the algorithm is filed, being filed or must be filed
    (`flags.public_opinion_or_mobilization`), `generative.labelling_materials.document` names
    what was handed in. The record is internal: it never reaches the site or the exports.

    ## Fails
    ```yaml
    generative:
      outputs: [text]
    filing:
      status: pending
      submitted_on: "2026-01-05"
    ```

    ## Passes
    ```yaml
    generative:
      outputs: [text]
      labelling_materials:
        document: 《生成合成内容标识说明》第 1 版
        submitted_on: "2026-01-05"
    filing:
      status: pending
      submitted_on: "2026-01-05"
    ```
    """

    code, name, severity = "LBL12-FILING-MATERIALS", "labelling-materials-filed", Severity.ERROR
    citation = Citation(
        AI_LABELLING,
        12,
        quote="在履行算法备案、安全评估等手续时，应当按照本办法提供生成合成内容标识相关材料",
    )
    message = "备案时没有记录提交的生成合成内容标识材料"
    fix = "在 `generative.labelling_materials.document` 写明随备案或安全评估提交的标识材料"

    def applies(self, algo: Algorithm) -> bool:
        filing = (
            algo.filing.status in ("pending", "filed") or algo.flags.public_opinion_or_mobilization
        )
        return filing and makes_content(algo)

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        gen = algo.generative
        if gen is None:
            yield missing_block("记录随备案提交的标识材料")
            return
        materials = gen.labelling_materials
        if materials is None or not materials.document:
            yield Hit(("generative", "labelling_materials", "document"))
