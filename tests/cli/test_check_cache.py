"""`check` with its results cache reports what a check without it reports, byte for byte.

One catalogue with findings of most kinds (every failing rule case as its own file, findings
located in site.yaml, a duplicate id, a file the schema refuses), checked with ``--no-cache``
and with the cache after each of several edits: one file, site.yaml, the date, a new file, a
removed file. The JSON report has every field of every finding, so every field counts.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml
from support import ROOT, apply_edits, load_base

CASES = ROOT / "tests" / "rules" / "cases"
DUMP = {"allow_unicode": True, "sort_keys": False}
TODAY = "2026-11-25"


def _catalogue(root: Path) -> Path:
    site, base = load_base()
    content = root / "content"
    (content / "algorithms").mkdir(parents=True)
    files: dict[str, dict[str, Any]] = {}
    site_edits: dict[str, Any] = {}
    for path in sorted(CASES.glob("*.yaml")):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        for n, case in enumerate(spec["cases"]):
            if not case.get("findings"):
                continue
            dotted = [*(case.get("set") or {}), *(case.get("unset") or [])]
            edits_site = "site" in (case.get("patch") or {}) or any(
                str(k).startswith("site.") for k in dotted
            )
            case_site, algo = apply_edits(site, base, case)
            if edits_site:
                if not site_edits:  # one site-wide edit: findings located in site.yaml
                    site_edits = case_site
                continue
            name = f"{spec['rule'].lower()}-{n}"
            files[name] = {**algo, "id": name} if isinstance(algo.get("id"), str) else algo
    files["twin"] = {**base, "id": next(iter(files))}  # a duplicate id (and a file-name clash)
    files["refused"] = {**base, "id": "refused", "category": 7}
    for name, algo in files.items():
        text = yaml.safe_dump(algo, **DUMP)
        (content / "algorithms" / f"{name}.yaml").write_text(text, encoding="utf-8")
    (content / "site.yaml").write_text(yaml.safe_dump(site_edits or site, **DUMP), "utf-8")
    return content


def _check(root: Path, *args: str) -> tuple[int, bytes]:
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    argv = [sys.executable, "-m", "disclosure_gen", "check", "content", *args]
    proc = subprocess.run(argv, cwd=root, env=env, capture_output=True, check=False)
    assert proc.returncode in (0, 1), proc.stderr.decode()
    return proc.returncode, proc.stdout


def _same_with_and_without_cache(
    root: Path, today: str = TODAY, formats: tuple[str, ...] = ("json",)
) -> None:
    for fmt in formats:
        args = ("--format", fmt, "--today", today)
        plain = _check(root, *args, "--no-cache")
        assert _check(root, *args) == plain, fmt  # entries written, or read
        assert _check(root, *args) == plain, fmt  # read


def test_cached_results_equal_a_check_without_the_cache(tmp_path: Path) -> None:
    content = _catalogue(tmp_path)
    entries = tmp_path / ".disclosure-gen-cache" / "check"
    code, out = _check(tmp_path, "--format", "json", "--today", TODAY, "--no-cache")
    assert code == 1 and not entries.exists()
    findings = json.loads(out)["findings"]
    assert len(findings) > 100
    assert any(f["file"] == "content/site.yaml" for f in findings)
    assert {"DG-ID", "DG-SCHEMA"} <= {f["code"] for f in findings}
    _same_with_and_without_cache(tmp_path, formats=("json", "text"))
    kept = sorted(entries.glob("*.json"))
    assert len(kept) == len(list((content / "algorithms").glob("*.yaml")))

    algos = sorted((content / "algorithms").glob("*.yaml"))
    one = algos[3]
    one.write_text(one.read_text(encoding="utf-8").replace("推荐", "推送", 1), "utf-8")
    _same_with_and_without_cache(tmp_path)
    site = content / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8") + "\n# edited\n", "utf-8")
    _same_with_and_without_cache(tmp_path)
    _same_with_and_without_cache(tmp_path, today="2027-06-30")  # date-dependent rules
    shutil.copy(algos[5], content / "algorithms" / "copy.yaml")
    algos[6].unlink()
    _same_with_and_without_cache(tmp_path)

    # The entries are what a warm check reports (which is why the folder must be trusted).
    for entry in entries.glob("*.json"):
        record = json.loads(entry.read_bytes())
        for finding in record["findings"]:
            finding["message"] = "FROM THE CACHE"
        entry.write_text(json.dumps(record, ensure_ascii=False), "utf-8")
    _, out = _check(tmp_path, "--format", "json", "--today", TODAY)
    assert "FROM THE CACHE" in out.decode()


def test_concurrent_checks_share_the_cache(tmp_path: Path) -> None:
    _catalogue(tmp_path)
    args = ("--format", "json", "--today", TODAY)
    plain = _check(tmp_path, *args, "--no-cache")
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    argv = [sys.executable, "-m", "disclosure_gen", "check", "content", *args]
    procs = [
        subprocess.Popen(argv, cwd=tmp_path, env=env, stdout=subprocess.PIPE) for _ in range(3)
    ]
    for proc in procs:
        out, _ = proc.communicate()
        assert (proc.returncode, out) == plain
    assert _check(tmp_path, *args) == plain
    assert not list((tmp_path / ".disclosure-gen-cache" / "check").glob(".*.tmp"))
