"""生成式人工智能服务管理暂行办法 第十条: publish who the service is for, and protect minors."""

from __future__ import annotations

from collections.abc import Iterator

from disclosure_gen.check.findings import Severity
from disclosure_gen.check.rules.base import Citation, Hit, Rule
from disclosure_gen.check.rules.laws import GENAI
from disclosure_gen.content.model.algorithm import Algorithm

#: The three things Article 10 names, with their Chinese labels.
_AUDIENCE = (("users", "适用人群"), ("occasions", "适用场合"), ("uses", "用途"))


class AudiencePublished(Rule):
    """An AI feature publishes the users, occasions and uses it is meant for.

    ## Why
    Article 10 of the generative-AI measures: the provider must make clear and publish 「适用
    人群、场合、用途」. `generative.audience.users`, `.occasions` and `.uses` hold the three;
    the feature's page and the privacy section publish them. Each missing one is a finding.
    Algorithms without a `generative` block are not concerned.

    ## Fails
    ```yaml
    generative:
      outputs: [text]
      audience:
        users: {zh: 使用站内搜索的用户}
    ```

    ## Passes
    ```yaml
    generative:
      outputs: [text]
      audience:
        users: {zh: 使用站内搜索的用户}
        occasions: {zh: 查询生活常识等一般性问题时}
        uses: {zh: 概括搜索结果的要点，仅供参考}
    ```
    """

    code, name, severity = "GAI10-AUDIENCE", "genai-audience-published", Severity.ERROR
    citation = Citation(GENAI, 10, quote="应当明确并公开其服务的适用人群、场合、用途")
    message = "没有公开生成式人工智能服务的适用人群、场合和用途"
    fix = "在 `generative.audience` 写明 `users`（适用人群）、`occasions`（场合）和 `uses`（用途）"

    def applies(self, algo: Algorithm) -> bool:
        return algo.generative is not None

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        assert algo.generative is not None
        audience = algo.generative.audience
        for key, label in _AUDIENCE:
            if not getattr(audience, key):
                yield Hit(
                    ("generative", "audience", key),
                    f"没有公开{label}：`generative.audience.{key}` 为空",
                )


class MinorsProtected(Rule):
    """An AI feature says how it keeps minors from over-relying on it.

    ## Why
    Article 10 also requires 「采取有效措施防范未成年人用户过度依赖或者沉迷生成式人工智能服
    务」, for every generative service, not only those aimed at minors: an adults-only feature
    states how minors are kept out. `generative.audience.minors` describes the measures.

    ## Fails
    ```yaml
    generative:
      outputs: [image]
    ```

    ## Passes
    ```yaml
    generative:
      outputs: [image]
      audience:
        minors: {zh: 仅向年满 18 周岁的创作者提供，未成年人模式下不显示}
    ```
    """

    code, name, severity = "GAI10-MINORS", "genai-minors-protected", Severity.ERROR
    citation = Citation(
        GENAI, 10, quote="采取有效措施防范未成年人用户过度依赖或者沉迷生成式人工智能服务"
    )
    message = "没有说明防范未成年人过度依赖或者沉迷的措施：`generative.audience.minors` 为空"
    fix = "在 `generative.audience.minors` 写明面向未成年人的限制或保护措施"

    def applies(self, algo: Algorithm) -> bool:
        return algo.generative is not None

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        assert algo.generative is not None
        if not algo.generative.audience.minors:
            yield Hit(("generative", "audience", "minors"))
