"""网络数据安全管理条例 Article 42: automated push needs an off switch that is easy to reach."""

from __future__ import annotations

from collections.abc import Iterator

from disclosure_gen.check.findings import Severity
from disclosure_gen.check.rules.base import Citation, Hit, Rule
from disclosure_gen.check.rules.laws import NDS
from disclosure_gen.content.model.algorithm import Algorithm

#: Most steps a menu path may have before it is flagged. No rule gives a number; the demo's
#: deepest off switch has 4 steps, and a 2022 press survey reported Douyin's at 5.
MAX_STEPS = 5


class OffSwitchOffered(Rule):
    """Pushing information by automated decision comes with a personalisation off switch.

    ## Why
    Article 42 of the 网络数据安全管理条例: a network platform that pushes information by
    automated decision must set up an off switch for personalised recommendation
    (个性化推荐关闭选项). Article 17(1) of the Provisions accepts a non-personalised option
    instead; Article 42 does not, so when `flags.automated_push_or_marketing` is set,
    `user_controls.personalisation.kind` must be `off_switch`. Refusing pushes and deleting
    tags, which Article 42 also names, are PIPL24-PUSH-OPTOUT and A17-TAGS.

    ## Fails
    ```yaml
    flags: {automated_push_or_marketing: true}
    user_controls:
      personalisation:
        kind: non_personalised_option
        description: {zh: 推荐页对所有用户相同}
        paths: null
        effect: null
      push_optout:
        paths:
          - {platform: ios, steps: {zh: [我的, 设置, 通知, 个性化推送]}}
    ```

    ## Passes
    ```yaml
    flags: {automated_push_or_marketing: true}
    user_controls:
      push_optout:
        paths:
          - {platform: ios, steps: {zh: [我的, 设置, 通知, 个性化推送]}}
    ```
    """

    code, name, severity = "NDS42-OFF-SWITCH", "off-switch-offered", Severity.ERROR
    citation = Citation(NDS, 42, quote="设置易于理解、便于访问和操作的个性化推荐关闭选项")
    message = (
        "通过自动化决策推送信息，但没有个性化推荐关闭选项"
        "（`personalisation.kind` 不是 `off_switch`）"
    )
    fix = (
        "提供关闭个性化推荐的开关：把 `user_controls.personalisation.kind` 设为 `off_switch`"
        "并写明 `paths`"
    )

    def applies(self, algo: Algorithm) -> bool:
        pers = algo.user_controls.personalisation
        return algo.flags.automated_push_or_marketing and pers is not None

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        pers = algo.user_controls.personalisation
        if pers is not None and pers.kind != "off_switch":
            yield Hit(("user_controls", "personalisation", "kind"))


class OffSwitchShallow(Rule):
    """The off switch is at most a few taps deep on every platform.

    ## Why
    Article 42 of the 网络数据安全管理条例 asks network platforms that push information by
    automated decision for an off switch 「易于理解、便于访问和操作」. A switch buried deep in
    menus is hard to reach. No text sets a number, so this is a heuristic warning: a path of
    more than five steps (`MAX_STEPS`) is flagged.

    ## Fails
    ```yaml
    user_controls:
      personalisation:
        paths:
          - platform: ios
            steps: {zh: [我的, 设置, 通用, 隐私, 推荐管理, 高级, 个性化推荐]}
          - platform: android
            steps: {zh: [我的, 设置, 个性化推荐]}
    ```

    ## Passes
    ```yaml
    user_controls:
      personalisation:
        paths:
          - platform: ios
            steps: {zh: [我的, 设置, 隐私, 个性化推荐]}
          - platform: android
            steps: {zh: [我的, 设置, 个性化推荐]}
    ```
    """

    code, name, severity = "NDS42-OFF-SWITCH-DEPTH", "off-switch-shallow", Severity.WARNING
    citation = Citation(NDS, 42, quote="设置易于理解、便于访问和操作的个性化推荐关闭选项")
    heuristic = True
    message = f"关闭开关的操作路径超过 {MAX_STEPS} 步，不便于访问"
    fix = "把关闭个性化推荐的入口放到更浅的菜单，或在推荐页提供直达入口"

    def applies(self, algo: Algorithm) -> bool:
        pers = algo.user_controls.personalisation
        return pers is not None and pers.kind == "off_switch"

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        pers = algo.user_controls.personalisation
        assert pers is not None
        for i, path in enumerate(pers.paths):
            depth = len(path.steps.zh)
            if depth > MAX_STEPS:
                yield Hit(
                    ("user_controls", "personalisation", "paths", i, "steps"),
                    f"`{path.platform}` 平台的关闭路径有 {depth} 步，超过 {MAX_STEPS} 步",
                )
