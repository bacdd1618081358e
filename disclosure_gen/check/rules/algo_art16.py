"""Article 16: tell users prominently, and publish the principles, purpose and mechanisms."""

from __future__ import annotations

import re
from collections.abc import Iterator

from disclosure_gen.check.findings import Severity
from disclosure_gen.check.rules.base import Citation, Hit, Rule
from disclosure_gen.check.rules.laws import ALGO
from disclosure_gen.check.rules.wording import (
    LEGAL_DOCUMENT,
    LOGIC,
    OPERATIONS,
    SIGNALS,
    boilerplate,
    residue,
)
from disclosure_gen.content.model.algorithm import Algorithm, ProductRef
from disclosure_gen.content.model.filing import Placement

_NOTICE = "以显著方式告知用户其提供算法推荐服务的情况"
_PRINCIPLE = "以适当方式公示算法推荐服务的基本原理"
#: Words that tell a reader an algorithm, not a person, produced what they see.
_SAYS_ALGORITHM = re.compile(r"算法|自动化决策|推荐系统|algorithm", re.I)
#: regulations.md §7.2 suggests at least 50 characters for 基本原理; the law sets no length.
MIN_PRINCIPLE = 50


class NoticeGiven(Rule):
    """A prominent in-product notice says that algorithmic recommendation is used.

    ## Why
    Article 16 has two duties. The first is to tell users, prominently, that recommendations
    are made by an algorithm. So `notice.text` must say so (算法、自动化决策 or 推荐系统;
    「为你精选」 does not tell anyone an algorithm chose), and the notice must be placed
    where users meet the results: every product in `products` needs a placement on one of
    the surfaces the algorithm serves. A settings page, the privacy policy or a user
    agreement alone is not prominent (以显著方式): nobody reads them where recommendations
    appear.

    ## Fails
    ```yaml
    notice:
      text: {zh: 为你精选好内容}
      placements:
        - product: demo-app
          location: {zh: 《隐私政策》第六节}
    ```

    ## Passes
    ```yaml
    notice:
      text: {zh: 此处内容由算法根据你的兴趣推荐}
      placements:
        - product: demo-app
          surface: feed
          location: {zh: 推荐页顶部说明}
    ```
    """

    code, name, severity = "A16-NOTICE", "notice-given", Severity.ERROR
    citation = Citation(ALGO, 16, quote=_NOTICE)
    message = "缺少显著告知：`notice.text` 或 `notice.placements` 为空"
    fix = (
        "在 `notice.text` 写明此处内容由算法推荐，并在 `notice.placements` 为每个产品列出"
        "算法结果出现处的位置（`surface` 取算法所在的场景）"
    )

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        notice = algo.notice
        if not notice.text:
            yield Hit(("notice", "text"))
        elif not _SAYS_ALGORITHM.search(notice.text.zh):
            yield Hit(
                ("notice", "text"),
                "`notice.text` 没有说明使用了算法推荐：告知须让用户知道这里的结果由算法产生",
            )
        if not notice.placements:
            yield Hit(("notice", "placements"))
            return
        for ref in algo.products:
            if not any(_where_results_are(ref, p) for p in notice.placements):
                yield Hit(
                    ("notice", "placements"),
                    f"产品 `{ref.product}` 中没有在算法结果出现处的告知：设置页、隐私政策或用户协议"
                    "不是显著方式",
                )


def _where_results_are(ref: ProductRef, placement: Placement) -> bool:
    """Whether ``placement`` is in the product where the algorithm's results are shown."""
    if placement.product != ref.product or LEGAL_DOCUMENT.search(placement.location.zh):
        return False
    if ref.surfaces and placement.surface:
        return placement.surface in ref.surfaces
    return True


class PrinciplePublished(Rule):
    """The basic principles (基本原理) are published.

    ## Why
    Article 16 requires the provider to publish the algorithm's 基本原理: in plain words, what
    it predicts or decides and from which signals. A text that names no signal (观看记录、距离、
    搜索词… or the file's own `inputs`), or no way they become a result (根据、估计、按…排序、
    相加、优先…), states no principle: 「我们使用先进算法为您推荐」 is marketing, and fails.

    ## Fails
    ```yaml
    principles: {zh: 我们使用先进算法为您推荐}
    ```

    ## Passes
    ```yaml
    principles: {zh: 根据你最近观看和点赞的内容，估计你对每条新视频感兴趣的可能性}
    ```
    """

    code, name, severity = "A16-PRINCIPLE", "principle-published", Severity.ERROR
    citation = Citation(ALGO, 16, quote=_PRINCIPLE)
    message = "`principles`（基本原理）为空"
    fix = (
        "在 `principles` 中用通俗的话说明算法根据哪些信息、怎样得出结果"
        "（估计什么、按什么排序或决定）"
    )

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        text = algo.principles.zh
        if not algo.principles:
            yield Hit(("principles",))
            return
        own = [i.category.zh for i in algo.inputs if i.category.zh in text]
        if not own and not SIGNALS.search(text):
            yield Hit(
                ("principles",),
                "基本原理没有说明算法根据哪些信息工作：不写输入，读者无从知道推荐依据什么",
            )
        elif not LOGIC.search(text):
            yield Hit(
                ("principles",),
                "基本原理没有说明信息怎样变成结果：没有估计、排序、比较或组合的说明，只是宣传语",
            )


class PrincipleDetailed(Rule):
    """The basic principles are explained in more than a slogan's length.

    ## Why
    A 基本原理 of a line or two rarely says what is predicted, from which signals, and how the
    results are ordered. regulations.md §7.2 suggests at least 50 characters; the law sets no
    length, so this is a heuristic warning (A16-PRINCIPLE fails text that says nothing).

    ## Fails
    ```yaml
    principles: {zh: 根据观看记录估计兴趣，兴趣高的排在前面}
    ```

    ## Passes
    ```yaml
    principles:
      zh: |
        根据你最近观看、看完和点赞的视频，估计你对每条新视频感兴趣的可能性，
        可能性高的排在前面；点「不感兴趣」的同类视频会排到后面
    ```
    """

    code, name, severity = "A16-PRINCIPLE-DETAIL", "principle-detailed", Severity.WARNING
    citation = Citation(ALGO, 16, quote=_PRINCIPLE)
    heuristic = True
    message = f"基本原理少于 {MIN_PRINCIPLE} 字"
    fix = "补充算法估计什么、根据哪些信息、结果如何排序，以及用户的反馈如何影响结果"

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        length = len("".join(algo.principles.zh.split()))
        if algo.principles and length < MIN_PRINCIPLE:
            yield Hit(
                ("principles",),
                f"基本原理只有 {length} 字，少于 {MIN_PRINCIPLE} 字，很可能说不清输入、估计和排序"
                "（启发式：法律没有字数要求）",
            )


class PurposePublished(Rule):
    """The purpose and intent (目的意图) are published.

    ## Why
    Article 16 names 目的意图 beside the principles: why the provider runs the algorithm and
    what it optimises for. A purpose made only of stock phrases (「为用户提供更优质的服务和更好的
    体验」: nothing is left once 优质、服务、体验 and filler are removed) states no purpose.

    ## Fails
    ```yaml
    purpose: {zh: 为用户提供更优质的服务和更好的体验}
    ```

    ## Passes
    ```yaml
    purpose: {zh: 帮助你更快找到想看的内容}
    ```
    """

    code, name, severity = "A16-PURPOSE", "purpose-published", Severity.ERROR
    citation = Citation(ALGO, 16, quote="目的意图")
    message = "`purpose`（目的意图）为空"
    fix = "在 `purpose` 中具体说明使用该算法要为用户或其他人达到什么，以及不追求什么"

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        if not algo.purpose:
            yield Hit(("purpose",))
        elif boilerplate(algo.purpose.zh):
            yield Hit(
                ("purpose",),
                "目的意图只有套话：去掉「优质服务」「更好体验」之类的词后，没有说明算法要达到什么",
            )


class MechanismPublished(Rule):
    """The main mechanisms (主要运行机制) are published as ordered stages.

    ## Why
    Article 16 names 主要运行机制. Readers understand a mechanism as a sequence, from the data
    that goes in to what is shown, so at least two stages are expected, each with a
    description that says what the stage reads or does (读取、过滤、估计、排序、派单…). A stage
    described as 「对数据进行智能化处理」 names neither, and fails.

    ## Fails
    ```yaml
    mechanisms: null
    ```

    ## Passes
    ```yaml
    mechanisms:
      - id: inputs
        stage: inputs
        title: {zh: 收集信号}
        description: {zh: 读取你的观看记录}
      - id: ranking
        stage: ranking
        title: {zh: 排序}
        description: {zh: 按预估兴趣排序}
    ```
    """

    code, name, severity = "A16-MECHANISM", "mechanism-published", Severity.ERROR
    citation = Citation(ALGO, 16, quote="主要运行机制")
    message = "`mechanisms`（主要运行机制）少于两个阶段"
    fix = "在 `mechanisms` 中按顺序列出从输入到展示的各阶段，每个阶段写明做什么"

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        if len(algo.mechanisms) < 2:
            yield Hit(("mechanisms",))
        for i, stage in enumerate(algo.mechanisms):
            text = stage.description.zh
            if not stage.description:
                yield Hit(("mechanisms", i, "description"), "阶段说明为空")
            elif not (SIGNALS.search(text) or OPERATIONS.search(text)):
                yield Hit(
                    ("mechanisms", i, "description"),
                    f"阶段「{stage.title.zh}」的说明没有写这一步读取什么信息或做什么"
                    f"（剩下的只有「{residue(text)[:12] or '套话'}」）",
                )


class DisclosurePublished(Rule):
    """The disclosure has a public address (以适当方式公示).

    ## Why
    Publishing means a place anyone can read. The site's `site.base_url` in `site.yaml` is that
    place; without it the pages cannot link to themselves, the filing export has no address,
    and the privacy-policy section cannot point readers to the full text.

    ## Fails
    ```yaml
    site:
      site:
        base_url: null
    ```

    ## Passes
    ```yaml
    site:
      site:
        base_url: https://algo.example.cn/
    ```
    """

    code, name, severity = "A16-PUBLISHED", "disclosure-published", Severity.ERROR
    citation = Citation(ALGO, 16, quote="以适当方式公示")
    message = "站点没有公开地址：`site.base_url` 为空"
    fix = "在 site.yaml 的 `site.base_url` 写明公示页面的 https 地址"

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        if not algo.site.site.base_url.startswith("https://"):
            yield Hit(("site", "base_url"), in_site=True)
