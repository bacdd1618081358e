"""Article 22: a convenient complaint entry and a handling process that names its steps."""

from __future__ import annotations

import re
from collections.abc import Iterator

from disclosure_gen.check.findings import Severity
from disclosure_gen.check.rules.base import Citation, Hit, Rule
from disclosure_gen.check.rules.laws import ALGO
from disclosure_gen.content.model.algorithm import Algorithm
from disclosure_gen.content.model.rights import Complaints

#: The steps a handling process names: receiving, looking into it, replying. A process that
#: names fewer than two of them («我们会认真处理») does not make the process clear.
_STEPS = (
    re.compile(r"受理|登记|编号|收到|接收|提交后"),
    re.compile(r"核实|调查|核查|审核|复核|评估|判断|处理人|专人"),
    re.compile(r"答复|回复|告知|通知|(?:处理|反馈)结果|理由|反馈给"),
)
#: Post only: a letter is not a convenient entry when nothing online or by phone exists.
_POSTAL = re.compile(r"邮寄|寄送|寄至|信函|来信|邮政|书面材料")
_ONLINE = re.compile(
    r"→|App|APP|页面|在线|网页|网站|邮箱|电子邮件|邮件(?!寄)|@|客服|热线|电话|小程序|公众号|入口|按钮"
)


def hit(algo: Algorithm, key: str, message: str = "") -> Hit:
    """A hit on the effective channel's ``key``: the algorithm's own, or site.yaml's."""
    return Hit(("complaints", key), message, in_site=algo.own_complaints is None)


def _postal_only(channel: Complaints) -> bool:
    """The only way in is a letter: no url, no phone, nothing online in the entry."""
    if channel.url or channel.phone:
        return False
    entry = channel.entry.zh
    return bool(_POSTAL.search(entry)) and not _ONLINE.search(entry)


def channel_missing(algo: Algorithm) -> bool:
    """Neither the algorithm file nor site.yaml declares a complaint channel."""
    return algo.own_complaints is None and algo.site.complaints == Complaints()


class ComplaintChannel(Rule):
    """Users can find where to complain and how the complaint will be handled.

    ## Why
    Article 22 requires convenient, effective entries for users' appeals and the public's
    complaints and reports, and a clear handling process. The channel is the algorithm's own
    `complaints` or, when absent, the shared one in site.yaml; it needs an `entry` (or a `url`
    or `phone`) and a `process`. Convenient means reachable where users are: an entry that is
    a postal address only (no url, no phone, nothing in the app or by e-mail) fails. Clear
    means the process names its steps — at least two of receiving (受理、编号), looking into it
    (核实、调查) and replying (答复、告知结果); 「我们会认真处理」 names none.

    ## Fails
    ```yaml
    site:
      complaints:
        process: null
    ```

    ## Passes
    ```yaml
    complaints:
      entry: {zh: 我的 → 帮助与反馈 → 推荐问题}
      process: {zh: 受理后核实情况，并在时限内答复}
      response_time: {value: 10, unit: working_days}
    ```
    """

    code, name, severity = "A22-COMPLAINTS", "complaint-channel", Severity.ERROR
    citation = Citation(ALGO, 22, quote="设置便捷有效的用户申诉和公众投诉、举报入口，明确处理流程")
    message = "投诉举报渠道不完整"
    fix = (
        "在 `complaints`（或 site.yaml 的 `complaints`）写明产品内或线上的入口 `entry`，"
        "以及受理、核实、答复各步骤的处理流程 `process`"
    )

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        if channel_missing(algo):
            yield Hit(
                ("complaints",),
                "site.yaml 没有投诉举报渠道 `complaints`："
                "第二十二条要求写明入口、处理流程和反馈时限",
                in_site=True,
            )
            return
        channel = algo.complaints
        if not (channel.entry or channel.url or channel.phone):
            yield hit(algo, "entry", "没有投诉举报入口：`complaints.entry` 为空")
        elif _postal_only(channel):
            yield hit(
                algo,
                "entry",
                "投诉只能邮寄书面材料：没有产品内、网上或电话入口，不是便捷的投诉渠道",
            )
        if not channel.process:
            yield hit(algo, "process", "没有说明处理流程：`complaints.process` 为空")
        elif sum(1 for step in _STEPS if step.search(channel.process.zh)) < 2:
            yield hit(
                algo,
                "process",
                "处理流程只有表态：没写受理、核实、答复等步骤中的至少两步",
            )
