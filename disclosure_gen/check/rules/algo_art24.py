"""Article 24: providers with public-opinion attributes file, and the filing is recorded."""

from __future__ import annotations

from collections.abc import Iterator

from disclosure_gen.check.findings import Severity
from disclosure_gen.check.rules.base import Citation, Hit, Rule
from disclosure_gen.check.rules.laws import ALGO
from disclosure_gen.content.model.algorithm import Algorithm

#: Which dates and numbers each filing status must record, with their Chinese labels.
_REQUIRED = {
    "filed": (("number", "备案编号"), ("filed_on", "备案日期")),
    "pending": (("submitted_on", "提交日期"),),
    "terminated": (("terminated_on", "终止服务日期"),),
}


class FilingRequired(Rule):
    """A service with public-opinion attributes or mobilisation capability is filed.

    ## Why
    Article 24(1): providers 「具有舆论属性或者社会动员能力」 must file through the algorithm
    filing system. When `flags.public_opinion_or_mobilization` is set, `filing.status` must be
    `pending` or `filed` (or `terminated` once the service has ended), not `not_required` or
    missing. Deadlines are checked elsewhere.

    ## Fails
    ```yaml
    flags: {public_opinion_or_mobilization: true}
    ```

    ## Passes
    ```yaml
    flags: {public_opinion_or_mobilization: true}
    filing:
      status: pending
      submitted_on: "2026-01-05"
    ```
    """

    code, name, severity = "A24-FILING-STATUS", "filing-required", Severity.ERROR
    citation = Citation(
        ALGO,
        24,
        paragraph=1,
        quote="具有舆论属性或者社会动员能力的算法推荐服务提供者应当在提供服务之日起十个工作日内"
        "通过互联网信息服务算法备案系统",
    )
    message = "服务具有舆论属性或者社会动员能力，但 `filing.status` 不是 `pending` 或 `filed`"
    fix = "通过算法备案系统履行备案手续，并把 `filing.status` 改为 `pending` 或 `filed`"

    def applies(self, algo: Algorithm) -> bool:
        return algo.flags.public_opinion_or_mobilization

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        status = algo.filing.status
        if not status:
            yield Hit(("filing",), "服务具有舆论属性或者社会动员能力，但没有 `filing` 备案信息")
        elif status not in ("pending", "filed", "terminated"):
            yield Hit(("filing", "status"))


class FilingRecorded(Rule):
    """The filing records what its status implies: number and date, or submission, or end.

    ## Why
    Article 24 makes filing, changing and de-registering duties with dates attached, and
    Article 25 issues a number on filing. A `filed` entry needs `number` and `filed_on`; a
    `pending` one needs `submitted_on`; a `terminated` one needs `terminated_on`. Without them
    neither the public page nor the deadline checks can work.

    ## Fails
    ```yaml
    filing:
      status: filed
      number: 网信算备110108823483902220017号
    ```

    ## Passes
    ```yaml
    filing:
      status: pending
      submitted_on: "2026-01-05"
    ```
    """

    code, name, severity = "A24-FILING-DETAILS", "filing-recorded", Severity.ERROR
    citation = Citation(ALGO, 24, quote="履行备案手续")
    message = "备案信息不完整"
    fix = "按 `filing.status` 补全：已备案写 `number` 和 `filed_on`，备案中写 `submitted_on`"

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        filing = algo.filing
        for key, label in _REQUIRED.get(filing.status, ()):
            if not getattr(filing, key):
                yield Hit(
                    ("filing", key),
                    f"`filing.status` 为 `{filing.status}`，但缺少{label} `filing.{key}`",
                )
