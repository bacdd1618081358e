"""Article 17(3): an algorithm with a significant impact on users must be explained."""

from __future__ import annotations

from collections.abc import Iterator

from disclosure_gen.check.findings import Severity
from disclosure_gen.check.rules.base import Citation, Hit, Rule
from disclosure_gen.check.rules.laws import ALGO
from disclosure_gen.content.model.algorithm import Algorithm


class ExplanationOffered(Rule):
    """Where the algorithm significantly affects users, there is a way to get an explanation.

    ## Why
    Article 17(3): an algorithm with a significant impact on users' rights must be explained
    (依法予以说明), and PIPL Article 24(3) gives individuals the right to ask. When
    `flags.significant_impact` is set, an `explanation.channel` is needed, in the algorithm
    file or shared in site.yaml.

    ## Fails
    ```yaml
    flags: {significant_impact: true}
    ```

    ## Passes
    ```yaml
    flags: {significant_impact: true}
    explanation:
      channel: {zh: 在「帮助与反馈」中选择「申请说明」}
    ```
    """

    code, name, severity = "A17-EXPLAIN", "explanation-offered", Severity.ERROR
    citation = Citation(
        ALGO, 17, paragraph=3, quote="应用算法对用户权益造成重大影响的，应当依法予以说明"
    )
    message = "算法对用户权益有重大影响，但没有说明渠道：`explanation.channel` 为空"
    fix = "在 `explanation.channel`（或 site.yaml 的 `explanation`）写明用户如何申请说明"

    def applies(self, algo: Algorithm) -> bool:
        return algo.flags.significant_impact

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        if algo.explanation is None or not algo.explanation.channel:
            yield Hit(("explanation",))
