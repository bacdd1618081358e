"""PIPL Article 48: individuals can ask for the processing rules to be explained."""

from __future__ import annotations

from collections.abc import Iterator

from disclosure_gen.check.findings import Severity
from disclosure_gen.check.rules.base import Citation, Hit, Rule
from disclosure_gen.check.rules.laws import PIPL
from disclosure_gen.content.model.algorithm import Algorithm


class RulesExplainable(Rule):
    """Readers know where to ask for the processing rules to be explained.

    ## Why
    PIPL Article 48 gives individuals the right to have the processing rules explained. The
    law grants a right rather than a disclosure item, so this is a warning: site.yaml should
    have an `explanation` channel (also used by Article 17(3)) or at least a provider contact
    through which to ask.

    ## Fails
    ```yaml
    site:
      provider:
        contact: {email: null}
    ```

    ## Passes
    ```yaml
    site:
      explanation:
        channel: {zh: 在「帮助与反馈」中选择「申请说明」}
    ```
    """

    code, name, severity = "PIPL48-EXPLAIN-CHANNEL", "rules-explainable", Severity.WARNING
    citation = Citation(
        PIPL, 48, quote="个人有权要求个人信息处理者对其个人信息处理规则进行解释说明"
    )
    message = "没有说明向谁申请解释个人信息处理规则：site.yaml 既无 `explanation` 也无联系方式"
    fix = "在 site.yaml 的 `explanation` 写明申请说明的渠道，或在 `provider.contact` 写明联系方式"

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        site = algo.site
        contact = site.provider.contact
        if site.explanation is None and not (contact.email or contact.phone or contact.url):
            yield Hit(("explanation",), in_site=True)
