"""Article 21: no prices set from consumers' personal characteristics (大数据“杀熟”)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from disclosure_gen.check.findings import Severity
from disclosure_gen.check.rules.base import Citation, Hit, Rule
from disclosure_gen.check.rules.laws import ALGO
from disclosure_gen.content.model.algorithm import Algorithm

#: Personal characteristics that must not set a price: 清朗 task 4 names 年龄、职业、消费水平;
#: Article 21 itself names 偏好、交易习惯. Each group lists close synonyms and English terms.
_BANNED = {
    "年龄": r"年龄|年纪|岁数|出生年|出生日期|\bage\b|birth",
    "职业": r"职业|职位|行业|工作单位|occupation|profession|\bjobs?\b",
    "消费水平": r"消费水平|消费能力|消费档次|消费等级|收入|购买力|spending|income|purchasing power",
    "偏好": r"偏好|兴趣|喜好|preference",
    "交易习惯": r"交易习惯|消费习惯|消费记录|购买记录|下单记录|历史订单"
    r"|purchase history|order history|buying habit",
}
_PATTERNS = {label: re.compile(rx, re.I) for label, rx in _BANNED.items()}


class NoPersonalPricing(Rule):
    """Prices are not set from consumers' age, occupation, spending level or habits.

    ## Why
    Article 21 forbids using consumers' preferences, trading habits and similar
    characteristics for unreasonable differential treatment in prices, and the 清朗 campaign
    (task 4) names 年龄、职业、消费水平 as characteristics that must not set the price of the
    same goods. When `flags.sells_to_consumers` is set, every entry of `pricing.features` is
    matched against those characteristics, their close synonyms and English equivalents.

    ## Fails
    ```yaml
    flags: {sells_to_consumers: true}
    pricing:
      features: [距离, 用户消费水平]
    ```

    ## Passes
    ```yaml
    flags: {sells_to_consumers: true}
    pricing:
      features: [距离, 时段, 天气]
    ```
    """

    code, name, severity = "A21-PRICE-FEATURES", "no-personal-pricing", Severity.ERROR
    citation = Citation(
        ALGO,
        21,
        quote="不得根据消费者的偏好、交易习惯等特征，利用算法在交易价格等交易条件上实施不合理的差别待遇",
    )
    message = "定价使用了消费者的个人特征"
    fix = "从 `pricing.features` 和定价算法中去掉年龄、职业、消费水平、偏好、交易习惯等个人特征"

    def applies(self, algo: Algorithm) -> bool:
        return algo.flags.sells_to_consumers and algo.pricing is not None

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        assert algo.pricing is not None
        for i, feature in enumerate(algo.pricing.features):
            label = next((k for k, rx in _PATTERNS.items() if rx.search(feature)), None)
            if label:
                yield Hit(
                    ("pricing", "features", i),
                    f"定价因素 `{feature}` 属于消费者的个人特征（{label}）",
                )
