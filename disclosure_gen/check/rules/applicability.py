"""Which duties apply, from the whole file and not only from the flags it declares.

Not a rule module. A provider who leaves `flags.dispatches_workers` unset while its category is
调度决策类 and its inputs name riders still dispatches workers. Each function here returns the
:class:`Evidence` for one duty: the declared flag and whatever else in the file (the category,
the products' `audience` in site.yaml, inputs, prices named in the text) shows the duty applies.
A rule applies when either is present, and a finding triggered by evidence alone names it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from disclosure_gen.check.rules.wording import admissions
from disclosure_gen.content.loader import format_path
from disclosure_gen.content.model.algorithm import Algorithm

_WORKERS = re.compile(r"骑手|司机|配送员|快递员|外卖员|劳动者|服务者|师傅|派单|接单")
_TAGS = re.compile(r"标签|画像|兴趣点|人群包|用户分群")
#: Money consumers pay. Not 折扣 alone: a heat score is 打折扣 over time, a price is not named.
_PRICES = re.compile(r"价格|车费|配送费|运费|票价|房费|收费|计价|定价|优惠券|服务费|会员费")
_CREDIT = re.compile(r"信用分|信用评分|授信|贷款|征信|保险|借款|额度")
_AUDIENCE = {
    "workers": "劳动者",
    "minors": "未成年人",
    "elderly": "老年人",
}


@dataclass(frozen=True)
class Evidence:
    """Why a duty applies: the declared flag and the other evidence found in the file."""

    flag: str
    declared: bool
    found: tuple[str, ...] = ()

    @property
    def applies(self) -> bool:
        return self.declared or bool(self.found)

    def note(self) -> str:
        """Say what triggered the duty when the flag did not: appended to a finding's message."""
        if self.declared or not self.found:
            return ""
        return f"（适用依据：{'；'.join(self.found)}；虽未设置 `flags.{self.flag}`）"


def _audience(algo: Algorithm, who: str) -> list[str]:
    out = []
    for ref in algo.products:
        product = algo.site.product(ref.product)
        if product is not None and who in product.audience:
            out.append(f"产品 `{product.id}` 面向{_AUDIENCE[who]}（site.yaml `audience`）")
    return out


def _inputs(algo: Algorithm, pattern: re.Pattern[str]) -> list[str]:
    out = []
    for i, item in enumerate(algo.inputs):
        words = [item.category.zh, item.source.zh, *item.examples.zh]
        if any(next(admissions(w, pattern), None) for w in words):
            out.append(f"`inputs[{i}]`「{item.category.zh}」")
    return out


def _admitted(algo: Algorithm, pattern: re.Pattern[str]) -> list[str]:
    for path, text in algo.texts:
        if path[0] == "faq":
            continue
        for _, word in admissions(text.zh, pattern):
            return [f"`{format_path(path)}` 提到「{word}」"]
    return []


def workers(algo: Algorithm) -> Evidence:
    """Art. 20: the algorithm schedules workers' work."""
    found = ["`category` 为调度决策类"] if algo.category == "调度决策类" else []
    found += _audience(algo, "workers") + _inputs(algo, _WORKERS)
    return Evidence("dispatches_workers", algo.flags.dispatches_workers, tuple(found))


def tags(algo: Algorithm) -> Evidence:
    """Art. 17 ¶2 and Art. 10: the algorithm uses user tags or a user profile."""
    return Evidence(
        "uses_personal_tags", algo.flags.uses_personal_tags, tuple(_inputs(algo, _TAGS))
    )


def consumers(algo: Algorithm) -> Evidence:
    """Art. 21: the service sells goods or services to consumers, at prices it names."""
    return Evidence(
        "sells_to_consumers", algo.flags.sells_to_consumers, tuple(_admitted(algo, _PRICES))
    )


def significant_impact(algo: Algorithm) -> Evidence:
    """Art. 17 ¶3: decisions with a significant impact on users' rights (pay, prices, credit)."""
    found = []
    if algo.workers is not None and algo.workers.pay:
        found.append("`workers.pay`：算法决定劳动者的报酬")
    if algo.pricing is not None and algo.pricing.features:
        found.append("`pricing.features`：算法参与定价")
    found += _admitted(algo, _CREDIT)
    return Evidence("significant_impact", algo.flags.significant_impact, tuple(found))


def minors(algo: Algorithm) -> Evidence:
    """Art. 18: the service has minor users."""
    return Evidence("serves_minors", algo.flags.serves_minors, tuple(_audience(algo, "minors")))


def elderly(algo: Algorithm) -> Evidence:
    """Art. 19: the service has elderly users."""
    return Evidence("serves_elderly", algo.flags.serves_elderly, tuple(_audience(algo, "elderly")))
