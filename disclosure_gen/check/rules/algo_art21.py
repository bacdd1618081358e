"""Article 21: no prices set from consumers' personal characteristics (大数据“杀熟”)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from disclosure_gen.check.findings import Severity
from disclosure_gen.check.rules import applicability
from disclosure_gen.check.rules.base import Citation, Hit, Rule
from disclosure_gen.check.rules.laws import ALGO
from disclosure_gen.check.rules.wording import admissions
from disclosure_gen.content.model.algorithm import Algorithm

#: Personal characteristics that must not set a price: 清朗 task 4 names 年龄、职业、消费水平;
#: Article 21 itself names 偏好、交易习惯. Each group lists close synonyms, the proxies that
#: stand in for them (a value tier or a membership level is a spending level; the phone model
#: and new-or-returning are the classic 杀熟 signals) and English terms. 职位 is not 职业: a
#: product quantity such as 职位曝光次数 prices what is bought, not who buys.
_BANNED = {
    "年龄": r"年龄|年纪|岁数|出生年|出生日期|\bage\b|birth",
    "职业": r"职业|所在行业|从事行业|工作单位|occupation|profession",
    "消费水平": r"消费水平|消费能力|消费档次|消费等级|收入|购买力|用户价值|价值分层|用户分层|"
    r"用户等级|会员等级|会员级别|VIP|支付金额|历史支付|客单价|消费金额|价格敏感|支付意愿"
    r"|spending|income|purchasing power|customer value|member(?:ship)? (?:level|tier)",
    "偏好": r"偏好|兴趣|喜好|preference",
    "交易习惯": r"交易习惯|消费习惯|消费记录|购买记录|下单记录|历史订单|下单频次|消费频次|"
    r"购买频次|复购"
    r"|purchase history|order history|buying habit",
    "设备或新老用户": r"设备型号|设备品牌|设备类型|机型|手机型号|手机品牌|操作系统|系统版本|"
    r"新老用户|新用户|老用户|新客|老客|首单|注册时长|device|new users?|returning",
}
_PATTERNS = {label: re.compile(rx, re.I) for label, rx in _BANNED.items()}
_ANY = re.compile("|".join(f"(?:{rx})" for rx in _BANNED.values()), re.I)
#: What a clause must also say to be about the price: a change, a level, a difference.
_PRICE_CHANGE = re.compile(
    r"调整|浮动|定价|价格|收费|加价|溢价|折扣|优惠|差异|不同|上浮|下调|动态|费"
)
_FAIR = "向消费者销售商品或者提供服务的，应当保护消费者公平交易的权利"


def _label(word: str) -> str:
    return next(k for k, rx in _PATTERNS.items() if rx.search(word))


class NoPersonalPricing(Rule):
    """Prices are not set from consumers' age, occupation, spending level or habits.

    ## Why
    Article 21 forbids using consumers' preferences, trading habits and similar
    characteristics for unreasonable differential treatment in prices, and the 清朗 campaign
    (task 4) names 年龄、职业、消费水平 as characteristics that must not set the price of the
    same goods. When the service sells to consumers and `pricing` exists, every entry of
    `pricing.features` is matched against those characteristics, their synonyms, their proxies
    (用户价值分层、会员等级、历史支付金额、设备型号、新老用户…) and English equivalents, and
    `pricing.description` fails when a clause ties the price to one of them («结合用户的消费能力
    动态调整»). A denial («不使用用户的年龄、职业») is what the description should say.

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
        return algo.pricing is not None and applicability.consumers(algo).applies

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        assert algo.pricing is not None
        for i, feature in enumerate(algo.pricing.features):
            if _ANY.search(feature):
                yield Hit(
                    ("pricing", "features", i),
                    f"定价因素 `{feature}` 属于消费者的个人特征（{_label(feature)}）："
                    "同一商品不得因人定价",
                )
        found = next(admissions(algo.pricing.description.zh, _ANY, _PRICE_CHANGE), None)
        if found:
            clause, word = found
            yield Hit(
                ("pricing", "description"),
                f"定价说明承认价格随消费者的「{word}」（{_label(word)}）变化：「{clause}」",
            )


class PricingDisclosed(Rule):
    """A service that charges consumers says what its prices depend on.

    ## Why
    Article 21 protects consumers' right to fair trading against unreasonable differential
    treatment in prices. Whether prices are fair cannot be told when the disclosure is silent
    on them, and leaving `pricing` out must not switch the price check off. So when the
    service sells to consumers — `flags.sells_to_consumers`, or prices named in the file
    (配送费、车费、优惠券…) — `pricing`
    needs a `description` of what sets the price (or that the algorithm sets none).

    ## Fails
    ```yaml
    flags: {sells_to_consumers: true}
    ```

    ## Passes
    ```yaml
    flags: {sells_to_consumers: true}
    pricing:
      description: {zh: 推荐不决定价格；商品价格由商家标价，同一时间对所有买家相同}
      features: []
    ```
    """

    code, name, severity = "A21-PRICING", "pricing-disclosed", Severity.ERROR
    citation = Citation(ALGO, 21, quote=_FAIR)
    message = "向消费者收费的服务没有说明价格由什么决定：`pricing` 为空"
    fix = (
        "在 `pricing.description` 写明价格由哪些因素决定、是否对所有人相同（算法不定价也写明），"
        "并在 `pricing.features` 列出定价因素"
    )

    def applies(self, algo: Algorithm) -> bool:
        return applicability.consumers(algo).applies

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        note = applicability.consumers(algo).note()
        if algo.pricing is None:
            yield Hit(("pricing",), self.message + note)
        elif not algo.pricing.description:
            yield Hit(("pricing", "description"), self.message + note)
