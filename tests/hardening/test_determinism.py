"""Same input, same bytes: whatever the folder, hash seed, time zone, locale or cache.

tests/site/test_build.py already builds twice in one folder under two hash seeds. Here the two
builds also run from different working directories (paths of different lengths), in different
time zones and locales, one with the SVG cache and one without, and the exports are compared
too (the DOCX is a zip, re-packed with a fixed timestamp).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from hardening.hardening_support import TODAY, cli, demo_project, tree

from disclosure_gen.export import EXPORT_FORMATS
from disclosure_gen.export.run import ZH_ONLY_FORMATS

EXPORTS = """
import sys
from datetime import date
from pathlib import Path

from disclosure_gen.check.engine import CheckOptions, check_paths
from disclosure_gen.export import EXPORT_FORMATS
from disclosure_gen.export.run import ZH_ONLY_FORMATS, ExportRequest, export

checked = check_paths([Path("content")], CheckOptions(today=date.fromisoformat(sys.argv[1])))
out = Path("exports")
out.mkdir()
for fmt, _ in EXPORT_FORMATS:
    for lang in ("zh", "en"):
        if fmt in ZH_ONLY_FORMATS and lang == "en":
            continue
        data = export(checked.site, checked.algorithms, ExportRequest(fmt, lang)).data
        (out / f"{fmt}.{lang}").write_bytes(data)
"""

ENVIRONMENTS = (
    {"PYTHONHASHSEED": "1", "TZ": "UTC", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"},
    {"PYTHONHASHSEED": "31337", "TZ": "Asia/Shanghai", "LC_ALL": "C", "LANG": "zh_CN.UTF-8"},
)


def _env(extra: dict[str, str]) -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items() if k not in ("PYTHONHASHSEED", "SOURCE_DATE_EPOCH")}
    return {**keep, **extra}


def test_builds_and_exports_are_byte_identical_across_folders_and_environments(
    tmp_path: Path,
) -> None:
    projects = [
        demo_project(tmp_path / "a"),
        demo_project(tmp_path / "a-much-longer-folder-name" / "nested" / "project"),
    ]
    for n, (project, extra) in enumerate(zip(projects, ENVIRONMENTS, strict=True)):
        args = ["build", "--today", TODAY] + (["--no-cache"] if n else [])
        result = cli(project, *args, env=_env(extra))
        assert result.returncode == 0, result.stderr
        script = project / "exports.py"
        script.write_text(EXPORTS, encoding="utf-8")
        subprocess.run(
            [sys.executable, str(script), TODAY], cwd=project, env=_env(extra), check=True
        )
    sites = [tree(p / "site") for p in projects]
    assert sorted(sites[0]) == sorted(sites[1])
    assert [k for k in sites[0] if sites[0][k] != sites[1][k]] == []
    svgs = [k for k in sites[0] if k.endswith(".svg")]
    assert len(svgs) >= 8 and "search/search_index.json" in sites[0]
    exports = [tree(p / "exports") for p in projects]
    assert len(exports[0]) == 2 * len(EXPORT_FORMATS) - len(ZH_ONLY_FORMATS)
    assert exports[0] == exports[1]
    # Nothing in the output knows where it was built.
    for project, files in zip(projects, sites, strict=True):
        for needle in (str(project).encode(), str(tmp_path).encode()):
            assert not [k for k, v in files.items() if needle in v]
    print(
        f"\nDeterminism: {len(sites[0])} site files ({len(svgs)} SVGs, search index) and"
        f" {len(exports[0])} exports identical across two folders and environments"
    )
