"""`[tool.disclosure-gen] severity`: a project may change a code's severity (REVIEW-OVERDUE)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from support import apply_case, write_content


def project(tmp_path: Path, settings: str) -> Path:
    site, algo = apply_case({"name": "x", "set": {"review_by": "2026-10-31"}})
    write_content(tmp_path, site, [algo])
    (tmp_path / "pyproject.toml").write_text(
        f"[tool.disclosure-gen]\n{settings}\n", encoding="utf-8"
    )
    return tmp_path


def test_review_overdue_fails_by_default(tmp_path: Path, run_cli: Any) -> None:
    project(tmp_path, "")
    result = run_cli("check", "--today", "2026-11-25", cwd=tmp_path)
    assert result.exit_code == 1
    assert "REVIEW-OVERDUE error" in result.stdout
    assert run_cli("check", "--today", "2026-10-31", cwd=tmp_path).exit_code == 0


def test_review_overdue_can_be_a_warning(tmp_path: Path, run_cli: Any) -> None:
    project(tmp_path, 'severity = {REVIEW-OVERDUE = "warning"}')
    result = run_cli("check", "--today", "2026-11-25", cwd=tmp_path)
    assert result.exit_code == 0
    assert "REVIEW-OVERDUE warning" in result.stdout


def test_bad_severity_settings_are_refused(tmp_path: Path, run_cli: Any) -> None:
    project(tmp_path, 'severity = {NO-SUCH-CODE = "warning"}')
    result = run_cli("check", "--today", "2026-11-25", cwd=tmp_path)
    assert result.exit_code == 2 and "未知的规则代码 `NO-SUCH-CODE`" in result.stderr
    project(tmp_path, 'severity = {REVIEW-OVERDUE = "fatal"}')
    assert run_cli("check", cwd=tmp_path).exit_code == 2
    project(tmp_path, 'severity = {QL-COCOON = "error"}')
    result = run_cli("check", cwd=tmp_path)
    assert result.exit_code == 2 and "非强制性文件" in result.stderr
