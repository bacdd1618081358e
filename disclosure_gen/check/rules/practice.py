"""Filing practice: category labels, 应用场景, the filed name, the list's 主要用途 form.

These follow observed practice (regulations.md §3), not a binding text, so they are warnings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from disclosure_gen.check.findings import Severity
from disclosure_gen.check.rules.base import Citation, Hit, Rule
from disclosure_gen.check.rules.laws import ALGO, FILING_LIST
from disclosure_gen.content.model.algorithm import CATEGORIES, Algorithm

#: «应用于<场景>，根据/通过<输入>，<做什么>»: every 主要用途 in the published lists (§3.2).
_MAIN_USE = re.compile(r"^\s*应用于[^，,]+[，,].*?(?:根据|通过|基于|按照|依据)")


class CategoryKnown(Rule):
    """The category is one of the labels used by the law and the filing lists.

    ## Why
    Article 2 names 生成合成类、个性化推送类、排序精选类、检索过滤类、调度决策类 and ends in
    「等」, so other labels are not unlawful; newer filing lists also use 信息检索类 and
    内容过滤类. A label outside these seven will not match the filing system.

    ## Fails
    ```yaml
    category: 推荐类
    ```

    ## Passes
    ```yaml
    category: 排序精选类
    ```
    """

    code, name, severity = "FIL-CATEGORY", "category-known", Severity.WARNING
    citation = Citation(
        ALGO,
        2,
        paragraph=2,
        quote="生成合成类、个性化推送类、排序精选类、检索过滤类、调度决策类等算法技术",
    )
    message = "`category` 不是备案系统使用的算法类别"
    fix = "把 `category` 改为 " + "、".join(CATEGORIES) + " 之一"

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        if algo.category not in CATEGORIES:
            yield Hit(("category",), f"算法类别 `{algo.category}` 不是备案系统使用的类别")


class ScenarioDescribed(Rule):
    """The application scenarios (应用场景) are described.

    ## Why
    Article 24(1) files 拟公示内容 with the algorithm. In practice that content, and the
    public pages of filed companies, have four rows: 基本原理、运行机制、应用场景、目的意图.
    Article 16 does not name 应用场景, so a missing `scenarios` is a warning.

    ## Fails
    ```yaml
    scenarios: null
    ```

    ## Passes
    ```yaml
    scenarios: {zh: 应用于示例 App 推荐页的视频推荐}
    ```
    """

    code, name, severity = "FIL-SCENARIO", "scenario-described", Severity.WARNING
    citation = Citation(ALGO, 24, paragraph=1, quote="拟公示内容")
    message = "`scenarios`（应用场景）为空"
    fix = "在 `scenarios` 写明算法用在哪个产品的哪个功能、根据什么、做什么"

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        if not algo.scenarios:
            yield Hit(("scenarios",))


class NameAsFiled(Rule):
    """A filed algorithm carries the name it was filed under.

    ## Why
    The published filing list shows each filing under its 算法名称. Readers who look the
    number up should find the same name, so when `filing.status` is `filed`,
    `filing.algorithm_name` must equal `name.zh`. Filing practice, so a warning.

    ## Fails
    ```yaml
    filing: {status: filed, algorithm_name: 另一个名称}
    ```

    ## Passes
    ```yaml
    filing: {status: filed, algorithm_name: 示例推荐算法}
    ```
    """

    code, name, severity = "FIL-NAME", "name-as-filed", Severity.WARNING
    citation = Citation(FILING_LIST, 0, quote="算法名称")
    message = "`name.zh` 与备案时的算法名称 `filing.algorithm_name` 不一致"
    fix = "使 `name.zh` 与 `filing.algorithm_name` 一致；若已改名，先办理变更备案"

    def applies(self, algo: Algorithm) -> bool:
        return algo.filing.status == "filed"

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        if not algo.filing.algorithm_name:
            yield Hit(("filing", "algorithm_name"), "已备案，但缺少备案时的算法名称")
        elif algo.filing.algorithm_name != algo.name.zh:
            yield Hit(("filing", "algorithm_name"))


class MainUseAsListed(Rule):
    """A filed algorithm's 应用场景 reads like the list's 主要用途.

    ## Why
    The published filing list describes every algorithm in one sentence of the form
    「应用于<场景>，根据/通过<输入>，<做什么>」 (its 主要用途 column). A filed algorithm's
    `scenarios` in that form can be pasted into the filing and matches what readers find in
    the list. Practice, not law, so a warning.

    ## Fails
    ```yaml
    filing: {status: filed, algorithm_name: 示例推荐算法}
    scenarios: {zh: 推荐页}
    ```

    ## Passes
    ```yaml
    filing: {status: filed, algorithm_name: 示例推荐算法}
    scenarios: {zh: 应用于示例 App 推荐页，根据用户的观看记录，为用户推荐可能感兴趣的视频}
    ```
    """

    code, name, severity = "FIL-MAIN-USE", "main-use-as-listed", Severity.WARNING
    citation = Citation(FILING_LIST, 0, quote="主要用途")
    message = "`scenarios` 不是备案清单「主要用途」的写法"
    fix = "把 `scenarios` 写成「应用于<场景>，根据<输入的信息>，<做什么>」一句话"

    def applies(self, algo: Algorithm) -> bool:
        return algo.filing.status == "filed" and bool(algo.scenarios)

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        if not _MAIN_USE.search(algo.scenarios.zh):
            yield Hit(("scenarios",))
