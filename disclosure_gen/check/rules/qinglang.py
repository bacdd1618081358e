"""清朗 2024 campaign, tasks 1 and 4: anti-cocoon measures and coupon transparency (warnings)."""

from __future__ import annotations

from collections.abc import Iterator

from disclosure_gen.check.findings import Severity
from disclosure_gen.check.rules.base import Citation, Hit, Rule
from disclosure_gen.check.rules.laws import QINGLANG
from disclosure_gen.content.model.algorithm import Algorithm

_COUPON_FIELDS = (
    ("conditions", "领取条件"),
    ("quantity", "发放数量"),
    ("usage_rules", "使用规则"),
    ("failure_reasons", "领取失败原因"),
)


class CocoonPrevented(Rule):
    """A personalised feed describes its diversity measures and offers 「不感兴趣」.

    ## Why
    The 清朗 campaign (task 1; annex item 7) asks for an anti-「信息茧房」 mechanism that
    diversifies what is pushed, and for a 「不感兴趣」 negative-feedback function. For a
    个性化推送类 algorithm, `diversity` must describe the measures (de-duplication, dispersal,
    exploration) and `user_controls.not_interested` must exist. A campaign is not binding,
    so this is a warning.

    ## Fails
    ```yaml
    diversity: null
    user_controls: {not_interested: null}
    ```

    ## Passes
    ```yaml
    diversity: {zh: 同一作者的视频不会连续出现，每次刷新留出位置给新主题}
    user_controls:
      not_interested:
        description: {zh: 长按视频选择不感兴趣}
    ```
    """

    code, name, severity = "QL-COCOON", "cocoon-prevented", Severity.WARNING
    citation = Citation(QINGLANG, 1, quote="构建“信息茧房”防范机制，提升推送内容多样性丰富性")
    message = "个性化推送没有说明防范信息茧房的措施或「不感兴趣」功能"
    fix = "在 `diversity` 说明去重、打散等措施，在 `user_controls.not_interested` 说明负反馈"

    def applies(self, algo: Algorithm) -> bool:
        return algo.category == "个性化推送类"

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        if not algo.diversity:
            yield Hit(("diversity",), "没有说明提升推送内容多样性的措施：`diversity` 为空")
        if algo.user_controls.not_interested is None:
            yield Hit(
                ("user_controls", "not_interested"),
                "没有「不感兴趣」等负反馈功能：`user_controls.not_interested` 为空",
            )


class CouponsTransparent(Rule):
    """Coupons state their conditions, quantity, usage rules and why a claim failed.

    ## Why
    The 清朗 campaign (task 4) asks platforms to state clearly a coupon's 领取条件、发放数量
    and 使用规则, and to give the real reason a claim failed instead of 「来晚了」. When
    `pricing.coupons` exists, all four must be described. A campaign is not binding, so this
    is a warning.

    ## Fails
    ```yaml
    pricing:
      coupons:
        conditions: {zh: 新用户可领}
    ```

    ## Passes
    ```yaml
    pricing:
      coupons:
        conditions: {zh: 新用户可领}
        quantity: {zh: 领取页显示发放总量和剩余数量}
        usage_rules: {zh: 有效期和使用范围写在优惠券详情中}
        failure_reasons: {zh: 领取失败时如实说明原因，例如已领完}
    ```
    """

    code, name, severity = "QL-COUPON-TRANSPARENCY", "coupons-transparent", Severity.WARNING
    citation = Citation(QINGLANG, 4, quote="清晰说明优惠券的领取条件、发放数量和使用规则等内容")
    message = "优惠券规则说明不完整"
    fix = "在 `pricing.coupons` 写明领取条件、发放数量、使用规则和领取失败时如何说明原因"

    def applies(self, algo: Algorithm) -> bool:
        return algo.pricing is not None and algo.pricing.coupons is not None

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        assert algo.pricing is not None and algo.pricing.coupons is not None
        for key, label in _COUPON_FIELDS:
            if not getattr(algo.pricing.coupons, key):
                yield Hit(
                    ("pricing", "coupons", key),
                    f"没有说明优惠券的{label}：`pricing.coupons.{key}` 为空",
                )
