"""DG-NUMBERS: keep tuning parameters (weights, thresholds) out of public text."""

from __future__ import annotations

import re
from collections.abc import Iterator

from disclosure_gen.check.findings import Severity
from disclosure_gen.check.rules.base import Hit, Rule
from disclosure_gen.check.rules.tex_symbols import scan
from disclosure_gen.check.rules.texts import iter_texts, plain
from disclosure_gen.content.model.algorithm import Algorithm

_CN = "零一二两三四五六七八九十百千万点"
_KEYWORD = r"权重|阈值|系数|门槛|比例|倍(?!速)|加权|weights?|thresholds?|coefficients?|multipliers?"
_VERSION = re.compile(r"(?:[vV]|版本\s*)\d+(?:\.\d+)+|\d+(?:\.\d+)+\s*版|\d+(?:\.\d+){2,}")
_PATTERNS = (
    re.compile(r"(?<![\d.])\d+\.\d+(?![\d.])"),  # decimals
    re.compile(rf"\d+(?:\.\d+)?\s*[%％‰]|百分之[{_CN}]+"),  # percentages
    re.compile(rf"(?:{_KEYWORD})\D{{0,8}}?(\d+(?:\.\d+)?)", re.I),  # 权重为 3, threshold of 100
    re.compile(rf"(\d+(?:\.\d+)?|[零一二两三四五六七八九十百]+)\s*(?:{_KEYWORD})", re.I),  # 3 倍
)
#: Sentence punctuation that ends the window between a keyword and its number.
_BREAK = re.compile(r"[。！？；，,;!?\n]")
#: Every pattern needs one of these; most texts have none, and one scan is cheaper than six.
_MAYBE = re.compile(rf"\d|百分之|{_KEYWORD}", re.I)
_SENTENCE = re.compile(r"[^。！？；!?;\n]+")
#: Numbers transparency asks for: fees, fares, commission caps, surcharges, pay (清朗 task 3,
#: Art. 20) — a published price is a rule users are owed, not a parameter to game.
_MONEY = re.compile(
    r"费|价|元|抽成|佣金|提成|补贴|奖励|收入|报酬|工资|收费|折扣|优惠|满减|返现|结算|分成|fee|fare|price|"
    r"commission|surcharge|pay\b",
    re.I,
)
#: The share of a feed given to editors' picks (Art. 12, 清朗 task 1): how much is hand-made.
_EDITORIAL = re.compile(r"(?:人工|编辑|精选|要闻|运营|推荐位).{0,20}(?:占|比例|比重)|editor", re.I)


def _transparency(sentence: str) -> bool:
    return bool(_MONEY.search(sentence) or _EDITORIAL.search(sentence))


def _numbers(text: str) -> list[str]:
    if not _MAYBE.search(text):
        return []
    text = _VERSION.sub(" ", plain(text))
    # Blank out fee and editorial-share sentences, keeping offsets for the ordering below.
    text = _SENTENCE.sub(
        lambda m: " " * len(m.group(0)) if _transparency(m.group(0)) else m.group(0), text
    )
    found: list[tuple[int, str]] = []
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            group = 1 if pattern.groups else 0
            if _BREAK.search(m.group(0)):
                continue
            found.append((m.start(group), m.group(group).strip()))
    seen: list[str] = []
    for _, number in sorted(found):
        if number not in seen:
            seen.append(number)
    return seen


def _allowed(number: str, algo: Algorithm) -> bool:
    def bare(s: str) -> str:
        return re.sub(r"[\s%％‰]", "", s)

    return any(a.value == number or bare(a.value) == bare(number) for a in algo.allowed_numbers)


class NumbersNotLeaked(Rule):
    r"""Public text and formulas do not publish exact weights or thresholds.

    ## Why
    A protective practice, not a legal duty (so there is no citation and the code starts
    `DG-`): exact weights and thresholds let people game a ranking (刷量), and they change
    with every tuning, so the disclosure goes stale. Describe relative importance in words
    instead. Flagged: numeric constants other than 0 and 1 in formula TeX (integers in
    sub/superscripts are indices and exponents, and pass), and in prose decimals,
    percentages, and numbers next to 权重、阈值、系数、门槛、比例、倍 or weight/threshold/
    coefficient. Counts such as 「7 天」 or 「第 1 步」, version numbers, chart data and
    explorable example values are not flagged, nor are numbers transparency asks for: fees,
    fares, commission caps and surcharges in a sentence about money (清朗 task 3, Art. 20) and
    the share of a feed given to editors' picks (Art. 12). A number listed in
    `allowed_numbers` passes.

    ## Fails
    ```yaml
    formulas:
      - id: score
        title: {zh: 得分}
        tex: 'S = 0.35 x'
        text: {zh: 得分 S 与 x 成正比}
        symbols:
          - {symbol: S, meaning: {zh: 得分}}
          - {symbol: x, meaning: {zh: 观看时长}}
    ```

    ## Passes
    ```yaml
    principles: {zh: 完播比点赞更重要；互动门槛为 3 次，达到后才可能进入热门}
    allowed_numbers:
      - {value: "3", reason: 门槛是公开的上榜规则}
    ```
    """

    code, name, severity = "DG-NUMBERS", "numbers-not-leaked", Severity.WARNING
    citation = None
    heuristic = True
    message = "公开文本中出现了具体的权重或阈值"
    fix = "改用文字说明相对重要程度；确需公开的数值列入 `allowed_numbers` 并写明理由"

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        for i, formula in enumerate(algo.formulas):
            for number in dict.fromkeys(scan(formula.tex).numbers):
                if not _allowed(number, algo):
                    yield Hit(("formulas", i, "tex"), f"公式中出现了具体数值 `{number}`")
        for path, text in iter_texts(algo, skip=frozenset({"charts"})):
            numbers = _numbers(text.zh) + [n for n in _numbers(text.en) if n not in text.zh]
            for number in dict.fromkeys(numbers):
                if not _allowed(number, algo):
                    yield Hit(path, f"文本中出现了可能是权重或阈值的数值 `{number}`")
