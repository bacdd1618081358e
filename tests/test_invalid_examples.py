"""Each tests/cases/invalid/<code>--<what>.yaml fails `check` with the findings it announces.

A file's header names what it must trigger, one ``# expect: CODE line:col path`` per finding,
or ``# expect: CODE site.yaml:line:col path`` when the finding points into the site file that
the example uses (its folder's site.yaml). File names are lower case because an algorithm's
`id` must equal its file name. Sub-folders hold examples that need a site of their own.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
INVALID = ROOT / "tests" / "cases" / "invalid"
EXPECT = re.compile(
    r"^# expect: (?P<code>[A-Z][A-Z0-9-]+) (?:(?P<file>site\.yaml):)?(?P<line>\d+):(?P<col>\d+)"
    r" (?P<path>\S+)$",
    re.M,
)
REPORTED = re.compile(
    r"^(?P<file>\S+):(?P<line>\d+):(?P<col>\d+): (?P<code>\S+) (?:error|warning) \[(?P<path>\S+)\]",
    re.M,
)
FILES = sorted(p for p in INVALID.rglob("*.yaml") if p.name != "site.yaml")


Expected = Counter[tuple[str, str, int, int, str]]


def _found(matches: Iterator[re.Match[str]], example: Path | None = None) -> Expected:
    def file(m: re.Match[str]) -> str:
        if example is None:
            return m["file"]
        return _shown(example.parent / m["file"] if m["file"] else example)

    return Counter((file(m), m["code"], int(m["line"]), int(m["col"]), m["path"]) for m in matches)


def expected(path: Path) -> Expected:
    return _found(EXPECT.finditer(path.read_text(encoding="utf-8")), path)


def _shown(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.relative_to(INVALID).as_posix())
def test_invalid_example_reports_its_findings(path: Path, run_cli: Callable[..., Any]) -> None:
    want = expected(path)
    assert want, f"{path.name} has no `# expect:` header"
    assert path.stem.split("--")[0].upper() in {code for _, code, *_ in want}
    result = run_cli(
        "check", _shown(path), "--fail-on", "warning", "--today", "2026-11-25", cwd=ROOT
    )
    assert result.exit_code == 1, result.stdout + result.stderr
    assert _found(REPORTED.finditer(result.stdout)) == want


def test_invalid_examples_cover_at_least_twelve_codes() -> None:
    codes = {code for path in FILES for _, code, *_ in expected(path)}
    assert len(codes) >= 12, sorted(codes)


def test_the_shared_site_alone_is_clean(run_cli: Callable[..., Any]) -> None:
    # The invalid files fail because of their own content, not because of the site they share.
    result = run_cli("check", _shown(INVALID / "site.yaml"), "--fail-on", "warning", cwd=ROOT)
    assert result.exit_code == 0, result.stdout + result.stderr
