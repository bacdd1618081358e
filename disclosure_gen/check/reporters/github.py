"""GitHub Actions workflow commands, so findings show as annotations on pull requests."""

from __future__ import annotations

from disclosure_gen.check.findings import Report, Severity


def _escape(value: str, *, prop: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def render(report: Report) -> str:
    """One ``::error``/``::warning``/``::notice`` line per active finding."""
    level = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
    lines = []
    for f in report.active:
        loc = f.location
        title = _escape(f"{f.code} {f.name}", prop=True)
        body = f"{f.message}（{f.citation}）" if f.citation else f.message
        if f.heuristic:
            body += "\n（启发式检查：法律没有规定这一阈值）"
        if f.severity_source and f.default_severity is not None:
            old, new = f.default_severity.value, f.severity.value
            body += f"\n严重程度由 {f.severity_source} 从 {old} 调为 {new}"
        body += f"\n修改建议：{f.fix}"
        lines.append(
            f"::{level[f.severity]} file={_escape(loc.file, prop=True)},line={loc.line},"
            f"col={loc.column},title={title}::{_escape(body)}"
        )
    return "\n".join(lines) + ("\n" if lines else "")
