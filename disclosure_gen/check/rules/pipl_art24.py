"""PIPL Article 24(2): pushes and marketing by automated decision can be refused easily."""

from __future__ import annotations

from collections.abc import Iterator

from disclosure_gen.check.findings import Severity
from disclosure_gen.check.rules.base import Citation, Hit, Rule
from disclosure_gen.check.rules.laws import PIPL
from disclosure_gen.content.model.algorithm import Algorithm


class PushOptOut(Rule):
    """Automated pushes and marketing come with an easy way to refuse them.

    ## Why
    PIPL Article 24(2): information pushes and commercial marketing by automated decision must
    come with a non-personalised option or a convenient way to refuse. Turning off the feed's
    personalisation does not stop pushes, so when `flags.automated_push_or_marketing` is set
    the file needs `user_controls.push_optout` with at least one menu path (pushes may not exist
    on every platform, e.g. the web, so a path per platform is not required).

    ## Fails
    ```yaml
    flags: {automated_push_or_marketing: true}
    ```

    ## Passes
    ```yaml
    flags: {automated_push_or_marketing: true}
    user_controls:
      push_optout:
        description: {zh: 关闭根据兴趣发送的推送通知}
        paths:
          - {platform: ios, steps: {zh: [我的, 设置, 通知, 个性化推送]}}
          - {platform: android, steps: {zh: [我的, 设置, 通知, 个性化推送]}}
    ```
    """

    code, name, severity = "PIPL24-PUSH-OPTOUT", "push-opt-out-offered", Severity.ERROR
    citation = Citation(
        PIPL,
        24,
        paragraph=2,
        quote="通过自动化决策方式向个人进行信息推送、商业营销，应当同时提供不针对其个人特征的选项，"
        "或者向个人提供便捷的拒绝方式",
    )
    message = "通过自动化决策推送信息或营销，但没有说明拒绝方式：`user_controls.push_optout` 为空"
    fix = "在 `user_controls.push_optout` 写明如何拒绝个性化推送和营销，并给出操作路径 `paths`"

    def applies(self, algo: Algorithm) -> bool:
        return algo.flags.automated_push_or_marketing

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        control = algo.user_controls.push_optout
        if control is None:
            yield Hit(("user_controls", "push_optout"))
        elif not control.paths:
            yield Hit(
                ("user_controls", "push_optout", "paths"), "拒绝推送的方式缺少操作路径 `paths`"
            )
