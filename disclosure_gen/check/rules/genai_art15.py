"""生成式人工智能服务管理暂行办法 第十五条: a report channel with its process and time limit."""

from __future__ import annotations

from collections.abc import Iterator

from disclosure_gen.check.findings import Severity
from disclosure_gen.check.rules.base import Citation, Hit, Rule
from disclosure_gen.check.rules.laws import GENAI
from disclosure_gen.content.model.algorithm import Algorithm


class ReportChannel(Rule):
    """An AI feature's own report channel (for unlabelled content) is complete.

    ## Why
    Article 15 of the generative-AI measures: 「设置便捷的投诉、举报入口，公布处理流程和反馈时限」.
    Without `generative.reporting`, the feature's page sends reports of unlabelled content to
    the algorithm's complaint channel, which A22-COMPLAINTS checks. A feature that declares a
    channel of its own must give all three: an entry (or `url`/`phone`), the `process` and the
    `response_time`.

    ## Fails
    ```yaml
    generative:
      outputs: [image]
      reporting:
        entry: {zh: 作品页「举报」→「AI 内容未标识」}
    ```

    ## Passes
    ```yaml
    generative:
      outputs: [image]
      reporting:
        entry: {zh: 作品页「举报」→「AI 内容未标识」}
        process: {zh: 核实后补上标识或下架内容，并告知结果}
        response_time: {value: 5, unit: working_days}
    ```
    """

    code, name, severity = "GAI15-REPORTING", "genai-report-channel", Severity.ERROR
    citation = Citation(GENAI, 15, quote="设置便捷的投诉、举报入口，公布处理流程和反馈时限")
    message = "生成内容的举报渠道不完整"
    fix = (
        "在 `generative.reporting` 写明入口 `entry`、处理流程 `process` 和反馈时限 `response_time`"
    )

    def applies(self, algo: Algorithm) -> bool:
        return algo.generative is not None and algo.generative.reporting is not None

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        assert algo.generative is not None and algo.generative.reporting is not None
        channel = algo.generative.reporting
        path = ("generative", "reporting")
        if not (channel.entry or channel.url or channel.phone):
            yield Hit((*path, "entry"), "没有举报入口：`generative.reporting.entry` 为空")
        if not channel.process:
            yield Hit((*path, "process"), "没有公布处理流程：`generative.reporting.process` 为空")
        if channel.response_time is None:
            yield Hit(
                (*path, "response_time"),
                "没有公布反馈时限：`generative.reporting.response_time` 为空",
            )
