"""Article 12 (encouraged): the rules for selecting and ordering are made transparent."""

from __future__ import annotations

from collections.abc import Iterator

from disclosure_gen.check.findings import Severity
from disclosure_gen.check.rules.base import Citation, Hit, Rule
from disclosure_gen.check.rules.laws import ALGO
from disclosure_gen.content.model.algorithm import Algorithm

#: Stage kinds that select, order or decide: what Article 12 asks to make transparent.
DECIDING = frozenset(
    {
        "retrieval",
        "filtering",
        "ranking",
        "reranking",
        "diversity",
        "matching",
        "dispatch",
        "eta",
        "routing",
        "pricing",
        "generation",
        "review",
    }
)


class StagesTransparent(Rule):
    """The mechanism shows the stage that selects, orders or decides.

    ## Why
    Article 12 encourages transparent and explainable rules for retrieval, ranking, selection,
    push and display. A mechanism whose stages are only inputs, display and `other` hides the
    step readers most want explained. Article 12 only encourages (鼓励), so this is a warning;
    its other half, de-duplication and dispersal, is QL-COCOON's `diversity`.

    ## Fails
    ```yaml
    mechanisms:
      - {id: inputs, stage: inputs, title: {zh: 收集信号}, description: {zh: 读取你的观看记录}}
      - {id: show, stage: display, title: {zh: 展示}, description: {zh: 按预估兴趣展示视频}}
    ```

    ## Passes
    ```yaml
    mechanisms:
      - {id: inputs, stage: inputs, title: {zh: 收集信号}, description: {zh: 读取你的观看记录}}
      - {id: rank, stage: ranking, title: {zh: 排序}, description: {zh: 按预估兴趣排序}}
    ```
    """

    code, name, severity = "A12-STAGES", "stages-transparent", Severity.WARNING
    citation = Citation(
        ALGO,
        12,
        quote="优化检索、排序、选择、推送、展示等规则的透明度和可解释性",
        encouraged=True,
    )
    message = "运行机制中没有挑选、排序或决定结果的阶段"
    fix = (
        "在 `mechanisms` 中加入检索、过滤、排序、派单等阶段（`stage` 取相应类型），说明结果如何产生"
    )

    def applies(self, algo: Algorithm) -> bool:
        return len(algo.mechanisms) >= 2

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        if not any(m.stage in DECIDING for m in algo.mechanisms):
            yield Hit(("mechanisms",))
