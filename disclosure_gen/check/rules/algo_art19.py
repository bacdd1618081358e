"""Article 19: services for the elderly describe age-friendly services and fraud monitoring."""

from __future__ import annotations

import re
from collections.abc import Iterator

from disclosure_gen.check.findings import Severity
from disclosure_gen.check.rules import applicability
from disclosure_gen.check.rules.base import Citation, Hit, Rule
from disclosure_gen.check.rules.laws import ALGO
from disclosure_gen.content.model.algorithm import Algorithm

#: 智能化适老服务 in practice: bigger type, voice, simpler screens, a person to help.
_AGE_FRIENDLY = re.compile(
    r"大字|字号|字体|放大|语音|朗读|播报|简化|简洁|简版|长辈|关怀|适老|一键|人工|亲友|代(?:为|叫|付|下单)|"
    r"读屏|无障碍|客服"
)
#: 涉电信网络诈骗信息的监测、识别和处置.
_FRAUD = re.compile(r"诈骗|涉诈|反诈|冒充|虚假|风险提示|提示风险|拦截|预警|识别")


class ElderlyServed(Rule):
    """A service used by the elderly describes its age-friendly services and fraud monitoring.

    ## Why
    Article 19 asks providers serving the elderly for 智能化适老服务 and for monitoring,
    identifying and handling telecom-fraud information. When the service serves the elderly —
    `flags.serves_elderly`, or a product with `audience: [elderly]` — `elderly.services` and
    `elderly.fraud_monitoring` must both be described concretely: services name what changes
    (大字、语音、长辈模式、人工协助…), fraud monitoring names what is detected and what happens
    (识别冒充客服…、拦截、风险提示). 「为老年用户提供优质服务」 names neither.

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
    fix = (
        "在 `elderly.services` 写明大字、语音、长辈模式等具体适老服务，在 "
        "`elderly.fraud_monitoring` 写明识别哪些涉诈信息以及拦截、提示等处置"
    )

    def applies(self, algo: Algorithm) -> bool:
        return applicability.elderly(algo).applies

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        note = applicability.elderly(algo).note()
        if algo.elderly is None:
            yield Hit(("elderly",), self.message + note)
            return
        services, fraud = algo.elderly.services, algo.elderly.fraud_monitoring
        if not services:
            yield Hit(("elderly", "services"), "没有说明适老服务：`elderly.services` 为空" + note)
        elif not _AGE_FRIENDLY.search(services.zh):
            yield Hit(
                ("elderly", "services"),
                "适老服务只有套话：没写大字、语音、长辈模式、人工协助等具体做法",
            )
        if not fraud:
            yield Hit(
                ("elderly", "fraud_monitoring"),
                "没有说明涉诈信息的监测和处置：`elderly.fraud_monitoring` 为空" + note,
            )
        elif not _FRAUD.search(fraud.zh):
            yield Hit(
                ("elderly", "fraud_monitoring"),
                "反诈措施只有套话：没写识别哪些诈骗信息、发现后怎样处置",
            )
