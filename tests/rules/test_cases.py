"""One case file per rule code: each named case patches the base and expects findings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from support import TODAY, apply_case, write_content

from disclosure_gen.check.engine import CheckOptions, check_paths

CASES_DIR = Path(__file__).parent / "cases"


def _cases() -> list[Any]:
    out = []
    for file in sorted(CASES_DIR.glob("*.yaml")):
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        for case in data["cases"]:
            out.append(pytest.param(data["rule"], case, id=f"{file.stem}:{case['name']}"))
    return out


def run_case(tmp_path: Path, case: dict[str, Any]) -> list[tuple[str, str]]:
    site, algo = apply_case(case)
    content = write_content(tmp_path, site, [algo])
    today = case.get("today")
    options = CheckOptions(
        today=TODAY if today is None else __import__("datetime").date.fromisoformat(today)
    )
    checked = check_paths([content], options)
    assert not checked.input_errors, checked.input_errors
    return [(f.code, f.location.path) for f in checked.report.findings if not f.waived]


@pytest.mark.parametrize(("code", "case"), _cases())
def test_rule_case(tmp_path: Path, code: str, case: dict[str, Any]) -> None:
    found = run_case(tmp_path, case)
    schema_errors = [f for f in found if f[0] == "DG-SCHEMA"]
    assert not schema_errors, f"the case is not schema-valid: {schema_errors}"
    expected = sorted((f["code"], f["path"]) for f in case["findings"])
    relevant = sorted(f for f in found if f[0] == code or f[0] in {c for c, _ in expected})
    assert relevant == expected


def test_base_is_clean(tmp_path: Path) -> None:
    assert run_case(tmp_path, {"name": "base"}) == []
