"""Article 17(1): a non-personalised option or an off switch that stops at once."""

from __future__ import annotations

import re
from collections.abc import Iterator

from disclosure_gen.check.findings import Severity
from disclosure_gen.check.rules.base import Citation, Hit, Rule
from disclosure_gen.check.rules.laws import ALGO
from disclosure_gen.check.rules.texts import path_hits
from disclosure_gen.content.model.algorithm import Algorithm

_IMMEDIATE = re.compile(r"立即|立刻|即时|马上|当即|即刻|实时|随即|immediately|at once", re.I)
_NUM = r"(?:\d+|[一二两三四五六七八九十百半]+)"
_DELAY = re.compile(
    rf"{_NUM}\s*(?:个)?\s*(?:工作日|自然日|天|日|小时|分钟|周|星期|个?月)\s*(?:内|后|之内|以内|之后)"
    r"|次日|隔天|隔日|第二天|翌日|下次(?:登录|启动|打开)|重新(?:登录|启动)后|重启后|稍后"
    r"|within\s+\d+|after\s+\d+|next\s+(?:day|login|launch)",
    re.I,
)
#: Clauses about deleting data have their own timelines and say nothing about the stop.
_DATA = re.compile(r"删除|清除|注销|数据|记录|delet|eras|data|record", re.I)


def _delay(text: str) -> str:
    for clause in re.split(r"[，,；;。.！!？?\n]", text):
        found = _DELAY.search(clause)
        if found and not _DATA.search(clause):
            return found.group(0)
    return ""


class OptionOffered(Rule):
    """Users get a non-personalised option or an off switch they can find on every platform.

    ## Why
    Article 17(1) requires either an option not aimed at personal characteristics or a
    convenient way to switch recommendation off. `user_controls.personalisation` records which
    one. An off switch is convenient only if users can find it, so it needs a menu path for
    every platform (from site.yaml `products[].platforms`) of every product the algorithm runs
    on. A non-personalised option needs a `description` of what it is.

    ## Fails
    ```yaml
    user_controls:
      personalisation:
        paths:
          - platform: ios
            steps: {zh: [我的, 设置, 个性化推荐]}
    ```

    ## Passes
    ```yaml
    user_controls:
      personalisation:
        kind: non_personalised_option
        description: {zh: 本功能不使用任何个人特征，对所有用户相同}
        paths: null
        effect: null
    ```
    """

    code, name, severity = "A17-OPTION", "personalisation-option-offered", Severity.ERROR
    citation = Citation(
        ALGO,
        17,
        paragraph=1,
        quote="向用户提供不针对其个人特征的选项，或者向用户提供便捷的关闭算法推荐服务的选项",
    )
    message = (
        "没有说明不针对个人特征的选项或关闭算法推荐的方式：`user_controls.personalisation` 为空"
    )
    fix = "在 `user_controls.personalisation` 写明 `kind`，关闭开关须为每个平台写出 `paths`"

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        pers = algo.user_controls.personalisation
        path = ("user_controls", "personalisation")
        if pers is None:
            yield Hit(path)
        elif pers.kind == "off_switch":
            yield from path_hits(algo, pers, path, "关闭开关")
        elif not pers.description:
            yield Hit((*path, "description"), "不针对个人特征的选项缺少 `description` 说明")


class StopsImmediately(Rule):
    """Switching recommendation off takes effect immediately.

    ## Why
    Article 17(1): once a user switches recommendation off, the provider must stop
    immediately. The off switch's `effect` must say so (立即、即时、马上…), and must not
    announce a delay such as 「7 天内生效」「24 小时后」「次日」 or 「下次登录后」. A clause about
    deleting data (「相关记录 15 天内删除」) has its own timeline and is not read as a delay.

    ## Fails
    ```yaml
    user_controls:
      personalisation:
        effect: {zh: 关闭后将在 7 天内生效}
    ```

    ## Passes
    ```yaml
    user_controls:
      personalisation:
        effect: {zh: 立即生效，推荐页改为按热度排序}
    ```
    """

    code, name, severity = "A17-IMMEDIATE-STOP", "off-switch-stops-immediately", Severity.ERROR
    citation = Citation(
        ALGO,
        17,
        paragraph=1,
        quote="用户选择关闭算法推荐服务的，算法推荐服务提供者应当立即停止提供相关服务",
    )
    message = "关闭开关的 `effect` 没有写明立即停止个性化推荐"
    fix = "在 `user_controls.personalisation.effect` 写明关闭后立即停止，并取消任何延迟"

    def applies(self, algo: Algorithm) -> bool:
        pers = algo.user_controls.personalisation
        return pers is not None and pers.kind == "off_switch"

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        pers = algo.user_controls.personalisation
        assert pers is not None
        path = ("user_controls", "personalisation", "effect")
        delay = _delay(pers.effect.zh) or _delay(pers.effect.en)
        if delay:
            yield Hit(path, f"关闭开关的 `effect` 写有延迟「{delay}」，应当立即停止")
        elif not _IMMEDIATE.search(pers.effect.zh):
            yield Hit(path)
