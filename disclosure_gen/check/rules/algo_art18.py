"""Article 18: services for minors describe their protections, and push nothing harmful."""

from __future__ import annotations

import re
from collections.abc import Iterator

from disclosure_gen.check.findings import Severity
from disclosure_gen.check.rules import applicability
from disclosure_gen.check.rules.base import Citation, Hit, Rule
from disclosure_gen.check.rules.laws import ALGO
from disclosure_gen.content.model.algorithm import Algorithm

#: Concrete measures for minors: a mode, limits, age-appropriate content, guardians, review.
_MEASURES = re.compile(
    r"模式|适龄|时长|时段|夜间|分钟|小时|监护|家长|审核|不推荐|不推送|不展示|限制|防沉迷|打赏|充值|"
    r"广告|密码|年龄|实名|过滤|挑选|精选"
)
#: Article 18(2), first half: information that may harm minors is not pushed to them.
_HARMFUL = re.compile(
    r"不良|有害|不适宜|不适合|适龄|危险|不安全|模仿|违法|低俗|暴力|不健康|嗜好|审核"
)
#: Article 18(2), second half: no inducing addiction — limits on time and night use.
_ADDICTION = re.compile(r"沉迷|时长|时段|夜间|分钟|小时|休息|宵禁|防沉迷|提醒|停止推荐")


def minors_text(algo: Algorithm) -> str:
    """Everything the `minors` block says, joined (the mode's description counts too)."""
    if algo.minors is None:
        return ""
    return "\n".join((algo.minors.protections.zh, algo.minors.mode.zh))


class MinorsProtected(Rule):
    """A service used by minors says how it protects them.

    ## Why
    Article 18(1): providers serving minors must meet their protection duties, for example
    with a mode suited to minors. When the service serves minors — `flags.serves_minors`, or a
    product with `audience: [minors]` in site.yaml — `minors.protections` must describe what
    the algorithm does differently for them: a mode, age-appropriate content, time limits,
    guardians' controls. 「我们高度重视未成年人保护」 names no measure, and fails.

    ## Fails
    ```yaml
    flags: {serves_minors: true}
    minors:
      protections: {zh: 我们高度重视未成年人保护}
    ```

    ## Passes
    ```yaml
    flags: {serves_minors: true}
    minors:
      protections: {zh: 青少年模式下只推荐适龄内容，不使用个性化推荐，夜间无法使用}
    ```
    """

    code, name, severity = "A18-MINORS", "minors-protected", Severity.ERROR
    citation = Citation(
        ALGO,
        18,
        paragraph=1,
        quote="通过开发适合未成年人使用的模式、提供适合未成年人特点的服务等方式",
    )
    message = "服务面向未成年人，但没有说明保护措施：`minors.protections` 为空"
    fix = "在 `minors.protections` 说明未成年人模式、适龄内容、使用时长限制等具体措施"

    def applies(self, algo: Algorithm) -> bool:
        return applicability.minors(algo).applies

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        note = applicability.minors(algo).note()
        if algo.minors is None:
            yield Hit(("minors",), self.message + note)
        elif not algo.minors.protections:
            yield Hit(("minors", "protections"), self.message + note)
        elif not _MEASURES.search(minors_text(algo)):
            yield Hit(
                ("minors", "protections"),
                "未成年人保护只有表态，没有具体措施：没写模式、适龄内容、时长限制或监护人设置",
            )


class NoHarmToMinors(Rule):
    """A service used by minors says how it keeps harmful pushes and addiction away from them.

    ## Why
    Article 18(2) forbids pushing minors information that may lead them to imitate unsafe
    behaviour or to bad habits, and using recommendation to induce addiction. A disclosure for
    a service minors use must account for both: the `minors` texts have to say how harmful
    content is kept out (审核、适龄、不推送…) and how addiction is prevented (时长、夜间、
    防沉迷…). Either one missing fails, and the message names which.

    ## Fails
    ```yaml
    flags: {serves_minors: true}
    minors:
      protections: {zh: 青少年模式下每日使用不超过 40 分钟，夜间无法使用}
    ```

    ## Passes
    ```yaml
    flags: {serves_minors: true}
    minors:
      protections: {zh: 青少年模式下只推荐审核过的适龄内容，每日使用不超过 40 分钟，夜间无法使用}
    ```
    """

    code, name, severity = "A18-NO-HARM", "no-harm-to-minors", Severity.ERROR
    citation = Citation(ALGO, 18, paragraph=2, quote="不得利用算法推荐服务诱导未成年人沉迷网络")
    message = "面向未成年人的服务没有说明如何避免推送有害信息和诱导沉迷"
    fix = (
        "在 `minors.protections` 写明不向未成年人推送哪些信息、如何识别，以及使用时长、"
        "夜间使用等防沉迷措施"
    )

    def applies(self, algo: Algorithm) -> bool:
        return applicability.minors(algo).applies and algo.minors is not None

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        text = minors_text(algo)
        missing = [
            what
            for pattern, what in (
                (_HARMFUL, "不推送可能影响未成年人身心健康的信息"),
                (_ADDICTION, "不诱导沉迷（时长、夜间等限制）"),
            )
            if not pattern.search(text)
        ]
        if missing:
            yield Hit(
                ("minors", "protections"),
                f"未成年人保护没有说明{'和'.join(missing)}：第十八条第二款禁止这两件事，公示须交代怎样做到",
            )
