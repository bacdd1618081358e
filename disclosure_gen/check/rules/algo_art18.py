"""Article 18: services for minors describe their protections."""

from __future__ import annotations

from collections.abc import Iterator

from disclosure_gen.check.findings import Severity
from disclosure_gen.check.rules.base import Citation, Hit, Rule
from disclosure_gen.check.rules.laws import ALGO
from disclosure_gen.content.model.algorithm import Algorithm


class MinorsProtected(Rule):
    """A service used by minors says how it protects them.

    ## Why
    Article 18(1): providers serving minors must meet their protection duties, for example
    with a mode suited to minors. When `flags.serves_minors` is set, `minors.protections`
    must describe what the algorithm does differently for minors.

    ## Fails
    ```yaml
    flags: {serves_minors: true}
    ```

    ## Passes
    ```yaml
    flags: {serves_minors: true}
    minors:
      protections: {zh: 青少年模式下只推荐适龄内容，不使用个性化推荐}
    ```
    """

    code, name, severity = "A18-MINORS", "minors-protected", Severity.ERROR
    citation = Citation(
        ALGO,
        18,
        paragraph=1,
        quote="通过开发适合未成年人使用的模式、提供适合未成年人特点的服务等方式",
    )
    message = "服务面向未成年人，但没有说明保护措施：`minors.protections` 为空"
    fix = "在 `minors.protections` 说明未成年人模式等保护措施"

    def applies(self, algo: Algorithm) -> bool:
        return algo.flags.serves_minors

    def check(self, algo: Algorithm) -> Iterator[Hit]:
        if algo.minors is None:
            yield Hit(("minors",))
        elif not algo.minors.protections:
            yield Hit(("minors", "protections"))
