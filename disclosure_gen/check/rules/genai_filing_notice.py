"""The CAC generative-AI filing announcements: name the model and its number where users see it.

The announcements publishing the filed (备案) and registered (登记) generative-AI services tell
every app or function that uses one to show, prominently or on its product-detail page, the
model's name and its 备案号 (2025 wording: 备案号或上线编号). regulations.md §4.1 has the text
from three agreeing reprints; as a regulator's formal announcement it gives errors (§7.1).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from disclosure_gen.check.findings import Severity
from disclosure_gen.check.rules.base import Citation, Hit, Rule
from disclosure_gen.check.rules.laws import GENAI_FILING_NOTICE
from disclosure_gen.content.model.algorithm import Algorithm

#: Observed forms (regulations.md §4.1): <Province>-<Name>-<YYYYMMDD> (备案 2023–2024),
#: …-<YYYYMMDD><NNNN> (备案 2025 on), …-<YYYYMMDD>S<NNNN> (登记, local CAC).
NUMBER_RE = re.compile(r"^[A-Za-z]+-[A-Za-z0-9]+-(\d{8}|\d{12}|\d{8}S\d{4})$")
_KIND = {"filed": "备案号", "registered": "上线编号"}


class ModelDisplayed(Rule):
    """Each model an AI feature uses is named, with its number, where users of each product see it.

    ## Why
    The CAC announcements on generative-AI filings: an app or function that is online must show
    「在显著位置或产品详情页面」 the filed service it uses, 「注明模型名称及备案号」 (from 2025 also
    a registration's 上线编号). So `generative.models` lists every model with its `number`, and
    each model has a `display` placement in every product the algorithm runs in, as Article 26
    asks for the algorithm's own number. A number kept only in the filing papers is shown
    nowhere.

    ## Fails
    ```yaml
    generative:
      outputs: [text]
      models:
        - name: {zh: 示例大模型}
          kind: filed
          number: Beijing-ShiLi-20240315
    ```

    ## Passes
    ```yaml
    generative:
      outputs: [text]
      models:
        - name: {zh: 示例大模型}
          kind: filed
          number: Beijing-ShiLi-20240315
          display:
            - product: demo-app
              surface: settings
              location: {zh: 我的 → 设置 → 关于 → 算法及模型备案信息}
    ```
    """

    code, name, severity = "GAI-MODEL-DISPLAY", "genai-model-displayed", Severity.ERROR
    citation = Citation(
        GENAI_FILING_NOTICE,
        0,
        quote="应在显著位置或产品详情页面公示所使用已备案生成式人工智能服务情况，注明模型名称及备案号",
    )
    message = "没有公示所用生成式人工智能模型的名称和备案号（或上线编号）"
    fix = (
        "在 `generative.models` 列出每个模型的 `name`、`number`，"
        "并在 `display` 为每个产品写明展示位置"
    )

    def applies(self, algo: Algorithm) -> bool:
        return algo.generative is not None

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        assert algo.generative is not None
        if not algo.generative.models:
            yield Hit(("generative", "models"), "没有列出所用的模型：`generative.models` 为空")
        for i, model in enumerate(algo.generative.models):
            path = ("generative", "models", i)
            if not model.number:
                yield Hit(
                    (*path, "number"),
                    f"模型「{model.name.zh}」没有{_KIND.get(model.kind, '备案号')} `number`",
                )
            if not model.display:
                yield Hit(
                    (*path, "display"),
                    f"模型「{model.name.zh}」的名称和编号没有写明展示位置：`display` 为空",
                )
                continue
            shown = {p.product for p in model.display}
            for ref in algo.products:
                if ref.product not in shown:
                    yield Hit(
                        (*path, "display"),
                        f"模型「{model.name.zh}」的名称和编号没有在产品 `{ref.product}` 中展示",
                    )


class ModelNumberFormat(Rule):
    r"""A model's number has the observed form of a 备案号 or, for a registration, an 上线编号.

    ## Why
    The announcements ask for the 备案号 or 上线编号 as the lists publish it. Every number seen
    has the form `<省份>-<名称>-<日期>`: 8 digits (备案, 2023–2024), 12 digits (备案, from 2025) or
    8 digits, `S` and 4 digits (登记). A registration (`kind: registered`) has the `S` form and a
    filing does not. No official format was found, so a mismatch is a warning — most often a
    typo, a full-width character or an algorithm's 网信算备 number in the wrong field.

    ## Fails
    ```yaml
    generative:
      outputs: [text]
      models:
        - name: {zh: 示例大模型}
          kind: registered
          number: Beijing-ShiLi-20240315
    ```

    ## Passes
    ```yaml
    generative:
      outputs: [text]
      models:
        - name: {zh: 示例大模型}
          kind: registered
          number: Beijing-ShiLi-20250905S0005
    ```
    """

    code, name, severity = "GAI-NUMBER-FORMAT", "genai-number-format", Severity.WARNING
    citation = Citation(GENAI_FILING_NOTICE, 1, quote="包括模型名称、备案号或上线编号")
    message = "模型编号不符合备案号或上线编号的常见格式"
    fix = (
        "按公示名单原样填写 `number`，例如 `Beijing-XXX-20240315`（备案）"
        "或 `Shanghai-XXX-20251011S0116`（登记）"
    )

    def applies(self, algo: Algorithm) -> bool:
        return algo.generative is not None

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        assert algo.generative is not None
        for i, model in enumerate(algo.generative.models):
            match = NUMBER_RE.match(model.number)
            if not model.number:
                continue
            path = ("generative", "models", i, "number")
            if not match:
                yield Hit(path, f"`{model.number}` 不符合「省份-名称-日期」的编号格式")
            elif ("S" in match.group(1)) != (model.kind == "registered"):
                expected = (
                    "登记的上线编号应为「日期 + S + 4 位数字」"
                    if model.kind == "registered"
                    else "备案号不含「S」，含「S」的是登记的上线编号"
                )
                yield Hit(path, f"`{model.number}` 与 `kind: {model.kind}` 不符：{expected}")
