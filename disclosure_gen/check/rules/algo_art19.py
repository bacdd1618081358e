"""Article 19: services for the elderly describe age-friendly services and fraud monitoring."""

from __future__ import annotations

from collections.abc import Iterator

from disclosure_gen.check.findings import Severity
from disclosure_gen.check.rules.base import Citation, Hit, Rule
from disclosure_gen.check.rules.laws import ALGO
from disclosure_gen.content.model.algorithm import Algorithm


class ElderlyServed(Rule):
    """A service used by the elderly describes its age-friendly services and fraud monitoring.

    ## Why
    Article 19 asks providers serving the elderly for 智能化适老服务 and for monitoring,
    identifying and handling telecom-fraud information. When `flags.serves_elderly` is set,
    `elderly.services` and `elderly.fraud_monitoring` must both be described.

    ## Fails
    ```yaml
    flags: {serves_elderly: true}
    elderly:
      services: {zh: 提供大字版和语音播报}
    ```

    ## Passes
    ```yaml
    flags: {serves_elderly: true}
    elderly:
      services: {zh: 提供大字版和语音播报}
      fraud_monitoring: {zh: 识别冒充客服等诈骗信息，不向老年用户推荐并提示风险}
    ```
    """

    code, name, severity = "A19-ELDERLY", "elderly-served", Severity.ERROR
    citation = Citation(
        ALGO,
        19,
        quote="按照国家有关规定提供智能化适老服务，依法开展涉电信网络诈骗信息的监测、识别和处置",
    )
    message = "服务面向老年人，但没有说明适老服务或反诈监测"
    fix = "在 `elderly.services` 和 `elderly.fraud_monitoring` 分别说明适老服务和反诈措施"

    def applies(self, algo: Algorithm) -> bool:
        return algo.flags.serves_elderly

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        if algo.elderly is None:
            yield Hit(("elderly",))
            return
        if not algo.elderly.services:
            yield Hit(("elderly", "services"), "没有说明适老服务：`elderly.services` 为空")
        if not algo.elderly.fraud_monitoring:
            yield Hit(
                ("elderly", "fraud_monitoring"),
                "没有说明涉诈信息的监测和处置：`elderly.fraud_monitoring` 为空",
            )
