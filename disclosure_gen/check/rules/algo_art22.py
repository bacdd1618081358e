"""Article 22: a complaint entry, a handling process and a response time limit."""

from __future__ import annotations

from collections.abc import Iterator

from disclosure_gen.check.findings import Severity
from disclosure_gen.check.rules.base import Citation, Hit, Rule
from disclosure_gen.check.rules.laws import ALGO
from disclosure_gen.content.model.algorithm import Algorithm


def _hit(algo: Algorithm, key: str, message: str = "") -> Hit:
    # The algorithm's own channel replaces the site's; otherwise the site's is at fault.
    return Hit(("complaints", key), message, in_site=algo.own_complaints is None)


class ComplaintChannel(Rule):
    """Users can find where to complain and how the complaint will be handled.

    ## Why
    Article 22 requires convenient, effective entries for users' appeals and the public's
    complaints and reports, and a clear handling process. The channel is the algorithm's own
    `complaints` or, when absent, the shared one in site.yaml; it needs an `entry` (or a `url`
    or `phone`) and a `process`.

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
    fix = "在 `complaints`（或 site.yaml 的 `complaints`）写明入口 `entry` 和处理流程 `process`"

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        channel = algo.complaints
        if not (channel.entry or channel.url or channel.phone):
            yield _hit(algo, "entry", "没有投诉举报入口：`complaints.entry` 为空")
        if not channel.process:
            yield _hit(algo, "process", "没有说明处理流程：`complaints.process` 为空")


class ComplaintResponseTime(Rule):
    """The complaint channel states a concrete response time limit.

    ## Why
    Article 22 requires a clear 反馈时限. `complaints.response_time` holds it as a number and
    a unit (hours, days or working days), so it is concrete by construction; a phrase such as
    「尽快」 cannot be entered.

    ## Fails
    ```yaml
    site:
      complaints:
        response_time: null
    ```

    ## Passes
    ```yaml
    site:
      complaints:
        response_time: {value: 15, unit: working_days}
    ```
    """

    code, name, severity = "A22-RESPONSE-TIME", "complaint-response-time", Severity.ERROR
    citation = Citation(ALGO, 22, quote="明确处理流程和反馈时限")
    message = "投诉举报渠道没有写明反馈时限：`complaints.response_time` 为空"
    fix = "在 `complaints.response_time` 写明具体时限，例如 `{value: 15, unit: working_days}`"

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        if algo.complaints.response_time is None:
            yield _hit(algo, "response_time")
