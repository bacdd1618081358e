"""Article 24 ¶2: change filings within 10 working days, and the fingerprint that shows them.

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


@dataclass(frozen=True)
class ChangeState:
    """Where a filed algorithm stands against its fingerprint (computed once per rule run)."""

    #: The text no longer matches `filing.disclosure_hash`.
    differs: bool
    #: The pending change filing, when a change date is known.
    deadline: Deadline | None
    #: The text differs and nothing records when it changed.
    unknown: bool
    #: The text differs although a filed change covers every version: the hash is stale.
    stale: bool


def change_state(algo: Algorithm) -> ChangeState:
    """Compare the current text with the recorded fingerprint and date any pending change.

    Nothing is pending when the algorithm is not filed, records no hash or matches it. A
    deadline with no known event date cannot exist, so an unknown change date is its own state.
    """
    filing = algo.filing
    if filing.status != "filed" or not filing.disclosure_hash:
        return ChangeState(False, None, False, False)
    if filing.disclosure_hash == disclosure_hash(algo):
        return ChangeState(False, None, False, False)
    deadline = _pending(algo)
    if deadline is not None:
        return ChangeState(True, deadline, False, False)
    # A filed change entry newer than every version covers the difference, but then the
    # recorded fingerprint should have been updated with that filing.
    covered = any(c.filed_on for c in filing.changes)
    return ChangeState(True, None, not covered, covered)


def _pending(algo: Algorithm) -> Deadline | None:
    newest = max(algo.filing.changes, key=lambda c: c.changed_on, default=None)
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
    A24-CHANGE-DUE warns with the date. A recorded change filed late fails as well: every
    `filing.changes` entry's `filed_on` must be within ten working days of its `changed_on`.

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
        yield from _late_changes(algo)
        state = change_state(algo)
        if state.unknown:
            yield Hit(
                HASH_PATH,
                "公示内容与备案时的指纹 `filing.disclosure_hash` 不一致，但没有记录变更日期",
            )
            return
        d = state.deadline
        if d is not None and d.is_breach(ctx.today):
            late = d.late_by(ctx.today)
            yield Hit(HASH_PATH, f"{_change_text(d)}，已逾期 {late} 个工作日")


def _late_changes(algo: Algorithm) -> Iterator[Hit]:
    """A hit for each recorded change whose filing came after its ten working days."""
    for i, change in enumerate(algo.filing.changes):
        # Ten calendar days never hold more than ten working days: no calendar needed.
        if change.filed_on is None or (change.filed_on - change.changed_on).days <= 10:
            continue
        d = Deadline(change.changed_on, add_working_days(change.changed_on, 10), "changes")
        if d.is_breach(change.filed_on):
            yield Hit(
                ("filing", "changes", i, "filed_on"),
                f"变更于 {change.changed_on.isoformat()}，须在十个工作日内、最迟 "
                f"{d.due.due.isoformat()} 办理变更手续，实际于 {change.filed_on.isoformat()} "
                f"办理，晚了 {d.late_by(change.filed_on)} 个工作日{d.estimate_note}",
            )


class FilingFingerprinted(Rule):
    """A filed algorithm records the fingerprint of what was filed.

    ## Why
    Article 24(2) requires a change filing within ten working days whenever filed information
    changes, and the 拟公示内容 is filed information. Only `filing.disclosure_hash` (from
    `disclosure-gen filing-hash`, taken when the filing or the last change filing went through)
    lets `check` tell whether the published text is still the filed one; without it a changed
    text would pass unnoticed, so change detection cannot be left out of a filed algorithm.

    ## Fails
    ```yaml
    filing:
      status: filed
      number: 网信算备330106987654302260013号
      filed_on: "2026-03-02"
    ```

    ## Passes
    ```yaml
    filing:
      status: filed
      number: 网信算备330106987654302260013号
      filed_on: "2026-03-02"
      disclosure_hash: "0000000000000000000000000000000000000000000000000000000000000000"
    ```
    """

    code, name, severity = "A24-FILING-HASH", "filing-fingerprinted", Severity.ERROR
    citation = Citation(ALGO, 24, paragraph=2, quote=_CHANGE)
    message = (
        "已备案，但没有记录备案时公示内容的指纹 `filing.disclosure_hash`："
        "无法发现未办理变更备案的改动"
    )
    fix = "用 `disclosure-gen filing-hash` 计算与备案内容一致的指纹，写入 `filing.disclosure_hash`"

    def applies(self, algo: Algorithm) -> bool:
        return algo.filing.status == "filed"

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        if not algo.filing.disclosure_hash:
            yield Hit(HASH_PATH)


class ChangeFilingDue(Rule):
    """A pending change filing is announced with its due date.

    ## Why
    Before the tenth working day nothing is in breach, and the changed disclosure should still
    be published, so this is a warning that names the last day (Article 24(2)); it turns into
    A24-CHANGE-FILING afterwards. It also warns when the official holiday calendar does not
    cover the dates and the due date is only a Monday-to-Friday estimate, and when the text no
    longer matches `filing.disclosure_hash` although the last change was filed: either the
    fingerprint was not updated after that filing, or the text changed again since.

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
      status: pending
      submitted_on: "2026-01-12"
      service_started_on: "2026-01-05"
    ```
    """

    code, name, severity = "A24-CHANGE-DUE", "change-filing-due", Severity.WARNING
    citation = Citation(ALGO, 24, paragraph=2, quote=_CHANGE)
    message = "公示内容已变更，须按期办理变更备案"
    fix = ChangeFiled.fix

    def run(self, algo: Algorithm, ctx: RuleContext) -> Iterator[Hit]:
        state = change_state(algo)
        d = state.deadline
        if d is None:
            if state.stale:
                yield Hit(
                    HASH_PATH,
                    "公示内容与 `filing.disclosure_hash` 不一致，而最近的变更已备案：若当前内容就是"
                    "备案的内容，用 `disclosure-gen filing-hash` 更新指纹；否则记录新的变更",
                )
            return
        if not d.is_breach(ctx.today):
            yield Hit(HASH_PATH, _change_text(d))
        elif not d.due.covered:
            yield Hit(HASH_PATH, d.estimate_text("变更备案"))
