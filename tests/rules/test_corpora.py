"""The reviewer's corpora: evasive edits of the demo must fail, well-written disclosures pass.

`evasive/` holds one file per way a careless or evasive provider dodges a duty, each a small edit
of the demo content (`algorithm` names the demo file; `patch` is an RFC 7386 merge patch, its
`site` key patching site.yaml; `set`/`unset` take dotted paths). Each must exit 1 with an active
error that cites the article it dodges. `compliant/` is a complete content tree of a fictional
provider written as a careful one would; it must check clean, warnings included.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml
from support import ROOT, TODAY, apply_edits

HERE = Path(__file__).parent
EVASIVE = sorted((HERE / "evasive").glob("*.yaml"))
COMPLIANT = HERE / "compliant"
DUMP = {"allow_unicode": True, "sort_keys": False}


def _evasive_content(tmp_path: Path, case: dict[str, Any]) -> Path:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    site_file = content / "site.yaml"
    algo_file = content / "algorithms" / f"{case['algorithm']}.yaml"
    site, algo = apply_edits(
        yaml.safe_load(site_file.read_text(encoding="utf-8")),
        yaml.safe_load(algo_file.read_text(encoding="utf-8")),
        case,
    )
    site_file.write_text(yaml.safe_dump(site, **DUMP), encoding="utf-8")
    algo_file.write_text(yaml.safe_dump(algo, **DUMP), encoding="utf-8")
    return content


@pytest.mark.parametrize("path", EVASIVE, ids=lambda p: p.stem)
def test_evasive_disclosure_fails_citing_the_article_it_dodges(
    tmp_path: Path, path: Path, run_cli: Any
) -> None:
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    content = _evasive_content(tmp_path, case)
    result = run_cli("check", str(content), "--format", "json", "--today", TODAY.isoformat())
    assert result.exit_code == 1, result.stderr
    findings = json.loads(result.stdout)["findings"]
    want = case["expect"]
    hits = [
        f
        for f in findings
        if f["code"] == want["code"] and f["severity"] == "error" and not f["waived"]
    ]
    assert hits, f"no active {want['code']} error: {[(f['code'], f['path']) for f in findings]}"
    assert {f["citation"] for f in hits} == {want["citation"]}
    assert all(f["message"] and f["fix"] and f["quote"] for f in hits)


def test_the_evasive_corpus_covers_every_class() -> None:
    classes = Counter(yaml.safe_load(p.read_text(encoding="utf-8"))["class"] for p in EVASIVE)
    assert len(EVASIVE) >= 40
    assert set(classes) == {
        "art16",
        "applicability",
        "art17-1",
        "art17-2",
        "art17-3",
        "art18",
        "art19",
        "art20",
        "art21",
        "art22",
        "art24",
        "art26",
        "missing-key",
        "waivers",
        "art7",
        "art10",
        "art14",
        "art27",
        "other-law",
    }
    assert min(classes.values()) >= 1


def test_well_written_disclosures_check_clean(run_cli: Any) -> None:
    result = run_cli(
        "check",
        str(COMPLIANT),
        "--format",
        "json",
        "--fail-on",
        "warning",
        "--today",
        TODAY.isoformat(),
    )
    report = json.loads(result.stdout)
    assert [(f["file"], f["code"], f["path"]) for f in report["findings"]] == []
    assert result.exit_code == 0
    algorithms = [f for f in report["files"] if "/algorithms/" in f]
    assert len(algorithms) >= 10


def test_the_compliant_corpus_spans_the_kinds_of_service() -> None:
    docs = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in COMPLIANT.glob("algorithms/*")]
    categories = {d["category"] for d in docs}
    assert {"个性化推送类", "调度决策类", "信息检索类", "排序精选类", "内容过滤类"} <= categories
    flags = Counter(k for d in docs for k, v in (d.get("flags") or {}).items() if v)
    for flag in ("dispatches_workers", "sells_to_consumers", "serves_minors", "serves_elderly"):
        assert flags[flag] >= 1, flag
    assert sum(1 for d in docs if d["filing"]["status"] == "filed") >= 5


def test_the_demo_checks_clean_without_warnings(run_cli: Any) -> None:
    result = run_cli(
        "check", str(ROOT / "content"), "--fail-on", "warning", "--today", TODAY.isoformat()
    )
    assert result.exit_code == 0, result.stdout
