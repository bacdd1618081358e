"""Article 24 ¶3: de-registration within twenty working days of ending the service."""

from __future__ import annotations

from collections.abc import Iterator

from disclosure_gen.check.findings import Severity
from disclosure_gen.check.rules.algo_art24_changes import Deadline
from disclosure_gen.check.rules.base import Citation, Hit, Rule, RuleContext
from disclosure_gen.check.rules.laws import ALGO
from disclosure_gen.check.workdays import add_working_days
from disclosure_gen.content.model.algorithm import Algorithm

_END = "终止服务的，应当在终止服务之日起二十个工作日内办理注销备案手续"


def deregister_deadline(algo: Algorithm) -> Deadline | None:
    """The de-registration deadline of a terminated service, if its end date is recorded."""
    end = algo.filing.terminated_on
    if algo.filing.status != "terminated" or end is None:
        return None
    return Deadline(end, add_working_days(end, 20), "terminated_on")


def _end_text(d: Deadline) -> str:
    return (
        f"服务于 {d.event.isoformat()} 终止，注销备案须在二十个工作日内、"
        f"最迟 {d.due.due.isoformat()} 办理{d.estimate_note}"
    )


class Deregistered(Rule):
    """A terminated service is de-registered within 20 working days.

    ## Why
    Article 24(3): after the service ends, de-registration is due within twenty working days,
    counted on the official calendar. `filing.deregistered_on` later than that, or missing once
    the day has passed, fails. Before the day, A24-DEREGISTER-DUE warns with the date.

    ## Fails
    ```yaml
    filing:
      status: terminated
      terminated_on: "2026-01-05"
      deregistered_on: "2026-03-20"
    ```

    ## Passes
    ```yaml
    filing:
      status: terminated
      terminated_on: "2026-01-05"
      deregistered_on: "2026-01-30"
    ```
    """

    code, name, severity = "A24-DEREGISTER", "deregistered", Severity.ERROR
    citation = Citation(ALGO, 24, paragraph=3, quote=_END)
    message = "终止服务后未按期注销备案"
    fix = "在备案系统办理注销备案手续，并在 `filing.deregistered_on` 记下日期"

    def run(self, algo: Algorithm, ctx: RuleContext) -> Iterator[Hit]:
        d = deregister_deadline(algo)
        if d is None:
            return
        done = algo.filing.deregistered_on
        if done is not None and d.is_breach(done):
            yield Hit(
                ("filing", "deregistered_on"),
                f"{_end_text(d)}，实际于 {done.isoformat()} 注销，晚了 {d.late_by(done)} 个工作日",
            )
        elif done is None and d.is_breach(ctx.today):
            late = d.late_by(ctx.today)
            yield Hit(
                ("filing", "terminated_on"), f"{_end_text(d)}，尚未注销，已逾期 {late} 个工作日"
            )


class DeregistrationDue(Rule):
    """A pending de-registration is announced with its due date.

    ## Why
    Between the end of the service and the twentieth working day nothing is in breach yet;
    the warning names the last day (Article 24(3)) and says when that day is only a
    Monday-to-Friday estimate because the official calendar does not cover it.

    ## Fails
    ```yaml
    filing:
      status: terminated
      terminated_on: "2026-11-20"
    ```

    ## Passes
    ```yaml
    filing:
      status: terminated
      terminated_on: "2026-11-20"
      deregistered_on: "2026-11-24"
    ```
    """

    code, name, severity = "A24-DEREGISTER-DUE", "deregistration-due", Severity.WARNING
    citation = Citation(ALGO, 24, paragraph=3, quote=_END)
    message = "服务已终止，须按期注销备案"
    fix = Deregistered.fix

    def run(self, algo: Algorithm, ctx: RuleContext) -> Iterator[Hit]:
        d = deregister_deadline(algo)
        if d is None:
            return
        done = algo.filing.deregistered_on
        when = done or ctx.today
        path = ("filing", "deregistered_on" if done else "terminated_on")
        if done is None and not d.is_breach(ctx.today):
            yield Hit(path, f"{_end_text(d)}，尚未注销")
        elif not d.due.covered and d.late_by(when) > 0:
            yield Hit(path, d.estimate_text("注销备案"))
