"""Article 17(2): users can select and delete the personal tags used to recommend to them."""

from __future__ import annotations

from collections.abc import Iterator

from disclosure_gen.check.findings import Severity
from disclosure_gen.check.rules.base import Citation, Hit, Rule
from disclosure_gen.check.rules.laws import ALGO
from disclosure_gen.check.rules.texts import path_hits
from disclosure_gen.content.model.algorithm import Algorithm


class TagsManageable(Rule):
    """Users can select and delete the personal tags used for recommendation.

    ## Why
    Article 17(2) requires a function to select or delete the user tags aimed at personal
    characteristics. Where `flags.uses_personal_tags` is set, `user_controls.tags.select` and
    `user_controls.tags.delete` must both exist, with a menu path on every platform.

    ## Fails
    ```yaml
    flags: {uses_personal_tags: true}
    ```

    ## Passes
    ```yaml
    flags: {uses_personal_tags: true}
    user_controls:
      tags:
        select:
          paths:
            - {platform: ios, steps: {zh: [我的, 设置, 兴趣标签]}}
            - {platform: android, steps: {zh: [我的, 设置, 兴趣标签]}}
        delete:
          paths:
            - {platform: ios, steps: {zh: [我的, 设置, 兴趣标签, 删除]}}
            - {platform: android, steps: {zh: [我的, 设置, 兴趣标签, 删除]}}
    ```
    """

    code, name, severity = "A17-TAGS", "tags-selectable-and-deletable", Severity.ERROR
    citation = Citation(
        ALGO,
        17,
        paragraph=2,
        quote="提供选择或者删除用于算法推荐服务的针对其个人特征的用户标签的功能",
    )
    message = "使用了个人特征标签，但没有说明如何选择或删除标签"
    fix = "在 `user_controls.tags.select` 和 `user_controls.tags.delete` 写明功能及各平台的 `paths`"

    def applies(self, algo: Algorithm) -> bool:
        return algo.flags.uses_personal_tags

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        controls = algo.user_controls
        for key, control, what in (
            ("select", controls.tag_select, "选择标签"),
            ("delete", controls.tag_delete, "删除标签"),
        ):
            path = ("user_controls", "tags", key)
            if control is None:
                yield Hit(path, f"缺少{what}的功能：`user_controls.tags.{key}` 为空")
            else:
                yield from path_hits(algo, control, path, what)
