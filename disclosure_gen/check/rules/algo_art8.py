"""Article 8: the algorithm is reviewed periodically; `review_by` records the next review."""

from __future__ import annotations

from collections.abc import Iterator

from disclosure_gen.check.findings import Severity
from disclosure_gen.check.rules.base import Citation, Hit, Rule, RuleContext
from disclosure_gen.check.rules.laws import ALGO
from disclosure_gen.content.model.algorithm import Algorithm

_QUOTE = "定期审核、评估、验证算法机制机理、模型、数据和应用结果等"


class ReviewNotOverdue(Rule):
    """The disclosure's review date has not passed.

    ## Why
    Article 8 requires periodic review, assessment and verification of the mechanisms,
    models, data and outcomes. `review_by` is the date by which the algorithm and this
    disclosure are next reviewed; once the check date (`--today`) is past it, the review is
    overdue and the published text may no longer describe the algorithm.

    ## Fails
    ```yaml
    review_by: "2026-01-31"
    ```

    ## Passes
    ```yaml
    review_by: "2099-12-31"
    ```
    """

    code, name, severity = "REVIEW-OVERDUE", "review-not-overdue", Severity.ERROR
    citation = Citation(ALGO, 8, quote=_QUOTE)
    message = "复核已逾期：`review_by` 早于检查日期"
    fix = "复核算法和本公示内容，更新后把 `review_by` 改为下一次复核日期"

    def run(self, algo: Algorithm, ctx: RuleContext) -> Iterator[Hit]:
        if algo.review_by is not None and algo.review_by < ctx.today:
            yield Hit(
                ("review_by",),
                f"复核已逾期：`review_by` 为 {algo.review_by.isoformat()}，"
                f"早于检查日期 {ctx.today.isoformat()}",
            )


class ReviewScheduled(Rule):
    """The disclosure names the date of its next review.

    ## Why
    Article 8 makes periodic review, assessment and verification a duty (and Article 31
    penalises its breach). Without a `review_by` date nobody is reminded, REVIEW-OVERDUE can
    never fire, and the file shows no review at all, so a missing date is an error. The law sets
    no interval; the date is the provider's own.

    ## Fails
    ```yaml
    review_by: null
    ```

    ## Passes
    ```yaml
    review_by: "2099-12-31"
    ```
    """

    code, name, severity = "REVIEW-MISSING", "review-scheduled", Severity.ERROR
    citation = Citation(ALGO, 8, quote=_QUOTE)
    message = "没有复核日期：`review_by` 为空"
    fix = "在 `review_by` 写明下一次复核算法和公示内容的日期"

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        if algo.review_by is None:
            yield Hit(("review_by",))
