"""互联网信息服务深度合成管理规定 第十九条: show the deep-synthesis filing number, with a link."""

from __future__ import annotations

from disclosure_gen.check.findings import Severity
from disclosure_gen.check.rules.ai_scope import makes_content
from disclosure_gen.check.rules.algo_art26 import FilingDisplayed
from disclosure_gen.check.rules.base import Citation
from disclosure_gen.check.rules.laws import DEEP_SYNTHESIS
from disclosure_gen.content.model.algorithm import Algorithm


class DeepSynthesisFilingDisplayed(FilingDisplayed):
    """A filed AI feature shows its deep-synthesis filing number in every product, with a link.

    ## Why
    Article 19(3) of the Deep Synthesis Provisions: a filed deep-synthesis provider must show
    its 备案编号 in a prominent place of the websites and apps through which it serves, and link
    the public filing information — the duty Article 26 of the recommendation Provisions sets
    for every algorithm, stated for deep synthesis. An AI feature files through the same system
    (category 生成合成类), so its deep-synthesis number is `filing.number`. The check is the
    same as A26-DISPLAY's; this rule reports it for algorithms that generate content, with the
    more specific clause, and A26-DISPLAY leaves them alone.

    ## Fails
    ```yaml
    category: 生成合成类
    filing:
      status: filed
      number: 网信算备110108823483901230031号
      filed_on: "2023-09-01"
    ```

    ## Passes
    ```yaml
    category: 生成合成类
    filing:
      status: filed
      number: 网信算备110108823483901230031号
      filed_on: "2023-09-01"
      display:
        - product: demo-app
          surface: settings
          location: {zh: 我的 → 设置 → 关于 → 算法备案信息}
      public_info_link: https://beian.cac.gov.cn/#/index
    ```
    """

    code, name, severity = "DS19-DISPLAY", "deep-synthesis-filing-displayed", Severity.ERROR
    citation = Citation(
        DEEP_SYNTHESIS,
        19,
        paragraph=3,
        quote="在其对外提供服务的网站、应用程序等的显著位置标明其备案编号并提供公示信息链接",
    )
    message = "已完成深度合成备案，但没有说明备案编号的展示位置或公示信息链接"

    def applies(self, algo: Algorithm) -> bool:
        return algo.filing.status == "filed" and makes_content(algo)
