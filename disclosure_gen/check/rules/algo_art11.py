"""Article 11: key slots (hot searches, curated picks, lists) describe human intervention."""

from __future__ import annotations

import re
from collections.abc import Iterator

from disclosure_gen.check.findings import Severity
from disclosure_gen.check.rules.base import Citation, Hit, Rule
from disclosure_gen.check.rules.laws import ALGO
from disclosure_gen.check.rules.wording import admissions
from disclosure_gen.content.model.algorithm import Algorithm

_KEY_SLOTS = re.compile(r"热搜|热榜|榜单|精选|首页首屏|弹窗")


def key_slot(algo: Algorithm) -> bool:
    """The algorithm fills one of the slots Article 11 names (lists, hot searches, picks…)."""
    if algo.flags.has_ranking_list or algo.category == "排序精选类":
        return True
    return any(
        next(admissions(text.zh, _KEY_SLOTS), None) for path, text in algo.texts if path[0] != "faq"
    )


class InterventionDescribed(Rule):
    """Lists, hot searches and curated picks say how people intervene in them.

    ## Why
    Article 11 asks for human-intervention and user-choice mechanisms in the key slots — the
    home screen, hot searches, curated picks, ranking lists, pop-ups. An algorithm that fills
    one (a ranking list, the category 排序精选类, or a file that names 热搜、榜单、精选…) must
    say who may intervene, how, and how it is recorded: `intervention`, or
    `ranking_list.intervention` for a list. The user-choice half is Article 17's option.

    ## Fails
    ```yaml
    flags: {has_ranking_list: true}
    ```

    ## Passes
    ```yaml
    flags: {has_ranking_list: true}
    intervention: {zh: 人工只能撤下违法和不良信息，不能调高任何条目的位置，每次操作都记录原因}
    ```
    """

    code, name, severity = "A11-INTERVENTION", "intervention-described", Severity.ERROR
    citation = Citation(ALGO, 11, quote="建立完善人工干预和用户自主选择机制")
    message = "榜单、热搜或精选位没有说明人工干预机制：`intervention` 为空"
    fix = (
        "在 `intervention`（榜单可写 `ranking_list.intervention`）说明谁、在什么情况下、"
        "如何干预，以及如何记录"
    )

    def applies(self, algo: Algorithm) -> bool:
        return key_slot(algo)

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        listed = algo.ranking_list is not None and algo.ranking_list.intervention
        if not (algo.intervention or listed):
            yield Hit(("intervention",))
