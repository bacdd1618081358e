"""The filing fingerprint: what changes it, what does not, and the filing-hash command."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from support import TODAY, apply_case, write_content

from disclosure_gen.check.engine import CheckOptions, check_paths
from disclosure_gen.content.disclosed import SCHEME, disclosure_hash, normalise
from disclosure_gen.content.model.algorithm import Algorithm


def algo_from(tmp_path: Path, patch: dict[str, Any] | None = None) -> Algorithm:
    site, algo = apply_case({"name": "x", "patch": patch or {}})
    content = write_content(tmp_path, site, [algo])
    checked = check_paths([content], CheckOptions(today=TODAY, rules=()))
    assert not checked.report.findings, checked.report.findings
    (only,) = checked.algorithms
    return only


def test_the_hash_is_sha256_of_the_documented_canonical_json(tmp_path: Path) -> None:
    algo = algo_from(tmp_path)
    expected_doc = {
        "scheme": SCHEME,
        "name": algo.name.zh,
        "category": algo.category,
        "products": sorted({algo.site.product(p.product).name.zh for p in algo.products}),
        "principles": algo.principles.zh,
        "mechanisms": [
            {"title": m.title.zh, "description": m.description.zh} for m in algo.mechanisms
        ],
        "scenarios": algo.scenarios.zh,
        "purpose": algo.purpose.zh,
    }
    text = json.dumps(expected_doc, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    assert disclosure_hash(algo) == hashlib.sha256(text.encode("utf-8")).hexdigest()


@pytest.mark.parametrize(
    "patch",
    [
        {"name": {"zh": "示例推荐算法二"}},
        {"principles": {"zh": "按发布时间倒序排列"}},
        {"purpose": {"zh": "帮助你发现新内容"}},
        {"scenarios": {"zh": "应用于示例 App 的搜索页"}},
        {"category": "排序精选类"},
        {
            "mechanisms": [
                {
                    "id": "inputs",
                    "stage": "inputs",
                    "title": {"zh": "收集信号"},
                    "description": {"zh": "读取你的搜索记录"},
                },
                {
                    "id": "ranking",
                    "stage": "ranking",
                    "title": {"zh": "排序"},
                    "description": {"zh": "按预估兴趣排序"},
                },
            ]
        },
    ],
    ids=["name", "principles", "purpose", "scenarios", "category", "mechanisms"],
)
def test_a_change_to_a_filed_field_changes_the_hash(tmp_path: Path, patch: dict) -> None:
    assert disclosure_hash(algo_from(tmp_path / "a")) != disclosure_hash(
        algo_from(tmp_path / "b", patch)
    )


@pytest.mark.parametrize(
    "patch",
    [
        {"principles": {"en": "Something else entirely"}},
        {"summary": {"zh": "另一段摘要"}},
        {"review_by": "2099-01-01"},
        {"faq": [{"q": {"zh": "为什么？"}, "a": {"zh": "因为。"}}]},
        {"products": [{"product": "demo-app", "surfaces": ["settings"]}]},
        {
            "principles": {
                "zh": "根据你最近观看、看完和点赞的视频，\n估计你对每条新视频感兴趣的可能性，\n"
                "可能性高的排在前面；点「不感兴趣」的同类视频排到后面\n"
            }
        },
    ],
    ids=["english", "summary", "review-date", "faq", "surface", "rewrapped"],
)
def test_edits_outside_the_filed_chinese_keep_the_hash(tmp_path: Path, patch: dict) -> None:
    assert disclosure_hash(algo_from(tmp_path / "a")) == disclosure_hash(
        algo_from(tmp_path / "b", patch)
    )


def test_normalise_keeps_paragraphs_and_latin_word_gaps() -> None:
    assert normalise("  第一段\n  接着写\n\n第二段 uses CTR\n and more ") == (
        "第一段接着写\n\n第二段 uses CTR and more"
    )


def test_filing_hash_command_prints_and_compares(tmp_path: Path, run_cli: Any) -> None:
    algo = algo_from(tmp_path / "probe")
    good = disclosure_hash(algo)
    site, data = apply_case({"name": "x", "patch": {}})
    data["filing"] = {
        "status": "filed",
        "number": "网信算备330106987654302260013号",
        "filed_on": "2026-03-02",
        "disclosure_hash": good,
    }
    write_content(tmp_path, site, [data])
    result = run_cli("filing-hash", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [f"{good}  base  与 filing.disclosure_hash 一致"]

    data["principles"]["zh"] += "，并优先展示新作者"
    write_content(tmp_path, site, [data])
    result = run_cli("filing-hash", "content/algorithms/base.yaml", cwd=tmp_path)
    line = result.stdout.strip()
    assert line.endswith("不同：公示内容已变更") and not line.startswith(good)
    checked = run_cli("check", "--today", "2026-11-25", cwd=tmp_path)
    assert "A24-CHANGE-FILING" in checked.stdout  # no change date recorded: an error


def test_filing_hash_refuses_invalid_files(tmp_path: Path, run_cli: Any) -> None:
    site, data = apply_case({"name": "x", "patch": {"category": 7}})
    write_content(tmp_path, site, [data])
    result = run_cli("filing-hash", cwd=tmp_path)
    assert result.exit_code == 2
    assert "content/algorithms/base.yaml:" in result.stderr
    assert result.stdout == ""
