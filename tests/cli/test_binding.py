"""Binding errors cannot be switched off quietly: waivers, project severities, select/ignore."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from support import TODAY, apply_case, write_content

VAGUE = {"zh": "我们使用先进算法为您推荐"}
GOOD_WAIVER = {
    "code": "A16-PRINCIPLE",
    "reason": "新版基本原理正在法务审核，预计下月发布",
    "approved_by": "合规部 张三",
    "expires": "2026-12-31",
}


def _project(tmp_path: Path, case: dict[str, Any], settings: str = "") -> Path:
    site, algo = apply_case({"name": "x", **case})
    write_content(tmp_path, site, [algo])
    (tmp_path / "pyproject.toml").write_text(
        f"[tool.disclosure-gen]\n{settings}\n", encoding="utf-8"
    )
    return tmp_path


def _report(run_cli: Any, tmp_path: Path, *args: str) -> tuple[int, dict[str, Any]]:
    result = run_cli("check", "--format", "json", "--today", TODAY.isoformat(), *args, cwd=tmp_path)
    return result.exit_code, json.loads(result.stdout)


def test_an_approved_dated_waiver_of_a_binding_rule_applies(tmp_path: Path, run_cli: Any) -> None:
    _project(tmp_path, {"set": {"principles": VAGUE, "waivers": [GOOD_WAIVER]}})
    code, report = _report(run_cli, tmp_path)
    assert code == 0
    waived = [f for f in report["findings"] if f["code"] == "A16-PRINCIPLE"]
    assert [f["waived"] for f in waived] == [GOOD_WAIVER["reason"]]


@pytest.mark.parametrize(
    ("change", "gap"),
    [
        ({"approved_by": None}, "没有批准人"),
        ({"expires": None}, "没有到期日"),
        ({"expires": "2028-06-30"}, "超过 365 天的上限"),
        ({"reason": "暂不修改"}, "不足 10 字"),
        ({"reason": "TODO TODO TODO"}, None),
    ],
    ids=["no-approver", "no-expiry", "too-far", "short-reason", "placeholder"],
)
def test_an_incomplete_waiver_of_a_binding_rule_is_an_error_and_does_not_apply(
    tmp_path: Path, run_cli: Any, change: dict[str, Any], gap: str | None
) -> None:
    waiver = {k: v for k, v in {**GOOD_WAIVER, **change}.items() if v is not None}
    if gap is None:
        waiver["reason"] = "TODO"
    _project(tmp_path, {"set": {"principles": VAGUE, "waivers": [waiver]}})
    code, report = _report(run_cli, tmp_path)
    assert code == 1
    by_code = {f["code"]: f for f in report["findings"]}
    assert by_code["A16-PRINCIPLE"]["waived"] is None
    binding = by_code["DG-WAIVER-BINDING"]
    assert binding["severity"] == "error" and binding["path"] == "waivers[0]"
    assert gap is None or gap in binding["message"]
    assert "DG-WAIVER-UNUSED" not in by_code


def test_a_non_binding_rule_is_waived_with_a_reason_alone(tmp_path: Path, run_cli: Any) -> None:
    waiver = {"code": "GUIDE-OBJECTIVES", "reason": "待产品确认"}
    _project(tmp_path, {"unset": ["objectives"], "set": {"waivers": [waiver]}})
    code, report = _report(run_cli, tmp_path, "--fail-on", "warning")
    assert code == 0
    assert [f["waived"] for f in report["findings"]] == ["待产品确认"]


def test_a_lowered_binding_rule_says_from_what_and_by_whom(tmp_path: Path, run_cli: Any) -> None:
    _project(tmp_path, {"unset": ["review_by"]}, 'severity = {REVIEW-MISSING = "warning"}')
    code, report = _report(run_cli, tmp_path)
    assert code == 0
    [finding] = report["findings"]
    assert finding["code"] == "REVIEW-MISSING" and finding["severity"] == "warning"
    assert finding["default_severity"] == "error"
    assert finding["severity_source"] == "pyproject.toml [tool.disclosure-gen] severity"
    text = run_cli("check", "--today", TODAY.isoformat(), cwd=tmp_path).stdout
    assert (
        "severity: 由 pyproject.toml [tool.disclosure-gen] severity 从 error 调为 warning" in text
    )


def test_review_missing_is_an_error_by_default(tmp_path: Path, run_cli: Any) -> None:
    _project(tmp_path, {"unset": ["review_by"]})
    code, report = _report(run_cli, tmp_path)
    assert code == 1
    assert [(f["code"], f["severity"]) for f in report["findings"]] == [("REVIEW-MISSING", "error")]


@pytest.mark.parametrize(
    ("settings", "says"),
    [
        ('severity = {A16-PRINCIPLE = "info"}', "不能设为 info"),
        ('ignore = ["A17"]', "`ignore` 会关闭依据法律条文的规则"),
        ('select = ["A16"]', "`select` 会关闭依据法律条文的规则"),
    ],
    ids=["info", "ignore", "select"],
)
def test_a_project_cannot_switch_a_binding_rule_off(
    tmp_path: Path, run_cli: Any, settings: str, says: str
) -> None:
    _project(tmp_path, {}, settings)
    result = run_cli("check", "--today", TODAY.isoformat(), cwd=tmp_path)
    assert result.exit_code == 2
    assert says in result.stderr


def test_a_project_may_ignore_a_heuristic(tmp_path: Path, run_cli: Any) -> None:
    _project(
        tmp_path,
        {"set": {"principles": {"zh": "根据观看记录估计兴趣，兴趣高的排在前面"}}},
        'ignore = ["A16-PRINCIPLE-DETAIL"]',
    )
    assert (
        run_cli(
            "check", "--fail-on", "warning", "--today", TODAY.isoformat(), cwd=tmp_path
        ).exit_code
        == 0
    )


def test_binding_rules_left_out_on_the_command_line_are_listed(
    tmp_path: Path, run_cli: Any
) -> None:
    _project(tmp_path, {"set": {"principles": VAGUE}})
    code, report = _report(run_cli, tmp_path, "--ignore", "A16")
    assert code == 0
    skipped = {s["code"]: s["by"] for s in report["skipped_binding"]}
    assert skipped["A16-PRINCIPLE"] == "ignore" and "A16-PRINCIPLE-DETAIL" not in skipped
    text = run_cli("check", "--select", "A17", "--today", TODAY.isoformat(), cwd=tmp_path).stdout
    line = text.splitlines()[-2]
    assert line.startswith("未执行的强制性规则（--select）：") and "A16-PRINCIPLE" in line


def test_heuristic_findings_are_marked(tmp_path: Path, run_cli: Any) -> None:
    _project(tmp_path, {"set": {"principles": {"zh": "根据观看记录估计兴趣，兴趣高的排在前面"}}})
    _, report = _report(run_cli, tmp_path)
    [finding] = report["findings"]
    assert finding["code"] == "A16-PRINCIPLE-DETAIL" and finding["heuristic"] is True
    text = run_cli("check", "--today", TODAY.isoformat(), cwd=tmp_path).stdout
    assert "    basis: 启发式检查，法律没有规定这一阈值" in text


def test_a_site_yaml_problem_is_reported_once(tmp_path: Path, run_cli: Any) -> None:
    site, algo = apply_case({"name": "x", "unset": ["site.service_rules"]})
    other = {**algo, "id": "other"}
    write_content(tmp_path, site, [algo, other])
    _, report = _report(run_cli, tmp_path)
    assert [f["code"] for f in report["findings"]] == ["A7-SERVICE-RULES"]
