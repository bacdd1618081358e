"""Article 16: tell users prominently, and publish the principles, purpose and mechanisms."""

from __future__ import annotations

from collections.abc import Iterator

from disclosure_gen.check.findings import Severity
from disclosure_gen.check.rules.base import Citation, Hit, Rule
from disclosure_gen.check.rules.laws import ALGO
from disclosure_gen.content.model.algorithm import Algorithm

_NOTICE = "以显著方式告知用户其提供算法推荐服务的情况"


class NoticeGiven(Rule):
    """A prominent in-product notice says that algorithmic recommendation is used.

    ## Why
    Article 16 has two duties. The first is to tell users, prominently, that recommendations
    are made by an algorithm. A page on the website alone is not prominent: the notice must
    be placed where users meet the feature, so `notice.placements` needs at least one entry.

    ## Fails
    ```yaml
    notice: null
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
    fix = "在 `notice.text` 写明使用了算法推荐，并在 `notice.placements` 列出产品内的展示位置"

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        if not algo.notice.text:
            yield Hit(("notice", "text"))
        if not algo.notice.placements:
            yield Hit(("notice", "placements"))


class PrinciplePublished(Rule):
    """The basic principles (基本原理) are published.

    ## Why
    Article 16 requires the provider to publish the algorithm's 基本原理: in plain words, what
    it predicts or decides and from which signals.

    ## Fails
    ```yaml
    principles: null
    ```

    ## Passes
    ```yaml
    principles: {zh: 根据你最近观看和点赞的内容，估计你对每条新视频感兴趣的可能性}
    ```
    """

    code, name, severity = "A16-PRINCIPLE", "principle-published", Severity.ERROR
    citation = Citation(ALGO, 16, quote="以适当方式公示算法推荐服务的基本原理")
    message = "`principles`（基本原理）为空"
    fix = "在 `principles` 中用通俗的话说明算法如何工作"

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        if not algo.principles:
            yield Hit(("principles",))


class PurposePublished(Rule):
    """The purpose and intent (目的意图) are published.

    ## Why
    Article 16 names 目的意图 beside the principles: why the provider runs the algorithm and
    what it optimises for.

    ## Fails
    ```yaml
    purpose: null
    ```

    ## Passes
    ```yaml
    purpose: {zh: 帮助你更快找到想看的内容}
    ```
    """

    code, name, severity = "A16-PURPOSE", "purpose-published", Severity.ERROR
    citation = Citation(ALGO, 16, quote="目的意图")
    message = "`purpose`（目的意图）为空"
    fix = "在 `purpose` 中说明使用该算法的目的"

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        if not algo.purpose:
            yield Hit(("purpose",))


class MechanismPublished(Rule):
    """The main mechanisms (主要运行机制) are published as ordered stages.

    ## Why
    Article 16 names 主要运行机制. Readers understand a mechanism as a sequence, from the data
    that goes in to what is shown, so at least two stages are expected, each with a
    description.

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
            if not stage.description:
                yield Hit(("mechanisms", i, "description"), "阶段说明为空")


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
