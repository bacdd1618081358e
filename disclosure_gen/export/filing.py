"""The 拟公示内容 of each algorithm: the rows the filing system publishes, ready to paste.

Rows follow filing practice (regulations.md §3.5): 算法名称, 算法基本原理, 算法运行机制,
算法应用场景, 算法目的意图, and 备案编号 once filed. The filing is Chinese, so the rows are
always Chinese. Each row carries its character count: Unicode characters of exactly the text
to paste, punctuation included and a line break counted as one, which is what a web form's
counter shows for Chinese text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from disclosure_gen.content.model.algorithm import Algorithm
from disclosure_gen.export.blocks import plain_rich
from disclosure_gen.export.common import colon, t, tx


@dataclass(frozen=True)
class FilingRow:
    label: str
    text: str

    @property
    def chars(self) -> int:
        return len(self.text)


@dataclass(frozen=True)
class FilingSheet:
    algorithm_id: str
    rows: tuple[FilingRow, ...]


def mechanism_text(algo: Algorithm, lang: str = "zh") -> str:
    """The 运行机制 row: the ordered stages as '1. 标题：说明' lines, one line per stage."""
    joiner = t(lang, "", " ")
    return "\n".join(
        f"{n}. {tx(m.title, lang)}{colon(lang)}"
        + joiner.join(plain_rich(tx(m.description, lang)).split("\n"))
        for n, m in enumerate(algo.mechanisms, start=1)
    )


def filing_sheet(algo: Algorithm) -> FilingSheet:
    """The rows for one algorithm (empty fields stay, so a gap is visible before filing)."""
    rows = [
        FilingRow("算法名称", algo.filing.algorithm_name or algo.name.zh),
        FilingRow("算法基本原理", plain_rich(algo.principles.zh)),
        FilingRow("算法运行机制", mechanism_text(algo)),
        FilingRow("算法应用场景", plain_rich(algo.scenarios.zh)),
        FilingRow("算法目的意图", plain_rich(algo.purpose.zh)),
    ]
    if algo.filing.status == "filed" and algo.filing.number:
        rows.append(FilingRow("备案编号", algo.filing.number))
    return FilingSheet(algo.id, tuple(rows))


def filing_text(algorithms: Sequence[Algorithm]) -> str:
    """Plain text to paste: each row's label and count, then its text exactly as counted."""
    out = ["拟公示内容", "=" * 40, ""]
    for algo in algorithms:
        sheet = filing_sheet(algo)
        out += [f"{algo.name.zh}（{algo.id}）", "-" * 40, ""]
        for row in sheet.rows:
            out += [f"【{row.label}】（{row.chars} 字）", row.text or "（空）", ""]
    return "\n".join(out).rstrip() + "\n"
