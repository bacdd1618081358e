"""Article 20: work-scheduling algorithms document allocation, pay, hours, rewards/penalties."""

from __future__ import annotations

from collections.abc import Iterator

from disclosure_gen.check.findings import Severity
from disclosure_gen.check.rules.base import Citation, Hit, Rule
from disclosure_gen.check.rules.laws import ALGO
from disclosure_gen.content.model.algorithm import Algorithm

#: The four rule families Article 20 names, as `workers` keys with their statutory wording.
_FIELDS = (
    ("order_allocation", "订单分配"),
    ("pay", "报酬构成及支付"),
    ("working_hours", "工作时间"),
    ("rewards_penalties", "奖惩"),
)


class WorkerRulesDocumented(Rule):
    """A work-scheduling algorithm documents order allocation, pay, working hours and rewards.

    ## Why
    Article 20: providers scheduling workers must protect their pay and rest, and establish
    and improve the algorithms for 订单分配、报酬构成及支付、工作时间、奖惩. When
    `flags.dispatches_workers` is set, each of `workers.order_allocation`, `workers.pay`,
    `workers.working_hours` and `workers.rewards_penalties` must be described.

    ## Fails
    ```yaml
    flags: {dispatches_workers: true}
    workers:
      order_allocation: {zh: 优先派给顺路的骑手}
    ```

    ## Passes
    ```yaml
    flags: {dispatches_workers: true}
    workers:
      order_allocation: {zh: 优先派给顺路的骑手，骑手可以拒单}
      pay: {zh: 每单收入由基础费和距离补贴组成，按周结算}
      working_hours: {zh: 骑手自行选择上线时间，连续工作过长时提醒休息}
      rewards_penalties: {zh: 不设超时罚款，奖励规则提前公布}
    ```
    """

    code, name, severity = "A20-WORKER-RULES", "worker-rules-documented", Severity.ERROR
    citation = Citation(
        ALGO, 20, quote="建立完善平台订单分配、报酬构成及支付、工作时间、奖惩等相关算法"
    )
    message = "调度劳动者的算法没有说明订单分配、报酬、工作时间和奖惩规则"
    fix = (
        "在 `workers` 下分别填写 `order_allocation`、`pay`、`working_hours` 和 `rewards_penalties`"
    )

    def applies(self, algo: Algorithm) -> bool:
        return algo.flags.dispatches_workers

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        if algo.workers is None:
            yield Hit(("workers",))
            return
        for key, label in _FIELDS:
            if not getattr(algo.workers, key):
                yield Hit(("workers", key), f"没有说明{label}规则：`workers.{key}` 为空")
