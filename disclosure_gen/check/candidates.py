"""The candidate rules of the legal reference (regulations.md §7.2) and what became of each.

Every candidate is implemented — by the rule codes listed — or dropped with the reason a reader
of `disclosure-gen rules --all` needs: why a YAML disclosure cannot or need not check it.
A test keeps the listed codes in step with the catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Candidate:
    """One row of §7.2: its proposed id, the codes that implement it, and a note."""

    id: str
    codes: tuple[str, ...]
    note: str = ""

    @property
    def implemented(self) -> bool:
        return bool(self.codes)

    @property
    def status(self) -> str:
        """``implemented`` or ``dropped``."""
        return "implemented" if self.codes else "dropped"


CANDIDATES: tuple[Candidate, ...] = (
    Candidate("A16-NOTICE", ("A16-NOTICE",)),
    Candidate("A16-PRINCIPLE", ("A16-PRINCIPLE", "A16-PRINCIPLE-DETAIL")),
    Candidate("A16-PURPOSE", ("A16-PURPOSE",)),
    Candidate("A16-MECHANISM", ("A16-MECHANISM",)),
    Candidate("A16-PUBLISHED", ("A16-PUBLISHED",)),
    Candidate("FIL-FIELDS-SCENARIO", ("FIL-SCENARIO",)),
    Candidate("FIL-FIELDS-NAME", ("FIL-NAME",)),
    Candidate("GUIDE-OBJECTIVES", ("GUIDE-OBJECTIVES",)),
    Candidate(
        "A12-STAGE-RULES",
        ("A12-STAGES", "QL-COCOON"),
        "去重、打散的部分由 QL-COCOON 检查 `diversity`",
    ),
    Candidate("A7-SERVICE-RULES", ("A7-SERVICE-RULES",)),
    Candidate("A17-OPTION", ("A17-OPTION",)),
    Candidate("A17-IMMEDIATE-STOP", ("A17-IMMEDIATE-STOP",)),
    Candidate("A17-TAGS", ("A17-TAGS",)),
    Candidate("A17-EXPLAIN", ("A17-EXPLAIN",)),
    Candidate(
        "NDS42-OFF-SWITCH",
        ("NDS42-OFF-SWITCH", "NDS42-OFF-SWITCH-DEPTH"),
        "拒绝推送和删除标签由 PIPL24-PUSH-OPTOUT、A17-TAGS 检查",
    ),
    Candidate("PIPL24-MARKETING-OPTOUT", ("PIPL24-PUSH-OPTOUT",)),
    Candidate("ECL18-SEARCH", ("ECL18-SEARCH",)),
    Candidate("A22-COMPLAINTS", ("A22-COMPLAINTS", "A22-RESPONSE-TIME", "A22-RESPONSE-PROMPT")),
    Candidate("A24-FILING-DUE", ("A24-INITIAL-FILING", "A24-INITIAL-DUE", "A24-FILING-STATUS")),
    Candidate(
        "A24-FILING-CONTENTS",
        (),
        "不单独检查：提供者名称、算法类别、应用产品由 schema 和 FIL-CATEGORY 保证，应用领域即 "
        "`scenarios`（FIL-SCENARIO），拟公示内容即 A16 各项；算法自评估报告是内部备案材料，"
        "不写入公开的 YAML",
    ),
    Candidate("A24-CHANGE-FILED", ("A24-CHANGE-FILING", "A24-CHANGE-DUE", "A24-FILING-HASH")),
    Candidate("A24-DEREGISTER", ("A24-DEREGISTER", "A24-DEREGISTER-DUE")),
    Candidate("A26-DISPLAY", ("A26-DISPLAY",)),
    Candidate("FIL-NUMBER-FORMAT", ("FIL-NUMBER-FORMAT",)),
    Candidate("FIL-NUMBER-YEAR", ("FIL-NUMBER-YEAR",)),
    Candidate("FIL-CATEGORY", ("FIL-CATEGORY",)),
    Candidate("FIL-MAIN-USE", ("FIL-MAIN-USE",), "检查 `scenarios` 是否为「应用于…，根据…」的写法"),
    Candidate("FIL-NO-ENDORSEMENT", ("FIL-NO-ENDORSEMENT",)),
    Candidate("A27-SECURITY-ASSESSMENT", ("A27-SECURITY-ASSESSMENT",)),
    Candidate(
        "A8-NO-ADDICTION",
        ("REVIEW-MISSING", "REVIEW-OVERDUE"),
        "定期审核由 `review_by` 检查；「不设置诱导沉迷模型」的自我声明不采用：一个 true "
        "证明不了什么，目的意图（A16-PURPOSE）才是提供者说明不追求使用时长的地方",
    ),
    Candidate(
        "A9-SYNTH-LABEL", ("A9-SYNTH-LABEL",), "生成合成服务自身输出的标识见生成式人工智能规则"
    ),
    Candidate("A10-TAG-RULES", ("A10-TAG-RULES",)),
    Candidate("A11-INTERVENTION", ("A11-INTERVENTION",)),
    Candidate(
        "A14-NO-MANIPULATION",
        ("A14-NO-MANIPULATION",),
        "公示无法证明没有操纵；检查的是文本自己承认人工或付费调整排序",
    ),
    Candidate("A18-MINORS", ("A18-MINORS", "A18-NO-HARM")),
    Candidate("MIN-NO-AUTO-MARKETING", ("MIN-NO-AUTO-MARKETING",)),
    Candidate("A19-ELDERLY", ("A19-ELDERLY",)),
    Candidate("A20-WORKER-ALGOS", ("A20-WORKER-RULES",)),
    Candidate("QL-WORKER-PUBLISH", ("QL-WORKER-PUBLISH", "QL-WORKER-APPEALS")),
    Candidate("A21-NO-PRICE-DISCRIMINATION", ("A21-PRICE-FEATURES", "A21-PRICING")),
    Candidate("QL-COUPON-TRANSPARENCY", ("QL-COUPON-TRANSPARENCY",)),
    Candidate("QL-COCOON", ("QL-COCOON",)),
    Candidate("QL-HOTLIST-DISCLOSE", ("QL-HOTLIST-DISCLOSE",)),
    Candidate("QL-HOTLIST-LOGS", ("QL-HOTLIST-LOGS",)),
    Candidate("PIPL17-PRIVACY-SECTION", ("PIPL17-PRIVACY-SECTION",)),
    Candidate(
        "NDS21-LISTS",
        (),
        "不需要检查：隐私政策导出总是把 `inputs` 渲染为清单（表格），不会写成段落",
    ),
    Candidate("PIPL17-PLAIN-LANGUAGE", ("PLAIN-SENTENCE-LENGTH", "PLAIN-JARGON")),
    Candidate("PIPL48-EXPLAIN-CHANNEL", ("PIPL48-EXPLAIN-CHANNEL",)),
    Candidate("GAI10-AUDIENCE", ("GAI10-AUDIENCE", "GAI10-MINORS")),
    Candidate("GAI-MODEL-DISPLAY", ("GAI-MODEL-DISPLAY",)),
    Candidate("GAI-NUMBER-FORMAT", ("GAI-NUMBER-FORMAT",)),
    Candidate("DS17-EXPLICIT-LABEL", ("DS17-EXPLICIT-LABEL",)),
    Candidate("LBL5-IMPLICIT-LABEL", ("LBL5-IMPLICIT-LABEL",)),
    Candidate("LBL8-USER-AGREEMENT", ("LBL8-USER-AGREEMENT",)),
    Candidate("LBL12-FILING-MATERIALS", ("LBL12-FILING-MATERIALS",)),
    Candidate("DS19-DISPLAY", ("DS19-DISPLAY",)),
)
