"""Golden files: the demo's policy section (Markdown, zh and en) and its filing text."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import TODAY


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_privacy_markdown(run_cli, golden, demo_root: Path, lang: str) -> None:
    result = run_cli(
        "export",
        "--format",
        "privacy-md",
        "--lang",
        lang,
        "--today",
        TODAY.isoformat(),
        cwd=demo_root,
    )
    assert result.exit_code == 0, result.stderr
    golden(f"export/privacy.{lang}.md", result.stdout_bytes)


def test_filing_text(run_cli, golden, demo_root: Path) -> None:
    result = run_cli(
        "export", "--format", "filing-txt", "--today", TODAY.isoformat(), cwd=demo_root
    )
    assert result.exit_code == 0, result.stderr
    golden("export/filing.zh.txt", result.stdout_bytes)


def test_exports_do_not_depend_on_the_check_date(render_demo, demo_root: Path, run_cli) -> None:
    later = run_cli("export", "--format", "privacy-md", "--today", "2027-01-10", cwd=demo_root)
    assert later.exit_code == 0
    assert later.stdout_bytes == render_demo("privacy-md")
