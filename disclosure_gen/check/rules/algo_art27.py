"""Article 27: providers that must file carry out security assessments."""

from __future__ import annotations

from collections.abc import Iterator

from disclosure_gen.check.findings import Severity
from disclosure_gen.check.rules.base import Citation, Hit, Rule
from disclosure_gen.check.rules.laws import ALGO
from disclosure_gen.content.model.algorithm import Algorithm


class SecurityAssessed(Rule):
    """A service with public-opinion attributes records its last security assessment.

    ## Why
    Article 27: providers with public-opinion attributes or social-mobilisation capability
    carry out security assessments under national rules. `filing.security_assessed_on`
    records the date of the last one; it is internal evidence, used by `check` and never
    published. Without it nothing shows the assessment was done.

    ## Fails
    ```yaml
    flags: {public_opinion_or_mobilization: true}
    filing: {status: pending, submitted_on: "2026-01-05"}
    ```

    ## Passes
    ```yaml
    flags: {public_opinion_or_mobilization: true}
    filing: {status: pending, submitted_on: "2026-01-05", security_assessed_on: "2025-12-20"}
    ```
    """

    code, name, severity = "A27-SECURITY-ASSESSMENT", "security-assessed", Severity.ERROR
    citation = Citation(
        ALGO,
        27,
        quote="具有舆论属性或者社会动员能力的算法推荐服务提供者应当按照国家有关规定开展安全评估",
    )
    message = (
        "具有舆论属性或者社会动员能力的服务没有记录安全评估：`filing.security_assessed_on` 为空"
    )
    fix = "按国家有关规定开展安全评估，并在 `filing.security_assessed_on` 记下最近一次评估的日期"

    def applies(self, algo: Algorithm) -> bool:
        return algo.flags.public_opinion_or_mobilization and algo.filing.status != "terminated"

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        if algo.filing.security_assessed_on is None:
            yield Hit(("filing", "security_assessed_on"))
