"""Article 17(3): an algorithm with a significant impact on users must be explained."""

from __future__ import annotations

import re
from collections.abc import Iterator

from disclosure_gen.check.findings import Severity
from disclosure_gen.check.rules import applicability
from disclosure_gen.check.rules.base import Citation, Hit, Rule
from disclosure_gen.check.rules.laws import ALGO
from disclosure_gen.content.model.algorithm import Algorithm

#: What makes a channel findable: a menu path, a named entry, an address or a number.
_FINDABLE = re.compile(
    r"→|->|＞|>|»|「|『|@|\d{3,}|页|入口|按钮|菜单|设置|选择|点击|点|热线|电话|邮箱|邮件|在线|提交|"
    r"填写|App|APP|小程序|公众号|网站|窗口|柜台"
)


class ExplanationOffered(Rule):
    """Where the algorithm significantly affects users, there is a way to get an explanation.

    ## Why
    Article 17(3): an algorithm with a significant impact on users' rights must be explained
    (依法予以说明), and PIPL Article 24(3) gives individuals the right to ask. When the impact is
    significant — `flags.significant_impact`, or the file shows it: the algorithm sets workers'
    pay (`workers.pay`), takes part in pricing (`pricing.features`) or decides credit — an
    `explanation.channel` is needed, in the algorithm file or shared in site.yaml. It must say
    where to ask: a menu path, a named entry, an address or a number (or `explanation.url`);
    「如有疑问请联系我们」 names none.

    ## Fails
    ```yaml
    flags: {significant_impact: true}
    ```

    ## Passes
    ```yaml
    flags: {significant_impact: true}
    explanation:
      channel: {zh: 在「帮助与反馈」中选择「申请说明」}
    ```
    """

    code, name, severity = "A17-EXPLAIN", "explanation-offered", Severity.ERROR
    citation = Citation(
        ALGO, 17, paragraph=3, quote="应用算法对用户权益造成重大影响的，应当依法予以说明"
    )
    message = "算法对用户权益有重大影响，但没有说明渠道：`explanation.channel` 为空"
    fix = "在 `explanation.channel`（或 site.yaml 的 `explanation`）写明用户如何申请说明"

    def applies(self, algo: Algorithm) -> bool:
        return applicability.significant_impact(algo).applies

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        note = applicability.significant_impact(algo).note()
        explanation = algo.explanation
        if explanation is None or not explanation.channel:
            yield Hit(("explanation",), self.message + note)
            return
        inherited = explanation is algo.site.explanation
        if not explanation.url and not _FINDABLE.search(explanation.channel.zh):
            yield Hit(
                ("explanation", "channel"),
                "说明渠道没有写在哪里申请：没有菜单路径、入口名称、地址或电话，用户找不到" + note,
                in_site=inherited,
            )
