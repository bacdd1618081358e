"""Filing practice for the 备案编号: its observed format and the year inside it.

The format is inferred from published numbers (regulations.md §3.4), so these are warnings. They
cite the published filing list, where the numbers appear (filing practice, not binding): Article
25 is the regulator's duty to issue a number, not a rule on its form.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from disclosure_gen.check.findings import Severity
from disclosure_gen.check.rules.base import Citation, Hit, Rule
from disclosure_gen.check.rules.laws import FILING_LIST
from disclosure_gen.content.model.algorithm import Algorithm

NUMBER_RE = re.compile(r"^网信算备([0-9]{21})号$")
_LISTED = Citation(FILING_LIST, 0, quote="备案编号")


class NumberFormat(Rule):
    r"""The filing number has the observed form 网信算备 + 21 digits + 号.

    ## Why
    The regulator issues the number (Article 25) and the provider shows it (Article 26). Every
    real number seen in the published filing lists and disclosures (2022–2026) matches
    `^网信算备[0-9]{21}号$`. No official format was found, so a mismatch is a warning citing the
    list's practice, most often a typo or a full-width digit.

    ## Fails
    ```yaml
    filing: {status: filed, number: 网信算备11010882348390222001号, filed_on: "2022-08-12"}
    ```

    ## Passes
    ```yaml
    filing: {status: filed, number: 网信算备110108823483902220017号, filed_on: "2022-08-12"}
    ```
    """

    code, name, severity = "FIL-NUMBER-FORMAT", "filing-number-format", Severity.WARNING
    citation = _LISTED
    message = "备案编号不符合常见格式「网信算备」+ 21 位数字 +「号」"
    fix = "按备案系统发放的编号原样填写 `filing.number`，使用半角数字"

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        if algo.filing.number and not NUMBER_RE.match(algo.filing.number):
            yield Hit(("filing", "number"))


class NumberYear(Rule):
    """The year digits of the filing number agree with the filing dates.

    ## Why
    regulations.md disagrees with itself. §3.4 reads the 21 digits as 6 (area) + 7 (entity)
    + 2 (category) + 2 (year) + 4 (sequence), which puts the year at digits 16–17; the §7.2
    table says 18–19. We use **16–17**: on every real number quoted there the year is at
    16–17 (网信算备110108823483902**22**0017号, first batch 2022; Kimi's …101**24**0015号,
    2024) while 18–19 read `00` and `00`. The segmentation is inferred, so this is a
    warning, and either `filed_on` or `submitted_on` may supply the year (a number applied
    for in December may be issued in January).

    ## Fails
    ```yaml
    filing: {status: filed, number: 网信算备110108823483902220017号, filed_on: "2024-08-12"}
    ```

    ## Passes
    ```yaml
    filing: {status: filed, number: 网信算备110108823483902220017号, filed_on: "2022-08-12"}
    ```
    """

    code, name, severity = "FIL-NUMBER-YEAR", "filing-number-year", Severity.WARNING
    citation = _LISTED
    message = "备案编号中的年份与备案日期不一致"
    fix = "核对 `filing.number` 和 `filing.filed_on` 是否抄错"

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        match = NUMBER_RE.match(algo.filing.number)
        dates = [d for d in (algo.filing.filed_on, algo.filing.submitted_on) if d]
        if not match or not dates:
            return
        year = match.group(1)[15:17]
        if all(f"{d.year % 100:02d}" != year for d in dates):
            yield Hit(
                ("filing", "number"),
                f"备案编号第 16–17 位为 `{year}`，与备案日期的年份 {dates[0].year} 不一致",
            )
