"""The AI features' privacy section and user-agreement clause: golden files, formats, refusals."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest
import yaml
from support import BASE, TODAY, write_content

from disclosure_gen.export import EXPORT_FORMATS

DAY = TODAY.isoformat()
AI_FORMATS = [n for n, _ in EXPORT_FORMATS if n.startswith(("ai-privacy-", "ai-agreement-"))]


def test_both_sections_come_in_four_formats() -> None:
    kinds = ("md", "html", "docx", "txt")
    expected = [f"ai-{s}-{k}" for s in ("privacy", "agreement") for k in kinds]
    assert expected == AI_FORMATS


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("section", ["ai-privacy", "ai-agreement"])
def test_markdown_golden(run_cli, golden, demo_root: Path, section: str, lang: str) -> None:
    result = run_cli(
        "export", "--format", f"{section}-md", "--lang", lang, "--today", DAY, cwd=demo_root
    )
    assert result.exit_code == 0, result.stderr
    golden(f"export/{section}.{lang}.md", result.stdout_bytes)


@pytest.mark.parametrize("section", ["ai-privacy", "ai-agreement"])
def test_docx_default_file_is_named_for_the_section(
    run_cli, tmp_path: Path, demo_root: Path, section: str
) -> None:
    project = tmp_path / "p"
    shutil.copytree(demo_root / "content", project / "content")
    result = run_cli("export", "--format", f"{section}-docx", "--today", DAY, cwd=project)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    written = project / f"{section}.zh.docx"
    assert f"{section}.zh.docx" in result.stderr
    assert docx.Document(str(written)).paragraphs[0].text


def test_a_selection_without_ai_features_exits_2_naming_them(run_cli, demo_root: Path) -> None:
    result = run_cli(
        "export",
        "--format",
        "ai-agreement-md",
        "--algorithm",
        "feed-recommendation",
        "--today",
        DAY,
        cwd=demo_root,
    )
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "generative" in result.stderr
    assert "`ai-cover-generator`" in result.stderr and "`ai-search-summary`" in result.stderr


def test_content_without_ai_features_exits_2(run_cli, tmp_path: Path) -> None:
    site = yaml.safe_load((BASE / "site.yaml").read_text(encoding="utf-8"))
    algo = yaml.safe_load((BASE / "algorithms" / "base.yaml").read_text(encoding="utf-8"))
    write_content(tmp_path, site, [algo])
    result = run_cli("export", "--format", "ai-privacy-txt", "--today", DAY, cwd=tmp_path)
    assert result.exit_code == 2
    assert "内容中没有写有 `generative` 的算法" in result.stderr


def test_only_the_chosen_feature_is_exported(render_demo, demo) -> None:
    text = render_demo("ai-agreement-txt", ids=("ai-cover-generator",)).decode()
    cover = next(a for a in demo[1] if a.id == "ai-cover-generator")
    summary = next(a for a in demo[1] if a.id == "ai-search-summary")
    assert cover.name.zh in text
    assert summary.name.zh not in text


def test_labelling_materials_stay_internal(render_demo, demo) -> None:
    documents = [m.labelling_materials.document for a in demo[1] if (m := a.generative)]
    assert documents and all(documents)
    for fmt in [*AI_FORMATS, "json", "privacy-md"]:
        if fmt.endswith("-docx"):
            continue
        out = render_demo(fmt).decode()
        for document in documents:
            assert document not in out, f"{fmt} publishes the internal labelling materials"
