"""Waivers and project severities: the two ways a finding is switched off or lowered.

Both leave a trace. A waiver lives in the algorithm file and the finding stays in every report
as waived. Waiving a binding error — a rule resting on the text of a law whose default is
error — counts only with an approver, an expiry date within the limit and a reason of real
length; otherwise the waiver is itself an error (``DG-WAIVER-BINDING``) and the finding stays
active. A project severity (``[tool.disclosure-gen] severity``) may lower such a rule to warning
at most (``config`` refuses the rest), and every lowered finding records from what and by whom.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import replace
from datetime import date, timedelta

from disclosure_gen.check.findings import Finding, Location, Severity
from disclosure_gen.check.rules.base import Rule
from disclosure_gen.content.loader import Loaded, PathT, format_path
from disclosure_gen.content.model.algorithm import Algorithm, Waiver

#: Fewest characters (spaces not counted) a reason for waiving a binding rule must have.
MIN_REASON = 10
#: Reasons that say nothing, however long the field allows.
_PLACEHOLDER = re.compile(
    r"^(?:无|暂无|没有|待定|待补充|稍后补充|同上|略|见上|TODO|TBD|N/?A|test|测试|x+|-+|\.+|…+)$",
    re.I,
)


def tool_finding(
    code: str, message: str, fix: str, doc: Loaded, path: PathT, severity: Severity = Severity.ERROR
) -> Finding:
    """A finding of the engine itself (``DG-*``): no citation, located in ``doc``."""
    line, col = doc.locator.find(path)
    return Finding(
        code,
        code.lower().removeprefix("dg-"),
        severity,
        message,
        fix,
        Location(format_path(path) or "（顶层）", doc.file, line, col),
    )


def apply_severities(
    findings: list[Finding], levels: Mapping[str, str], source: str
) -> list[Finding]:
    """Set each finding's severity from ``levels``, recording the default and ``source``."""
    out = []
    for f in findings:
        level = levels.get(f.code)
        if level is not None and Severity(level) is not f.severity:
            f = replace(
                f, severity=Severity(level), default_severity=f.severity, severity_source=source
            )
        out.append(f)
    return out


def _path_covers(waiver_path: str, finding_path: str) -> bool:
    if not waiver_path:
        return True
    return finding_path == waiver_path or finding_path.startswith(
        (waiver_path + ".", waiver_path + "[")
    )


def _binding_gaps(w: Waiver, today: date, limit_days: int) -> list[str]:
    """What a waiver of a binding rule lacks: approver, expiry within the limit, a reason."""
    gaps = []
    if not w.approved_by.strip():
        gaps.append("没有批准人 `approved_by`")
    if w.expires is None:
        gaps.append("没有到期日 `expires`")
    elif w.expires > today + timedelta(days=limit_days):
        gaps.append(f"到期日 {w.expires.isoformat()} 超过 {limit_days} 天的上限")
    reason = "".join(w.reason.split())
    if len(reason) < MIN_REASON or _PLACEHOLDER.match(reason):
        gaps.append(f"理由「{w.reason.strip()}」不足 {MIN_REASON} 字，说不清为什么可以暂缓")
    return gaps


def apply_waivers(
    algo: Algorithm,
    doc: Loaded,
    findings: list[Finding],
    *,
    today: date,
    limit_days: int,
    known: Mapping[str, Rule],
    tool_codes: Collection[str],
) -> list[Finding]:
    """Mark the findings ``algo``'s waivers cover; add findings about the waivers themselves."""
    out: list[Finding] = []
    usable = []
    for w in algo.waivers:
        path: PathT = ("waivers", w.index)
        rule = known.get(w.code)
        if rule is None and w.code not in tool_codes:
            out.append(
                tool_finding(
                    "DG-WAIVER-UNKNOWN",
                    f"豁免的规则代码 `{w.code}` 不存在",
                    "用 `disclosure-gen rules` 查看规则代码",
                    doc,
                    (*path, "code"),
                )
            )
        elif w.expires and w.expires < today:
            out.append(
                tool_finding(
                    "DG-WAIVER-EXPIRED",
                    f"对 `{w.code}` 的豁免已于 {w.expires.isoformat()} 到期",
                    "整改问题后删除该豁免，或经批准后更新 `expires`",
                    doc,
                    (*path, "expires"),
                )
            )
        elif rule is not None and rule.binding_error and _binding_gaps(w, today, limit_days):
            gaps = "；".join(_binding_gaps(w, today, limit_days))
            out.append(
                tool_finding(
                    "DG-WAIVER-BINDING",
                    f"`{w.code}` 依据法律条文，豁免须有批准人、{limit_days} 天内的到期日"
                    f"和实在的理由：{gaps}。该豁免不生效",
                    "补全 `approved_by`、`expires` 和 `reason`，或整改问题后删除这条豁免",
                    doc,
                    path,
                )
            )
        else:
            if w.expires and w.expires > today + timedelta(days=limit_days):
                out.append(
                    tool_finding(
                        "DG-WAIVER-TOO-LONG",
                        f"豁免期限超过 {limit_days} 天（到 {w.expires.isoformat()}）",
                        "缩短 `expires`，到期前重新评估",
                        doc,
                        (*path, "expires"),
                        Severity.WARNING,
                    )
                )
            usable.append(w)
    used: set[int] = set()
    for f in findings:
        rule = known.get(f.code)
        codes = {f.code, *(rule.aliases if rule else ())}
        match = next(
            (w for w in usable if w.code in codes and _path_covers(w.path, f.location.path)), None
        )
        if match is not None:
            used.add(match.index)
            f = replace(f, waived=match.reason)
        out.append(f)
    for w in usable:
        if w.index not in used:
            out.append(
                tool_finding(
                    "DG-WAIVER-UNUSED",
                    f"对 `{w.code}` 的豁免没有匹配任何问题",
                    "删除这条不再需要的豁免",
                    doc,
                    ("waivers", w.index),
                    Severity.WARNING,
                )
            )
    return out
