"""Article 26: a filed provider shows the number prominently and links the public record."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from disclosure_gen.check.findings import Severity
from disclosure_gen.check.rules.ai_scope import makes_content
from disclosure_gen.check.rules.base import Citation, Hit, Rule
from disclosure_gen.check.rules.laws import ALGO
from disclosure_gen.check.rules.wording import LEGAL_DOCUMENT, first
from disclosure_gen.content.model.algorithm import Algorithm


class FilingDisplayed(Rule):
    """A filed algorithm's number is shown in every product it runs in, with a public link.

    ## Why
    Article 26: a provider that has completed filing must show its 备案编号 in a prominent
    place of the websites and apps through which it serves, and link the public filing
    information. So every product in the algorithm's `products` needs at least one
    `filing.display` entry that is not a legal document (a number only in the privacy policy,
    a user agreement or an annex is buried, not 显著), and `filing.public_info_link` must point
    to the public filing information: the CAC's query system or announcement, or a provincial
    regulator's (Article 25 has both publish filings), that is a host under gov.cn. A link to
    the provider's own page is not the public information.

    ## Fails
    ```yaml
    filing:
      status: filed
      number: 网信算备110108823483902220017号
      filed_on: "2022-08-12"
    ```

    ## Passes
    ```yaml
    filing:
      status: filed
      number: 网信算备110108823483902220017号
      filed_on: "2022-08-12"
      display:
        - product: demo-app
          surface: settings
          location: {zh: 我的 → 设置 → 关于 → 算法备案信息}
      public_info_link: https://beian.cac.gov.cn/#/index
    ```
    """

    code, name, severity = "A26-DISPLAY", "filing-displayed", Severity.ERROR
    citation = Citation(
        ALGO,
        26,
        quote="在其对外提供服务的网站、应用程序等的显著位置标明其备案编号并提供公示信息链接",
    )
    message = "已备案，但没有说明备案编号的展示位置或公示信息链接"
    fix = (
        "在 `filing.display` 为每个产品列出产品界面中标明备案编号的位置，并让 "
        "`filing.public_info_link` 指向网信部门的备案公示（如 https://beian.cac.gov.cn/#/index）"
    )

    def applies(self, algo: Algorithm) -> bool:
        # An algorithm that generates content is filed as deep synthesis: DS19-DISPLAY reports
        # the same check under 深度合成 第十九条, so the finding is not given twice.
        return algo.filing.status == "filed" and not makes_content(algo)

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        display = algo.filing.display
        for i, place in enumerate(display):
            buried = first(LEGAL_DOCUMENT, place.location.zh)
            if buried:
                yield Hit(
                    ("filing", "display", i, "location"),
                    f"备案编号放在「{buried}」中：协议和政策文本不是显著位置，须在产品界面中标明",
                )
        shown = {p.product for p in display if not LEGAL_DOCUMENT.search(p.location.zh)}
        for ref in algo.products:
            if ref.product not in shown:
                yield Hit(
                    ("filing", "display"),
                    f"产品 `{ref.product}` 中没有标明备案编号的位置",
                )
        link = algo.filing.public_info_link
        host = urlsplit(link).hostname or ""
        if not link:
            yield Hit(("filing", "public_info_link"), "没有公示信息链接 `filing.public_info_link`")
        elif not (host == "gov.cn" or host.endswith(".gov.cn")):
            yield Hit(
                ("filing", "public_info_link"),
                f"公示信息链接指向 `{host}`："
                "须链接网信部门公示备案信息的页面（如 beian.cac.gov.cn）",
            )
