"""Article 17(2): users can select and delete the personal tags used to recommend to them."""

from __future__ import annotations

import re
from collections.abc import Iterator

from disclosure_gen.check.findings import Severity
from disclosure_gen.check.rules import applicability
from disclosure_gen.check.rules.algo_art17 import delay_in, staff_route
from disclosure_gen.check.rules.base import Citation, Hit, Rule
from disclosure_gen.check.rules.laws import ALGO
from disclosure_gen.check.rules.texts import path_hits
from disclosure_gen.content.model.algorithm import Algorithm

_OTHER_DATA = re.compile(r"数据|记录|data|record", re.I)


class TagsManageable(Rule):
    """Users can select and delete the personal tags used for recommendation.

    ## Why
    Article 17(2) requires a function to select or delete the user tags aimed at personal
    characteristics. Where tags are used — `flags.uses_personal_tags`, or an input that names
    标签、画像 or 兴趣点 — `user_controls.tags.select` and `user_controls.tags.delete` must both
    exist, with a menu path on every platform. A function is something users operate
    themselves: deleting through customer service, a phone call or an e-mail fails, and so does
    a deletion that takes effect days later (「删除后 7 个工作日内生效」), since the tag keeps
    steering recommendations meanwhile.

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
    fix = (
        "在 `user_controls.tags.select` 和 `user_controls.tags.delete` 写明用户在产品内自己操作的"
        "功能、立即生效，并给出各平台的 `paths`"
    )

    def applies(self, algo: Algorithm) -> bool:
        return applicability.tags(algo).applies

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        controls = algo.user_controls
        note = applicability.tags(algo).note()
        for key, control, what in (
            ("select", controls.tag_select, "选择标签"),
            ("delete", controls.tag_delete, "删除标签"),
        ):
            path = ("user_controls", "tags", key)
            if control is None:
                yield Hit(path, f"缺少{what}的功能：`user_controls.tags.{key}` 为空{note}")
                continue
            yield from path_hits(algo, control, path, what)
            route = staff_route(control)
            if route:
                yield Hit(
                    path,
                    f"{what}要经过「{route}」：找客服、打电话或发邮件不是第十七条要求的功能，"
                    "用户须能在产品内自己操作",
                )
            # Deleting is the action here, so only clauses about other data are exempt.
            delay = delay_in(control.effect.zh, exempt=_OTHER_DATA)
            if delay:
                yield Hit(
                    (*path, "effect"),
                    f"{what}写有延迟「{delay}」：这段时间里标签仍在影响推荐，应当立即生效",
                )
