"""Article 17(1): a non-personalised option or an off switch that stops at once."""

from __future__ import annotations

import re
from collections.abc import Iterator

from disclosure_gen.check.findings import Severity
from disclosure_gen.check.rules.base import Citation, Hit, Rule
from disclosure_gen.check.rules.laws import ALGO
from disclosure_gen.check.rules.texts import path_hits
from disclosure_gen.check.rules.wording import PERSONAL, STAFF_ROUTE, USES, admissions, clauses
from disclosure_gen.content.model.algorithm import Algorithm
from disclosure_gen.content.model.rights import Control

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
#: A clause about switching back (「30 天内一键恢复」) offers a way back; it delays nothing.
_RESTORE = re.compile(
    r"恢复|重新(?:打开|开启)|再次(?:打开|开启)|撤销|undo|restore|switch (?:it )?back", re.I
)
#: «立即» made conditional: the stop waits for someone's step…
_GATE = re.compile(r"审核|审批|受理|申请|人工|核实")
#: …or personalisation goes on: «仍会参考过去的记录», «继续保留个性化结果».
_STILL = re.compile(r"仍|依然|依旧|继续|照常|保留|还会|还将")
_GOES_ON = re.compile(rf"{USES.pattern}|{PERSONAL.pattern}|个性化|保留|原有|之前|过去")


def delay_in(text: str, *, exempt: re.Pattern[str] = _DATA) -> str:
    """The delay an effect announces («7 天内生效», «次日»), or ''.

    Clauses about restoring a setting, and those ``exempt`` matches (by default clauses about
    deleting data, which have timelines of their own), are not read as a delay.
    """
    for clause in re.split(r"[，,；;。.！!？?\n]", text):
        found = _DELAY.search(clause)
        if found and not exempt.search(clause) and not _RESTORE.search(clause):
            return found.group(0)
    return ""


def condition_in(text: str) -> str:
    """A clause that makes an immediate stop conditional or partial, or ''."""
    for clause in clauses(text):
        if _RESTORE.search(clause):
            continue
        if _GATE.search(clause):
            return clause
        still = _STILL.search(clause)
        if still and _GOES_ON.search(clause[still.end() :]):
            return clause
    return ""


def staff_route(control: Control) -> str:
    """What sends users to staff (客服, 邮件, 电话, 申请…) instead of a control, or ''."""
    for path in control.paths:
        for step in path.steps.zh:
            if STAFF_ROUTE.search(step):
                return step
    for text in (control.description.zh, control.effect.zh):
        found = STAFF_ROUTE.search(text)
        if found:
            return found.group(0)
    return ""


class OptionOffered(Rule):
    """Users get a non-personalised option or an off switch they can find on every platform.

    ## Why
    Article 17(1) requires either an option not aimed at personal characteristics or a
    convenient way to switch recommendation off. `user_controls.personalisation` records which
    one. An off switch is convenient only if users can find it, so it needs a menu path for
    every platform (from site.yaml `products[].platforms`) of every product the algorithm runs
    on, and it must be a control users operate themselves: a path through customer service, a
    phone call, an e-mail or an application (申请) is a request, not an option. A
    non-personalised option needs a `description`, and it fails when that text itself says it
    uses personal characteristics (「仍会结合你的位置、设备型号和搜索记录」): then it is not an
    option 「不针对其个人特征」. A negated mention («不使用你的兴趣») is what it should say.

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
    fix = (
        "在 `user_controls.personalisation` 写明 `kind`；关闭开关须是用户在产品内自己操作的开关，"
        "并为每个平台写出 `paths`；不针对个人特征的选项不得使用位置、设备、历史记录等个人特征"
    )

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        pers = algo.user_controls.personalisation
        path = ("user_controls", "personalisation")
        if pers is None:
            yield Hit(path)
            return
        if pers.kind == "off_switch":
            yield from path_hits(algo, pers, path, "关闭开关")
        elif not pers.description:
            yield Hit((*path, "description"), "不针对个人特征的选项缺少 `description` 说明")
        route = staff_route(pers)
        if route:
            yield Hit(
                path,
                f"关闭个性化推荐要经过「{route}」：联系客服、发邮件或提交申请不是便捷的关闭选项，"
                "用户须能在产品内自己关闭",
            )
        if pers.kind == "non_personalised_option":
            for field in ("description", "effect"):
                found = next(admissions(getattr(pers, field).zh, PERSONAL, USES), None)
                if found:
                    clause, term = found
                    yield Hit(
                        (*path, field),
                        f"「不针对个人特征」的选项自己写明使用了「{term}」（「{clause}」）："
                        "用到个人特征就不是该选项",
                    )
                    break


class StopsImmediately(Rule):
    """Switching recommendation off takes effect immediately.

    ## Why
    Article 17(1): once a user switches recommendation off, the provider must stop
    immediately. The off switch's `effect` must say so (立即、即时、马上…), and must not
    announce a delay such as 「7 天内生效」「24 小时后」「次日」 or 「下次登录后」, nor take the
    «immediately» back: a stop that waits for review (「经人工审核通过后关闭」) or personalisation
    that goes on (「但仍会参考你过去的观看记录」) is not an immediate stop. A clause about deleting
    data (「相关记录 15 天内删除」) has its own timeline, and one about switching back
    (「你可以在 30 天内一键恢复之前的设置」) offers a way back: neither is read as a delay.

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
        delay = delay_in(pers.effect.zh) or delay_in(pers.effect.en)
        condition = condition_in(pers.effect.zh)
        if delay:
            yield Hit(path, f"关闭开关的 `effect` 写有延迟「{delay}」，应当立即停止")
        elif condition:
            yield Hit(
                path,
                f"「{condition}」使停止有了条件或只停一部分：关闭后应当立即、完全停止个性化推荐",
            )
        elif not _IMMEDIATE.search(pers.effect.zh):
            yield Hit(path)
