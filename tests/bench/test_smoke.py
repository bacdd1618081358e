"""bench/run.py keeps working: a tiny run prints the whole table (no timing is asserted)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_bench_prints_a_row_per_size_with_every_column(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--sizes", "1,2", "--out", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("|"))
    rows = []  # the main table: the first run of table lines (the profile table follows)
    for line in lines[first:]:
        if not line.startswith("|"):
            break
        rows.append(line)
    header = [cell.strip() for cell in rows[0].strip("|").split("|")]
    assert header[:3] == ["algos", "pages", "check cold s"]
    wanted = (
        "cold s",
        "warm s",
        "change s",
        "mkdocs s",
        "change ×",
        "rendered",
        "RSS MB",
        "PSS MB",
    )
    for column in wanted:
        assert column in header
    body = [[cell.strip() for cell in row.strip("|").split("|")] for row in rows[2:]]
    assert [cells[0] for cells in body] == ["1", "2"]
    for cells in body:
        assert len(cells) == len(header)
        measured = dict(zip(header, cells, strict=True))
        # Incremental output equals plain MkDocs' (the run would exit 1 otherwise).
        assert measured.pop("identical") == "yes"
        # Every figure was measured in this run: a number, or "a / b" for counts of a whole.
        assert all(re.fullmatch(r"\d+(\.\d+)?( / \d+)?", v) for v in measured.values()), measured
        redrawn, of = map(int, measured["SVGs redrawn"].split(" / "))
        assert 0 < redrawn <= of
        rendered, pages = map(int, measured["rendered"].split(" / "))
        assert 0 < rendered < pages
    assert "### Goals" in result.stdout and "### Profile" in result.stdout
    assert re.search(r"`disclosure-gen --help` < 0\.3 s: \d+\.\d+ s", result.stdout)
    # Work folders are removed unless --keep is given.
    assert not any(tmp_path.iterdir())
