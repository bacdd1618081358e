"""Article 7: the rules of the recommendation service are formulated and published."""

from __future__ import annotations

from collections.abc import Iterator

from disclosure_gen.check.findings import Severity
from disclosure_gen.check.rules.base import Citation, Hit, Rule
from disclosure_gen.check.rules.laws import ALGO
from disclosure_gen.content.model.algorithm import Algorithm


class ServiceRulesPublished(Rule):
    """The provider's published service rules are linked.

    ## Why
    Article 7 makes the provider formulate and publish the rules of its recommendation service
    (制定并公开算法推荐服务相关规则) — the platform rules users are held to, beside the
    algorithm pages this site publishes. site.yaml `service_rules.url` records where they are;
    without it readers cannot find them from the disclosure.

    ## Fails
    ```yaml
    site:
      service_rules: null
    ```

    ## Passes
    ```yaml
    site:
      service_rules:
        name: {zh: 示例平台规则}
        url: https://www.example.cn/rules
    ```
    """

    code, name, severity = "A7-SERVICE-RULES", "service-rules-published", Severity.ERROR
    citation = Citation(ALGO, 7, quote="制定并公开算法推荐服务相关规则")
    message = "没有公开的算法推荐服务规则：site.yaml 的 `service_rules.url` 为空"
    fix = "在 site.yaml 的 `service_rules` 写明平台规则页面的名称和 https 地址"

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        if algo.site.service_rules is None:
            yield Hit(("service_rules",), in_site=True)
