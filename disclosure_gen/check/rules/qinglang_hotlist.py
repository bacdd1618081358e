"""清朗 2024 campaign, task 2 and annex items 9–10: ranking lists explained and logged."""

from __future__ import annotations

from collections.abc import Iterator

from disclosure_gen.check.findings import Severity
from disclosure_gen.check.rules.base import Citation, Hit, Rule
from disclosure_gen.check.rules.laws import QL_ANNEX
from disclosure_gen.content.model.algorithm import Algorithm

_DISCLOSE = (
    ("principle", "基本原理"),
    ("basis", "排序依据"),
    ("factors", "主要因素"),
    ("worked_example", "事例"),
)
#: Annex item 10: 时间、榜单排名、热度值计算相关数据, as `ranking_list.log_fields` values.
_LOGGED = (("time", "时间"), ("rank", "榜单排名"), ("heat_inputs", "热度值计算相关数据"))


class HotlistDisclosed(Rule):
    """A ranking list publishes its principle, basis, main factors and a worked example.

    ## Why
    The 清朗 campaign (task 2) asks platforms to publish how hot lists are ranked; annex item 9
    lists what: 基本原理、排序依据、主要因素, illustrated by an example (事例). When
    `flags.has_ranking_list` is set, `ranking_list.principle`, `.basis`, `.factors` and
    `.worked_example` must be filled. A campaign is not binding, so this is a warning.

    ## Fails
    ```yaml
    flags: {has_ranking_list: true}
    ```

    ## Passes
    ```yaml
    flags: {has_ranking_list: true}
    ranking_list:
      principle: {zh: 按热度值排序，对所有用户相同}
      basis: {zh: 排序唯一依据是热度值}
      factors:
        - {name: {zh: 搜索热度}, description: {zh: 搜索该话题的人数}}
      worked_example: {zh: 两个话题热度相同时，较新的排在前面}
      log_fields: [time, rank, heat_inputs]
    ```
    """

    code, name, severity = "QL-HOTLIST-DISCLOSE", "hotlist-disclosed", Severity.WARNING
    citation = Citation(
        QL_ANNEX,
        9,
        quote="公示榜单排序机制机理，如基本原理、排序依据、主要因素等详细信息，并通过事例予以说明",
    )
    message = "榜单没有公示排序机制：`ranking_list` 为空"
    fix = "在 `ranking_list` 写明 `principle`、`basis`、`factors` 和 `worked_example`"

    def applies(self, algo: Algorithm) -> bool:
        return algo.flags.has_ranking_list

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        if algo.ranking_list is None:
            yield Hit(("ranking_list",))
            return
        for key, label in _DISCLOSE:
            if not getattr(algo.ranking_list, key):
                yield Hit(("ranking_list", key), f"榜单没有公示{label}：`ranking_list.{key}` 为空")


class HotlistLogged(Rule):
    """A ranking list keeps logs of time, rank and the data behind each heat score.

    ## Why
    Annex item 10 of the 清朗 campaign asks platforms to keep ranking-list logs containing the
    time, the rank and the data used to compute the heat value, so that the published
    principle can be verified. `ranking_list.log_fields` must include `time`, `rank` and
    `heat_inputs`. A campaign is not binding, so this is a warning.

    ## Fails
    ```yaml
    flags: {has_ranking_list: true}
    ranking_list: {log_fields: [time]}
    ```

    ## Passes
    ```yaml
    flags: {has_ranking_list: true}
    ranking_list: {log_fields: [time, rank, heat_inputs]}
    ```
    """

    code, name, severity = "QL-HOTLIST-LOGS", "hotlist-logged", Severity.WARNING
    citation = Citation(QL_ANNEX, 10, quote="日志内容包括时间、榜单排名、热度值计算相关数据等信息")
    message = "榜单日志留存字段不完整"
    fix = "在 `ranking_list.log_fields` 列出 `time`、`rank` 和 `heat_inputs`"

    def applies(self, algo: Algorithm) -> bool:
        return algo.flags.has_ranking_list

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        logged = algo.ranking_list.log_fields if algo.ranking_list else ()
        missing = [label for key, label in _LOGGED if key not in logged]
        if missing:
            yield Hit(
                ("ranking_list", "log_fields"),
                f"榜单日志没有留存{'、'.join(missing)}",
            )
