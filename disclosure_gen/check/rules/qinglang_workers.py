"""清朗 2024 campaign, task 3: delivery workers see the rules and can appeal (warnings)."""

from __future__ import annotations

from collections.abc import Iterator

from disclosure_gen.check.findings import Severity
from disclosure_gen.check.rules.base import Citation, Hit, Rule
from disclosure_gen.check.rules.laws import QINGLANG
from disclosure_gen.content.model.algorithm import Algorithm

_PUBLISH = (
    ("time_estimation", "时间预估"),
    ("fee_calculation", "费用计算"),
    ("route_planning", "路线规划"),
)
#: The uncontrollable factors task 3 names, as `workers.appeals.covers` values.
_FACTORS = (
    ("traffic_control", "交通管制"),
    ("traffic_accident", "交通事故"),
    ("severe_weather", "恶劣天气"),
)


class WorkerRulesPublished(Rule):
    """Time estimation, fee calculation and route planning are published in detail.

    ## Why
    The 清朗 campaign (task 3) asks for 「详细公示时间预估、费用计算、路线规划等算法规则」.
    When `flags.dispatches_workers` is set, `workers.time_estimation`,
    `workers.fee_calculation` and `workers.route_planning` must be described. A campaign is
    not binding, so this is a warning.

    ## Fails
    ```yaml
    flags: {dispatches_workers: true}
    workers:
      time_estimation: {zh: 取几种估算中最长的一个}
    ```

    ## Passes
    ```yaml
    flags: {dispatches_workers: true}
    workers:
      time_estimation: {zh: 取几种估算中最长的一个}
      fee_calculation: {zh: 配送费由距离、时段和天气决定}
      route_planning: {zh: 只走允许非机动车通行的道路}
    ```
    """

    code, name, severity = "QL-WORKER-PUBLISH", "worker-rules-published", Severity.WARNING
    citation = Citation(QINGLANG, 3, quote="详细公示时间预估、费用计算、路线规划等算法规则")
    message = "没有公示时间预估、费用计算或路线规划规则"
    fix = "在 `workers` 下填写 `time_estimation`、`fee_calculation` 和 `route_planning`"

    def applies(self, algo: Algorithm) -> bool:
        return algo.flags.dispatches_workers

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        if algo.workers is None:
            yield Hit(("workers",))
            return
        for key, label in _PUBLISH:
            if not getattr(algo.workers, key):
                yield Hit(("workers", key), f"没有公示{label}规则：`workers.{key}` 为空")


class WorkerAppeals(Rule):
    """Workers can appeal lateness caused by traffic control, accidents or severe weather.

    ## Why
    The 清朗 campaign (task 3) asks for an open appeal channel that accepts workers' appeals
    for lateness caused by 交通管制、交通事故、恶劣天气 and other uncontrollable factors. When
    `flags.dispatches_workers` is set, `workers.appeals.channel` must exist and
    `workers.appeals.covers` must include `traffic_control`, `traffic_accident` and
    `severe_weather`. A campaign is not binding, so this is a warning.

    ## Fails
    ```yaml
    flags: {dispatches_workers: true}
    workers:
      appeals:
        channel: {zh: 我的 → 申诉与反馈 → 超时申诉}
        covers: [severe_weather]
    ```

    ## Passes
    ```yaml
    flags: {dispatches_workers: true}
    workers:
      appeals:
        channel: {zh: 我的 → 申诉与反馈 → 超时申诉}
        covers: [traffic_control, traffic_accident, severe_weather]
    ```
    """

    code, name, severity = "QL-WORKER-APPEALS", "worker-appeals", Severity.WARNING
    citation = Citation(
        QINGLANG,
        3,
        quote="及时受理劳动者因交通管制、交通事故、恶劣天气等不可控因素导致的配送超时等申诉",
    )
    message = "没有劳动者申诉渠道：`workers.appeals` 为空"
    fix = "在 `workers.appeals` 写明申诉入口，并在 `covers` 列出交通管制、交通事故和恶劣天气"

    def applies(self, algo: Algorithm) -> bool:
        return algo.flags.dispatches_workers

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        appeals = algo.workers.appeals if algo.workers else None
        if appeals is None:
            yield Hit(("workers", "appeals"))
            return
        missing = [label for key, label in _FACTORS if key not in appeals.covers]
        if missing:
            yield Hit(
                ("workers", "appeals", "covers"),
                f"申诉范围没有包括{'、'.join(missing)}：补充到 `workers.appeals.covers`",
            )
