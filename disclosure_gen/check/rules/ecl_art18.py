"""E-Commerce Law Article 18: personalised search results come with a non-personalised option."""

from __future__ import annotations

import re
from collections.abc import Iterator

from disclosure_gen.check.findings import Severity
from disclosure_gen.check.rules import applicability
from disclosure_gen.check.rules.base import Citation, Hit, Rule
from disclosure_gen.check.rules.laws import ECL
from disclosure_gen.content.model.algorithm import Algorithm

_SEARCH = ("检索过滤类", "信息检索类")
_GOODS = re.compile(r"商品|商家|店铺|门店|货品|服务项目")


class SearchOption(Rule):
    """E-commerce search offers results not based on the consumer's characteristics.

    ## Why
    Article 18 of the E-Commerce Law: an e-commerce operator that gives consumers search
    results for goods or services according to their interests or habits must also offer an
    option not aimed at their personal characteristics. For a search algorithm (检索过滤类 or
    信息检索类) of a service that sells to consumers or searches goods and shops,
    `user_controls.personalisation` must exist (an off switch or a non-personalised option).
    A law binds, so this is an error, beside Article 17's A17-OPTION.

    ## Fails
    ```yaml
    category: 信息检索类
    flags: {sells_to_consumers: true}
    pricing: {description: {zh: 搜索不决定价格}}
    user_controls: {personalisation: null}
    ```

    ## Passes
    ```yaml
    category: 信息检索类
    flags: {sells_to_consumers: true}
    pricing: {description: {zh: 搜索不决定价格}}
    ```
    """

    code, name, severity = "ECL18-SEARCH", "ecommerce-search-option", Severity.ERROR
    citation = Citation(ECL, 18, paragraph=1, quote="应当同时向该消费者提供不针对其个人特征的选项")
    message = "电子商务搜索没有提供不针对个人特征的选项：`user_controls.personalisation` 为空"
    fix = (
        "为商品搜索提供关闭个性化搜索的开关或不针对个人特征的搜索选项，"
        "写在 `user_controls.personalisation`"
    )

    def applies(self, algo: Algorithm) -> bool:
        if algo.category not in _SEARCH:
            return False
        goods = _GOODS.search(algo.scenarios.zh) or _GOODS.search(algo.summary.zh)
        return applicability.consumers(algo).applies or bool(goods)

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        if algo.user_controls.personalisation is None:
            yield Hit(("user_controls", "personalisation"))
