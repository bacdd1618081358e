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
        if f.heuristic:
            lines.append("    basis: 启发式检查，法律没有规定这一阈值")
        if f.severity_source and f.default_severity is not None:
            lines.append(
                f"    severity: 由 {f.severity_source} 从 {f.default_severity.value} "
                f"调为 {f.severity.value}"
            )
        if f.waived:
            lines.append(f"    waived: {f.waived}")
    if report.skipped:
        by = "、".join(sorted({f"--{how}" for _, how in report.skipped}))
        codes = "、".join(code for code, _ in report.skipped)
        lines.append(f"未执行的强制性规则（{by}）：{codes}")
    errors, warnings = report.count(Severity.ERROR), report.count(Severity.WARNING)
    waived = sum(1 for f in report.findings if f.waived)
    summary = f"{len(report.files)} 个文件：{errors} 个错误，{warnings} 个警告"
    if waived:
        summary += f"，{waived} 个已豁免"
    lines.append(summary)
    return "\n".join(lines) + "\n"
