"""The 2021 指导意见 on algorithm governance: publish optimisation objectives and criteria."""

from __future__ import annotations

from collections.abc import Iterator

from disclosure_gen.check.findings import Severity
from disclosure_gen.check.rules.base import Citation, Hit, Rule
from disclosure_gen.check.rules.laws import GUIDE
from disclosure_gen.content.model.algorithm import Algorithm


class ObjectivesPublished(Rule):
    """The optimisation objectives and decision criteria are published.

    ## Why
    The nine departments' 《关于加强互联网信息服务算法综合治理的指导意见》 asks companies to publish
    an algorithm's 基本原理、优化目标、决策标准. The principles are Article 16's; `objectives`
    holds the other two: what the algorithm optimises for and what it decides by. A guidance
    document does not bind, so a missing `objectives` is a warning.

    ## Fails
    ```yaml
    objectives: null
    ```

    ## Passes
    ```yaml
    objectives: {zh: 优化目标是用户对推荐内容的满意度；决策标准是预估兴趣和内容质量}
    ```
    """

    code, name, severity = "GUIDE-OBJECTIVES", "objectives-published", Severity.WARNING
    citation = Citation(GUIDE, 0, quote="公开算法基本原理、优化目标、决策标准等信息")
    message = "没有公开优化目标和决策标准：`objectives` 为空"
    fix = "在 `objectives` 写明算法的优化目标（追求什么）和决策标准（按什么排序或决定）"

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        if not algo.objectives:
            yield Hit(("objectives",))
