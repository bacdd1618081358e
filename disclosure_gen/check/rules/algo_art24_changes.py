"""Article 24 ¶2 and ¶3: change filings within 10 working days, de-registration within 20.

Deadlines run on the official working-day calendar (``workdays``). Before a deadline a rule
warns with the date; after it, it fails. Where the calendar does not cover the dates the due
date is a Monday-to-Friday estimate: the warning says so, and a result within
``_SLACK`` working days of the estimate stays a warning (an estimate cannot prove a breach).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from disclosure_gen.check.findings import Severity
from disclosure_gen.check.rules.base import Citation, Hit, Rule, RuleContext
from disclosure_gen.check.rules.laws import ALGO
from disclosure_gen.check.workdays import WorkdayResult, add_working_days, covered_years
from disclosure_gen.check.workdays import working_days_between as between
from disclosure_gen.content.disclosed import disclosure_hash
from disclosure_gen.content.model.algorithm import Algorithm

_CHANGE = "算法推荐服务提供者的备案信息发生变更的，应当在变更之日起十个工作日内办理变更手续"
_END = "终止服务的，应当在终止服务之日起二十个工作日内办理注销备案手续"
#: Working days by which an estimated (Mon–Fri) deadline may be missed before it is an error.
_SLACK = 2

HASH_PATH = ("filing", "disclosure_hash")


@dataclass(frozen=True)
class Deadline:
    """One computed deadline: the event date, the last allowed day, and where it came from."""

    event: date
    due: WorkdayResult
    source: str

    def late_by(self, day: date) -> int:
        """Working days ``day`` lies after the due date (0 or less: not late)."""
        return between(self.due.due, day)[0]

    def is_breach(self, day: date) -> bool:
        """Late, and either on the official calendar or later than the estimate's slack."""
        late = self.late_by(day)
        return late > 0 and (self.due.covered or late > _SLACK)

    def estimate_text(self, what: str) -> str:
        """Say that ``what``'s due date is an estimate."""
        return f"{what}的到期日 {self.due.due.isoformat()} 是估算{self.estimate_note}"

    @property
    def estimate_note(self) -> str:
        if self.due.covered:
            return ""
        first, last = covered_years()
        return f"（官方节假日日历仅覆盖 {first}–{last} 年，到期日按周一至周五估算）"


def _last_filed(algo: Algorithm) -> date | None:
    dates = [algo.filing.filed_on, *(c.filed_on for c in algo.filing.changes)]
    return max((d for d in dates if d), default=None)


def change_deadline(algo: Algorithm) -> Deadline | None:
    """The pending change filing of a filed algorithm whose disclosure no longer matches.

    ``None`` when nothing is pending: not filed, no recorded hash, the hash matches, or a filed
    change entry is newer than every version. A deadline with no known event date cannot
    exist, so an unknown change date is reported separately (see :func:`change_unknown`).
    """
    filing = algo.filing
    if filing.status != "filed" or not filing.disclosure_hash:
        return None
    if filing.disclosure_hash == disclosure_hash(algo):
        return None
    newest = max(filing.changes, key=lambda c: c.changed_on, default=None)
    if newest is not None and newest.filed_on is None:
        # An explicit, not yet filed change entry names the change date.
        return Deadline(newest.changed_on, add_working_days(newest.changed_on, 10), "changes")
    since = _last_filed(algo)
    later = [v.date for v in algo.versions if since is None or v.date > since]
    if not later:
        return None
    # The newest version after the last filing: the hash cannot tell which version changed the
    # filed fields, and the newest one gives the latest possible deadline, so no false error.
    changed = max(later)
    return Deadline(changed, add_working_days(changed, 10), "versions")


def change_unknown(algo: Algorithm) -> bool:
    """The disclosure differs from the filing, but nothing records when it changed."""
    filing = algo.filing
    if filing.status != "filed" or not filing.disclosure_hash:
        return False
    if filing.disclosure_hash == disclosure_hash(algo) or change_deadline(algo) is not None:
        return False
    # A filed change entry newer than every version covers the difference.
    return not any(c.filed_on for c in filing.changes)


def _change_text(d: Deadline) -> str:
    origin = "`filing.changes`" if d.source == "changes" else "`versions` 中备案后最新的版本"
    return (
        f"公示内容与备案时的指纹 `filing.disclosure_hash` 不一致；变更日期 {d.event.isoformat()}"
        f"（取自{origin}），须在十个工作日内、最迟 {d.due.due.isoformat()} 办理变更手续"
        f"{d.estimate_note}"
    )


class ChangeFiled(Rule):
    """A change to the filed disclosure is filed within 10 working days.

    ## Why
    Article 24(2) gives ten working days from a change of the filed information to file the
    change. The 拟公示内容 (name, principles, mechanisms, scenarios, purpose) is filed
    information, so `filing.disclosure_hash` records its fingerprint at filing time
    (`disclosure-gen filing-hash`). When the current text no longer matches, and no filed
    `filing.changes` entry covers it, the change date is the newest unfiled `changes` entry or
    the newest `versions` date after the last filing. This rule fails once the tenth working day
    on the official calendar has passed, or when no change date is recorded at all; before that,
    A24-CHANGE-DUE warns with the date.

    ## Fails
    ```yaml
    filing:
      status: filed
      number: 网信算备330106987654302260013号
      filed_on: "2026-03-02"
      disclosure_hash: "0000000000000000000000000000000000000000000000000000000000000000"
    versions:
      - {version: "1.0", date: "2026-01-01", changes: {zh: 首次公示}}
      - {version: "1.1", date: "2026-09-30", changes: {zh: 改写基本原理}}
    ```

    ## Passes
    ```yaml
    filing:
      status: filed
      number: 网信算备330106987654302260013号
      filed_on: "2026-03-02"
      disclosure_hash: "0000000000000000000000000000000000000000000000000000000000000000"
      changes:
        - {changed_on: "2026-09-30", filed_on: "2026-10-12", summary: {zh: 改写基本原理}}
    versions:
      - {version: "1.0", date: "2026-01-01", changes: {zh: 首次公示}}
      - {version: "1.1", date: "2026-09-30", changes: {zh: 改写基本原理}}
    ```
    """

    code, name, severity = "A24-CHANGE-FILING", "change-filed", Severity.ERROR
    citation = Citation(ALGO, 24, paragraph=2, quote=_CHANGE)
    message = "公示内容已变更，变更备案已逾期"
    fix = (
        "在备案系统办理变更手续，在 `filing.changes` 记下 `changed_on` 和 `filed_on`，"
        "再用 `disclosure-gen filing-hash` 更新 `filing.disclosure_hash`"
    )

    def run(self, algo: Algorithm, ctx: RuleContext) -> Iterator[Hit]:
        if change_unknown(algo):
            yield Hit(
                HASH_PATH,
                "公示内容与备案时的指纹 `filing.disclosure_hash` 不一致，但没有记录变更日期",
            )
            return
        d = change_deadline(algo)
        if d is not None and d.is_breach(ctx.today):
            late = d.late_by(ctx.today)
            yield Hit(HASH_PATH, f"{_change_text(d)}，已逾期 {late} 个工作日")


class ChangeFilingDue(Rule):
    """A pending change filing is announced with its due date.

    ## Why
    Before the tenth working day nothing is in breach, and the changed disclosure should still
    be published, so this is a warning that names the last day (Article 24(2)); it turns into
    A24-CHANGE-FILING afterwards. It also warns when the official holiday calendar does not
    cover the dates and the due date is only a Monday-to-Friday estimate.

    ## Fails
    ```yaml
    filing:
      status: filed
      number: 网信算备330106987654302260013号
      filed_on: "2026-03-02"
      disclosure_hash: "0000000000000000000000000000000000000000000000000000000000000000"
      changes:
        - {changed_on: "2026-11-20", summary: {zh: 改写基本原理}}
    ```

    ## Passes
    ```yaml
    filing:
      status: filed
      number: 网信算备330106987654302260013号
      filed_on: "2026-03-02"
      disclosure_hash: "0000000000000000000000000000000000000000000000000000000000000000"
      changes:
        - {changed_on: "2026-11-20", filed_on: "2026-11-24", summary: {zh: 改写基本原理}}
    ```
    """

    code, name, severity = "A24-CHANGE-DUE", "change-filing-due", Severity.WARNING
    citation = Citation(ALGO, 24, paragraph=2, quote=_CHANGE)
    message = "公示内容已变更，须按期办理变更备案"
    fix = ChangeFiled.fix

    def run(self, algo: Algorithm, ctx: RuleContext) -> Iterator[Hit]:
        d = change_deadline(algo)
        if d is None:
            return
        if not d.is_breach(ctx.today):
            yield Hit(HASH_PATH, _change_text(d))
        elif not d.due.covered:
            yield Hit(HASH_PATH, d.estimate_text("变更备案"))


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
