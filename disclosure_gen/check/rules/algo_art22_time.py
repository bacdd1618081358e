"""Article 22: the complaint channel states a response time limit that is one."""

from __future__ import annotations

from collections.abc import Iterator

from disclosure_gen.check.findings import Severity
from disclosure_gen.check.rules.algo_art22 import channel_missing, hit
from disclosure_gen.check.rules.base import Citation, Hit, Rule
from disclosure_gen.check.rules.laws import ALGO
from disclosure_gen.content.model.algorithm import Algorithm
from disclosure_gen.content.model.rights import ResponseTime

_QUOTE = "明确处理流程和反馈时限"
#: The longest period the Provisions give anyone (Art. 25: 30 working days for the regulator to
#: decide on a filing). A reply promised later than that is no reading of 「及时」.
MAX_WORKING_DAYS = 30
#: Common practice, and the demo's limit; longer is allowed but worth a second look.
USUAL_WORKING_DAYS = 15


def working_days(limit: ResponseTime) -> float:
    """The limit in working days: five of every seven calendar days."""
    if limit.unit == "working_days":
        return float(limit.value)
    days = limit.value / 24 if limit.unit == "hours" else float(limit.value)
    return days * 5 / 7


class ComplaintResponseTime(Rule):
    """The complaint channel states a concrete response time limit that can be met promptly.

    ## Why
    Article 22 requires a clear 反馈时限 and prompt (及时) handling. `complaints.response_time`
    holds it as a number and a unit (hours, days or working days). Words such as 「尽快」 pass
    the format check only so that this rule can say why they fail: they are no time limit. A
    limit longer than 30 working days (the longest period the Provisions give anyone: the
    regulator's own 30 working days in Article 25) promises nothing 及时, and fails too.

    ## Fails
    ```yaml
    site:
      complaints:
        response_time: {value: 365, unit: days}
    ```

    ## Passes
    ```yaml
    site:
      complaints:
        response_time: {value: 15, unit: working_days}
    ```
    """

    code, name, severity = "A22-RESPONSE-TIME", "complaint-response-time", Severity.ERROR
    citation = Citation(ALGO, 22, quote=_QUOTE)
    message = "投诉举报渠道没有写明反馈时限：`complaints.response_time` 为空"
    fix = (
        "在 `complaints.response_time` 写明不超过 30 个工作日的具体时限，"
        "例如 `{value: 15, unit: working_days}`"
    )

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        if channel_missing(algo):
            return
        channel = algo.complaints
        limit = channel.response_time
        if channel.response_phrase:
            yield hit(
                algo,
                "response_time",
                f"反馈时限写成了「{channel.response_phrase}」：这不是时限，须写明多少小时或工作日内答复",
            )
        elif limit is None:
            yield hit(algo, "response_time")
        elif working_days(limit) > MAX_WORKING_DAYS:
            yield hit(
                algo,
                "response_time",
                f"反馈时限 {limit.label('zh')} 超过 {MAX_WORKING_DAYS} 个工作日，算不上及时反馈",
            )


class ComplaintResponsePrompt(Rule):
    """The response time limit is within common practice.

    ## Why
    Article 22 asks for prompt (及时) feedback but sets no number. Fifteen working days is
    common practice; a limit between that and the 30 working days A22-RESPONSE-TIME allows is
    legal but slow, so this heuristic warns and names the limit.

    ## Fails
    ```yaml
    site:
      complaints:
        response_time: {value: 30, unit: days}
    ```

    ## Passes
    ```yaml
    site:
      complaints:
        response_time: {value: 21, unit: days}
    ```
    """

    code, name, severity = "A22-RESPONSE-PROMPT", "complaint-response-prompt", Severity.WARNING
    citation = Citation(ALGO, 22, quote=_QUOTE)
    heuristic = True
    message = f"反馈时限超过 {USUAL_WORKING_DAYS} 个工作日"
    fix = f"把 `complaints.response_time` 缩短到 {USUAL_WORKING_DAYS} 个工作日以内"

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        limit = algo.complaints.response_time
        if limit is not None and USUAL_WORKING_DAYS < working_days(limit) <= MAX_WORKING_DAYS:
            yield hit(
                algo,
                "response_time",
                f"反馈时限 {limit.label('zh')} 超过常见的 {USUAL_WORKING_DAYS} 个工作日，"
                "用户要等很久（启发式：法律只要求及时）",
            )
