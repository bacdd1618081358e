"""Human-readable report: ``file:line:col: CODE severity [path] message (citation)``."""

from __future__ import annotations

from disclosure_gen.check.findings import Report, Severity


def render(report: Report) -> str:
    """Render every finding with its fix and citation, then a summary line."""
    lines: list[str] = []
    for f in report.findings:
        cite = f" ({f.citation})" if f.citation else ""
        waived = " [已豁免]" if f.waived else ""
        head = f"{f.location}: {f.code} {f.severity.value}{waived}"
        lines.append(f"{head} [{f.location.path}] {f.message}{cite}")
        lines.append(f"    fix: {f.fix}")
        if f.quote:
            lines.append(f"    see: 「{f.quote}」")
        if f.waived:
            lines.append(f"    waived: {f.waived}")
    errors, warnings = report.count(Severity.ERROR), report.count(Severity.WARNING)
    waived = sum(1 for f in report.findings if f.waived)
    summary = f"{len(report.files)} 个文件：{errors} 个错误，{warnings} 个警告"
    if waived:
        summary += f"，{waived} 个已豁免"
    lines.append(summary)
    return "\n".join(lines) + "\n"
