"""Article 20: work-scheduling algorithms document allocation, pay, hours, rewards/penalties."""

from __future__ import annotations

import re
from collections.abc import Iterator

from disclosure_gen.check.findings import Severity
from disclosure_gen.check.rules import applicability
from disclosure_gen.check.rules.base import Citation, Hit, Rule
from disclosure_gen.check.rules.laws import ALGO
from disclosure_gen.content.model.algorithm import Algorithm

#: The four rule families Article 20 names, as `workers` keys with their statutory wording,
#: and the words a concrete rule of each family uses (what decides, what pay consists of…).
_FIELDS = (
    (
        "order_allocation",
        "订单分配",
        re.compile(
            r"距离|顺路|位置|附近|就近|远近|路程|路线|时间|时长|空闲|宽裕|评分|等待|先后|顺序|赶到|拒单|"
            r"改派|抢单|接单量|超时"
        ),
        "按什么派单（距离、时间、顺路……）",
    ),
    (
        "pay",
        "报酬构成及支付",
        re.compile(
            r"基础|单价|每单|里程|距离|时长|补贴|奖励|提成|抽成|服务费|佣金|费率|减去|加上|组成|构成|等于|"
            r"计件|底薪|时薪|元|%|％"
        ),
        "报酬由哪些部分组成",
    ),
    (
        "working_hours",
        "工作时间",
        re.compile(
            r"上线|下线|在线|连续|休息|小时|分钟|时段|自行|自主|暂停|强制|累计|提醒|排班|工时"
        ),
        "上线时间如何确定、怎样保障休息",
    ),
    (
        "rewards_penalties",
        "奖惩",
        re.compile(
            r"罚款|罚|扣款|扣分|扣除|降级|封号|暂停|停止派单|奖励|补贴|冲单|评价|评分|申诉|不设|记录|处罚|"
            r"惩罚|取消"
        ),
        "奖励和处罚的具体情形",
    ),
)


class WorkerRulesDocumented(Rule):
    """A work-scheduling algorithm documents order allocation, pay, working hours and rewards.

    ## Why
    Article 20: providers scheduling workers must protect their pay and rest, and establish
    and improve the algorithms for 订单分配、报酬构成及支付、工作时间、奖惩. When the algorithm
    schedules workers — `flags.dispatches_workers`, the category 调度决策类, a product with
    `audience: [workers]`, or inputs naming riders or drivers — each of
    `workers.order_allocation`, `workers.pay`, `workers.working_hours` and
    `workers.rewards_penalties` must state its rule concretely: what decides who gets an order,
    what pay consists of, how hours and rest are handled, which rewards and penalties exist. A
    reference elsewhere (「按平台规则结算」「按相关规定处理」) states no rule, and fails.

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
        "在 `workers` 下分别写明 `order_allocation`（按什么派单）、`pay`（报酬构成和结算）、"
        "`working_hours`（上线和休息）和 `rewards_penalties`（具体奖惩），不要只写「按平台规则」"
    )

    def applies(self, algo: Algorithm) -> bool:
        return applicability.workers(algo).applies

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        note = applicability.workers(algo).note()
        if algo.workers is None:
            yield Hit(("workers",), self.message + note)
            return
        for key, label, concrete, needed in _FIELDS:
            text = getattr(algo.workers, key)
            if not text:
                yield Hit(("workers", key), f"没有说明{label}规则：`workers.{key}` 为空{note}")
            elif not concrete.search(text.zh):
                yield Hit(
                    ("workers", key),
                    f"{label}规则没有具体内容：「{text.zh.strip()[:20]}」没写{needed}",
                )
