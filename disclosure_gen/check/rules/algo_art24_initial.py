"""Article 24 ¶1: the first filing within ten working days of starting the service."""

from __future__ import annotations

from collections.abc import Iterator

from disclosure_gen.check.findings import Severity
from disclosure_gen.check.rules.algo_art24_changes import Deadline
from disclosure_gen.check.rules.base import Citation, Hit, Rule, RuleContext
from disclosure_gen.check.rules.laws import ALGO
from disclosure_gen.check.workdays import add_working_days
from disclosure_gen.content.model.algorithm import Algorithm

_QUOTE = "应当在提供服务之日起十个工作日内通过互联网信息服务算法备案系统"
_START = ("filing", "service_started_on")


def initial_deadline(algo: Algorithm) -> Deadline | None:
    """The first filing's deadline, when the file says filing applies and when service began."""
    start = algo.filing.service_started_on
    if start is None or not _filing_applies(algo):
        return None
    return Deadline(start, add_working_days(start, 10), "service_started_on")


def _filing_applies(algo: Algorithm) -> bool:
    return algo.flags.public_opinion_or_mobilization or algo.filing.status in ("pending", "filed")


def _text(d: Deadline) -> str:
    return (
        f"服务于 {d.event.isoformat()} 开始提供，首次备案须在十个工作日内、"
        f"最迟 {d.due.due.isoformat()} 提交{d.estimate_note}"
    )


class InitialFiled(Rule):
    """The first filing was submitted within ten working days of starting the service.

    ## Why
    Article 24(1) gives a provider with public-opinion attributes or mobilisation capability
    ten working days from the day it starts providing the service to file. When filing
    applies (the flag, or a filing `pending` or `filed`), `filing.service_started_on` must be
    recorded, and `filing.submitted_on` must be no later than the tenth working day after it
    on the official calendar. Not yet submitted once that day has passed fails too; before it,
    A24-INITIAL-DUE warns with the date.

    ## Fails
    ```yaml
    filing:
      status: pending
      service_started_on: "2026-09-01"
      submitted_on: "2026-10-30"
    ```

    ## Passes
    ```yaml
    filing:
      status: pending
      service_started_on: "2026-09-01"
      submitted_on: "2026-09-10"
    ```
    """

    code, name, severity = "A24-INITIAL-FILING", "initial-filing-on-time", Severity.ERROR
    citation = Citation(ALGO, 24, paragraph=1, quote=_QUOTE)
    message = "首次备案晚于开始提供服务后的十个工作日"
    fix = (
        "在 `filing.service_started_on` 记下开始提供服务的日期，并在其后十个工作日内提交备案，"
        "在 `filing.submitted_on` 记下提交日期"
    )

    def run(self, algo: Algorithm, ctx: RuleContext) -> Iterator[Hit]:
        filing = algo.filing
        if filing.status in ("pending", "filed") and filing.service_started_on is None:
            yield Hit(
                _START,
                "没有记录开始提供服务的日期 `filing.service_started_on`：无法核对首次备案是否在"
                "十个工作日内提交",
            )
            return
        start, submitted = filing.service_started_on, filing.submitted_on
        if start is not None and submitted is not None and (submitted - start).days <= 10:
            # Ten calendar days never hold more than ten working days: no calendar needed.
            return
        d = initial_deadline(algo)
        if d is None:
            return
        if submitted is not None:
            if d.is_breach(submitted):
                yield Hit(
                    ("filing", "submitted_on"),
                    f"{_text(d)}，实际于 {submitted.isoformat()} 提交，"
                    f"晚了 {d.late_by(submitted)} 个工作日",
                )
        elif filing.status == "filed":
            if filing.filed_on is None or d.is_breach(filing.filed_on):
                yield Hit(
                    ("filing", "submitted_on"),
                    f"{_text(d)}；已备案但没有记录提交日期 `filing.submitted_on`，无法核对",
                )
        elif d.is_breach(ctx.today):
            yield Hit(_START, f"{_text(d)}，尚未提交，已逾期 {d.late_by(ctx.today)} 个工作日")


class InitialFilingDue(Rule):
    """A first filing not yet submitted is announced with its due date.

    ## Why
    Between the start of the service and the tenth working day nothing is in breach yet; the
    warning names the last day (Article 24(1)) so that the filing is not forgotten, and turns
    into A24-INITIAL-FILING afterwards.

    ## Fails
    ```yaml
    flags: {public_opinion_or_mobilization: true}
    filing:
      status: not_required
      service_started_on: "2026-11-20"
    ```

    ## Passes
    ```yaml
    flags: {public_opinion_or_mobilization: true}
    filing:
      status: pending
      service_started_on: "2026-11-20"
      submitted_on: "2026-11-24"
    ```
    """

    code, name, severity = "A24-INITIAL-DUE", "initial-filing-due", Severity.WARNING
    citation = Citation(ALGO, 24, paragraph=1, quote=_QUOTE)
    message = "服务已开始提供，须按期提交首次备案"
    fix = InitialFiled.fix

    def run(self, algo: Algorithm, ctx: RuleContext) -> Iterator[Hit]:
        if algo.filing.submitted_on is not None or algo.filing.status == "filed":
            return
        d = initial_deadline(algo)
        if d is not None and not d.is_breach(ctx.today):
            yield Hit(_START, f"{_text(d)}，尚未提交")
