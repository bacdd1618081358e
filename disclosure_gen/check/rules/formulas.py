"""Formulas are explained: every symbol, a text equivalent, and the weight of each term."""

from __future__ import annotations

from collections.abc import Iterator

from disclosure_gen.check.findings import Severity
from disclosure_gen.check.rules.base import Citation, Hit, Rule
from disclosure_gen.check.rules.laws import ALGO
from disclosure_gen.check.rules.tex_symbols import entry_key, key, scan
from disclosure_gen.content.model.algorithm import Algorithm

#: Article 12 encourages, rather than requires, explainable rules: hence warnings.
_EXPLAINABLE = Citation(
    ALGO, 12, quote="优化检索、排序、选择、推送、展示等规则的透明度和可解释性", encouraged=True
)


class SymbolsExplained(Rule):
    r"""Every symbol in a formula is explained, and every explained symbol occurs in it.

    ## Why
    Article 12 encourages transparent, explainable ranking and push rules. A formula whose
    letters are not explained explains nothing. Identifiers are read from the TeX: letters with
    their subscripts (`P_k`, `T_{m}`), Greek letters (`\lambda`) and indices of sums;
    operators such as `\sum`, `\max` and `\times` are ignored. An entry of `symbols` that does
    not occur in the formula is flagged too, usually a leftover from an older version.

    ## Fails
    ```yaml
    formulas:
      - id: score
        title: {zh: 得分}
        tex: 'S = \sum_{k} P_k \times W_k'
        text: {zh: 得分 S 是各项可能性与权重乘积之和}
        relative_importance: {zh: 权重越大的反应影响越大}
        symbols:
          - {symbol: S, meaning: {zh: 得分}}
          - {symbol: P_k, meaning: {zh: 反应 k 的可能性}}
          - {symbol: Q, meaning: {zh: 已不再使用的符号}}
    ```

    ## Passes
    ```yaml
    formulas:
      - id: score
        title: {zh: 得分}
        tex: 'S = \sum_{k} P_k \times W_k'
        text: {zh: 得分 S 是各项可能性与权重乘积之和}
        relative_importance: {zh: 权重越大的反应影响越大}
        symbols:
          - {symbol: S, meaning: {zh: 得分}}
          - {symbol: k, meaning: {zh: 一种反应}}
          - {symbol: P_k, meaning: {zh: 反应 k 的可能性}}
          - {symbol: 'W_{k}', meaning: {zh: 反应 k 的权重}}
    ```
    """

    code, name, severity = "FORMULA-SYMBOLS", "formula-symbols-explained", Severity.WARNING
    citation = _EXPLAINABLE
    message = "公式中的符号没有全部说明"
    fix = "在 `symbols` 中为公式里的每个符号写一条说明，并删除公式中没有的符号"

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        for i, formula in enumerate(algo.formulas):
            used = scan(formula.tex).identifiers
            explained = [entry_key(s.symbol) for s in formula.symbols]
            missing = [s for s in used if key(s) not in explained]
            if missing:
                names = "、".join(f"`{s}`" for s in missing)
                yield Hit(
                    ("formulas", i, "symbols"), f"公式中的符号 {names} 没有在 `symbols` 中说明"
                )
            used_keys = {key(s) for s in used}
            for j, entry in enumerate(formula.symbols):
                k = entry_key(entry.symbol)
                if k not in used_keys and key(entry.symbol) not in key(formula.tex):
                    yield Hit(
                        ("formulas", i, "symbols", j, "symbol"),
                        f"`symbols` 中的 `{entry.symbol}` 没有出现在公式中",
                    )


class FormulaExplained(Rule):
    r"""Each formula has a text equivalent and says how much each term counts.

    ## Why
    Article 12 encourages explainable rules, and a formula is only accessible with a text
    equivalent: `text` says the formula in words (screen readers and plain-text exports use
    it). `relative_importance` tells readers which inputs matter most, without publishing
    exact weights; it is needed once a formula combines two or more inputs.

    ## Fails
    ```yaml
    formulas:
      - id: heat
        title: {zh: 热度值}
        tex: 'H = Q + D'
        symbols:
          - {symbol: H, meaning: {zh: 热度值}}
          - {symbol: Q, meaning: {zh: 搜索热度}}
          - {symbol: D, meaning: {zh: 讨论热度}}
    ```

    ## Passes
    ```yaml
    formulas:
      - id: heat
        title: {zh: 热度值}
        tex: 'H = Q + D'
        text: {zh: 热度值 H 等于搜索热度 Q 加讨论热度 D}
        relative_importance: {zh: 两种热度同等相加}
        symbols:
          - {symbol: H, meaning: {zh: 热度值}}
          - {symbol: Q, meaning: {zh: 搜索热度}}
          - {symbol: D, meaning: {zh: 讨论热度}}
    ```
    """

    code, name, severity = "FORMULA-EXPLAINED", "formula-explained", Severity.WARNING
    citation = _EXPLAINABLE
    message = "公式缺少文字说明"
    fix = "在 `text` 用文字完整表述公式，在 `relative_importance` 说明各项的相对重要程度"

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        for i, formula in enumerate(algo.formulas):
            if not formula.text:
                yield Hit(("formulas", i, "text"), "公式缺少文字表述 `text`（供读屏软件使用）")
            if len(scan(formula.tex).identifiers) > 2 and not formula.relative_importance:
                yield Hit(
                    ("formulas", i, "relative_importance"),
                    "公式缺少各项相对重要程度的说明 `relative_importance`",
                )
