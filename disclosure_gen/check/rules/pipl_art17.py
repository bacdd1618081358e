"""PIPL Article 17: the privacy-policy section tells who processes what, how long, and rights."""

from __future__ import annotations

import re
from collections.abc import Iterator

from disclosure_gen.check.findings import Severity
from disclosure_gen.check.rules.base import Citation, Hit, Rule
from disclosure_gen.check.rules.laws import PIPL
from disclosure_gen.content.model.algorithm import Algorithm

#: A retention period, or the way it is set (网络数据安全管理条例 21(3) allows either).
_PERIOD = re.compile(
    r"\d|[一二两三四五六七八九十百]+(?:个)?(?:天|日|月|年)|期限|直至|直到|注销|到期"
)
#: The routes PIPL gives individuals: view, copy, correct, delete, withdraw consent…
_RIGHTS = re.compile(r"查阅|复制|更正|补充|删除|撤回|注销|转移|限制")


class PrivacySection(Rule):
    """The privacy-policy section names the controller, purposes, retention and rights.

    ## Why
    PIPL Article 17(1) requires telling individuals, before processing, the processor's name
    and contact, the purposes, methods and categories of personal information and how long it
    is kept, and how to exercise their rights. The privacy export builds that section from
    site.yaml (`provider`, `privacy.retention`, `privacy.rights`) and the algorithm's `inputs`,
    so each must be there: a contact (e-mail, phone or url), a retention period (or how it is
    set), the ways to view, copy, correct or delete, and the `use` of every personal input.

    ## Fails
    ```yaml
    site:
      privacy:
        retention: null
    ```

    ## Passes
    ```yaml
    site:
      privacy:
        retention: {zh: 行为记录最长保存 180 天，到期后删除}
        rights: {zh: 在「我的 → 设置 → 隐私」中查阅、复制、更正、删除个人信息或撤回同意}
    ```
    """

    code, name, severity = "PIPL17-PRIVACY-SECTION", "privacy-section-complete", Severity.ERROR
    citation = Citation(
        PIPL, 17, paragraph=1, quote="个人信息的处理目的、处理方式，处理的个人信息种类、保存期限"
    )
    message = "隐私政策章节缺少个人信息保护法第十七条要求告知的事项"
    fix = (
        "在 site.yaml 写明联系方式 `provider.contact`、保存期限 `privacy.retention` "
        "和行使权利的方式 `privacy.rights`，并为每项个人信息 `inputs[].use` 写明用途"
    )

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        site = algo.site
        contact = site.provider.contact
        if not (contact.email or contact.phone or contact.url):
            yield Hit(
                ("provider", "contact"),
                "没有个人信息处理者的联系方式：`provider.contact` 为空",
                in_site=True,
            )
        retention, rights = site.privacy.retention, site.privacy.rights
        if not retention:
            yield Hit(
                ("privacy", "retention"), "没有说明保存期限：`privacy.retention` 为空", in_site=True
            )
        elif not _PERIOD.search(retention.zh):
            yield Hit(
                ("privacy", "retention"),
                "保存期限没有写明多长或如何确定：须写期限或确定期限的方法",
                in_site=True,
            )
        if not rights:
            yield Hit(
                ("privacy", "rights"),
                "没有说明个人如何行使权利：`privacy.rights` 为空",
                in_site=True,
            )
        elif not _RIGHTS.search(rights.zh):
            yield Hit(
                ("privacy", "rights"),
                "行使权利的方式没有写明查阅、复制、更正、删除等具体途径",
                in_site=True,
            )
        for i, item in enumerate(algo.inputs):
            if item.personal and not item.use:
                yield Hit(("inputs", i, "use"), f"个人信息「{item.category.zh}」没有写明用途 `use`")
