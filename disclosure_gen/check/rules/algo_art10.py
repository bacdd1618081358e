"""Article 10: rules for interest points and user tags, with no illegal keywords as tags."""

from __future__ import annotations

import re
from collections.abc import Iterator

from disclosure_gen.check.findings import Severity
from disclosure_gen.check.rules import applicability
from disclosure_gen.check.rules.base import Citation, Hit, Rule
from disclosure_gen.check.rules.laws import ALGO
from disclosure_gen.content.model.algorithm import Algorithm

_ILLEGAL = re.compile(r"违法|不良")


class TagRulesPublished(Rule):
    """An algorithm that uses tags says how they are formed and keeps illegal keywords out.

    ## Why
    Article 10 requires rules for what enters the user model as interest points and for user
    tags, and forbids recording keywords of illegal or harmful information as interests or
    tags. When tags are used (`flags.uses_personal_tags`, or an input naming 标签、画像 or
    兴趣点), `tag_rules` must say what tags are formed from and that illegal and harmful
    (违法和不良) keywords never become tags.

    ## Fails
    ```yaml
    flags: {uses_personal_tags: true}
    tag_rules: {zh: 兴趣标签由观看记录归纳}
    ```

    ## Passes
    ```yaml
    flags: {uses_personal_tags: true}
    tag_rules: {zh: 兴趣标签只从观看过的视频主题中归纳；违法和不良信息的关键词不会被记为标签}
    ```
    """

    code, name, severity = "A10-TAG-RULES", "tag-rules-published", Severity.ERROR
    citation = Citation(
        ALGO,
        10,
        quote="不得将违法和不良信息关键词记入用户兴趣点或者作为用户标签并据以推送信息",
    )
    message = "使用了用户标签，但没有说明标签规则：`tag_rules` 为空"
    fix = "在 `tag_rules` 写明兴趣点和标签从哪些信息归纳，并写明违法和不良信息关键词不会作为标签"

    def applies(self, algo: Algorithm) -> bool:
        return applicability.tags(algo).applies

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        if not algo.tag_rules:
            yield Hit(("tag_rules",), self.message + applicability.tags(algo).note())
        elif not _ILLEGAL.search(algo.tag_rules.zh):
            yield Hit(
                ("tag_rules",),
                "标签规则没有说明违法和不良信息关键词不会记入兴趣点或作为标签：第十条明令禁止",
            )
