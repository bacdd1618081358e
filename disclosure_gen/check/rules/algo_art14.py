"""Article 14: ranking lists and search results are not manipulated by hand or for pay."""

from __future__ import annotations

import re
from collections.abc import Iterator

from disclosure_gen.check.findings import Severity
from disclosure_gen.check.rules.algo_art11 import key_slot
from disclosure_gen.check.rules.base import Citation, Hit, Rule
from disclosure_gen.check.rules.laws import ALGO
from disclosure_gen.check.rules.wording import clauses, negated
from disclosure_gen.content.model.algorithm import Algorithm

_WHO = re.compile(r"付费|购买|花钱|竞价|人工|运营|手动|商业合作|合作方")
#: Raising an item, or buying a place: not reviewing or removing it.
_MOVES = re.compile(
    r"置顶|推上|加热|(?:提升|提高|调高|上调|调整)\S{0,6}(?:排名|排序|位置|顺序|名次)"
    r"|(?:购买|付费|花钱)\S{0,4}(?:上榜|热搜|位置|排名)"
)
#: A paid placement that is labelled as such is advertising, not a manipulated order.
_LABELLED = re.compile(r"广告|推广|标注|标明|「商」")
_SEARCH = ("检索过滤类", "信息检索类")


def _admission(text: str) -> str:
    for clause in clauses(text):
        who, moves = _WHO.search(clause), _MOVES.search(clause)
        if not (who and moves) or _LABELLED.search(clause):
            continue
        if negated(clause, min(who.start(), moves.start())) or negated(clause, moves.start()):
            continue
        return clause
    return ""


class NoManipulation(Rule):
    """A ranking list or search does not admit raising items by hand or for pay.

    ## Why
    Article 14 forbids using algorithms to manipulate ranking lists or the order of search
    results, or to control hot searches and curated picks. A disclosure cannot prove the
    absence of manipulation, but one whose own text says items are moved up by staff or for a
    fee (「运营可根据活动需要人工调整话题排名」), without labelling them as ads, states the very
    conduct the article forbids. Denials («人工不能提高任何话题的位置») and labelled ads pass.

    ## Fails
    ```yaml
    flags: {has_ranking_list: true}
    intervention: {zh: 运营可根据活动需要人工调整话题排名}
    ```

    ## Passes
    ```yaml
    flags: {has_ranking_list: true}
    intervention: {zh: 人工只能撤下违法话题，不能提高任何话题的排名}
    ```
    """

    code, name, severity = "A14-NO-MANIPULATION", "no-manipulation", Severity.ERROR
    citation = Citation(ALGO, 14, quote="操纵榜单或者检索结果排序、控制热搜或者精选等干预信息呈现")
    message = "公示文本承认人工或付费干预榜单、热搜或搜索结果的排序"
    fix = "停止人工或付费调整排序；付费展示须单独标注为广告，并改写相应说明"

    def applies(self, algo: Algorithm) -> bool:
        return key_slot(algo) or algo.category in _SEARCH

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        for path, text in algo.texts:
            if path[0] == "faq" and path[-1] == "q":
                continue
            clause = _admission(text.zh)
            if clause:
                yield Hit(path, f"「{clause}」：第十四条禁止人工或付费操纵榜单、热搜和搜索结果排序")
