"""未成年人网络保护条例 Article 24(3): no commercial marketing to minors by automated decision."""

from __future__ import annotations

import re
from collections.abc import Iterator

from disclosure_gen.check.findings import Severity
from disclosure_gen.check.rules import applicability
from disclosure_gen.check.rules.algo_art18 import minors_text
from disclosure_gen.check.rules.base import Citation, Hit, Rule
from disclosure_gen.check.rules.laws import MINORS
from disclosure_gen.check.rules.wording import clauses, negated
from disclosure_gen.content.model.algorithm import Algorithm

_MARKETING = re.compile(r"营销|广告|商品|推广|带货|付费|购买|促销|优惠")


def _ruled_out(text: str) -> bool:
    """Some clause denies marketing: «不展示广告», «不向孩子推荐商品»."""
    for clause in clauses(text):
        found = _MARKETING.search(clause)
        if found and negated(clause, found.start()):
            return True
    return False


class NoAutomatedMarketingToMinors(Rule):
    """A service used by minors says it does not market to them by automated decision.

    ## Why
    Article 24(3) of the 未成年人网络保护条例 forbids commercial marketing to minors by
    automated decision-making. A recommendation algorithm is automated decision-making, so a
    service minors use must say, in its `minors` texts, that minors are not marketed to (no
    ads, no product or paid-content recommendations in the minors' mode). A regulation binds,
    so this is an error.

    ## Fails
    ```yaml
    flags: {serves_minors: true}
    minors:
      protections: {zh: 青少年模式下只推荐审核过的适龄内容，每日使用不超过 40 分钟}
    ```

    ## Passes
    ```yaml
    flags: {serves_minors: true}
    minors:
      protections: {zh: 青少年模式下只推荐审核过的适龄内容，不展示广告，也不推荐商品}
    ```
    """

    code, name, severity = (
        "MIN-NO-AUTO-MARKETING",
        "no-automated-marketing-to-minors",
        Severity.ERROR,
    )
    citation = Citation(
        MINORS,
        24,
        paragraph=3,
        quote="网络产品和服务提供者不得通过自动化决策方式向未成年人进行商业营销",
    )
    message = "面向未成年人的服务没有说明不通过自动化决策向未成年人进行商业营销"
    fix = "在 `minors.protections` 写明未成年人模式下不展示广告、不推荐商品或付费内容"

    def applies(self, algo: Algorithm) -> bool:
        return applicability.minors(algo).applies and algo.minors is not None

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        if not _ruled_out(minors_text(algo)):
            yield Hit(("minors", "protections"))
