"""`disclosure-gen export` through the CLI: formats, choices, exit codes, files."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import docx
import pytest
from support import BASE, TODAY, write_content

from disclosure_gen.export import EXPORT_FORMATS

DAY = TODAY.isoformat()
NAMES = [name for name, _ in EXPORT_FORMATS]


def test_help_lists_every_format(run_cli, demo_root: Path) -> None:
    result = run_cli("export", "--help", cwd=demo_root)
    assert result.exit_code == 0
    choices = next(line for line in result.stdout.splitlines() if "--format" in line)
    assert choices.split("[")[1].split("]")[0].split("|") == NAMES


def test_unknown_format_exits_2_with_the_choices(run_cli, demo_root: Path) -> None:
    result = run_cli("export", "--format", "pdf", "--today", DAY, cwd=demo_root)
    assert result.exit_code == 2
    for name in NAMES:
        assert name in result.stderr


def test_unknown_algorithm_exits_2_with_the_valid_ids(run_cli, demo_root: Path, demo) -> None:
    result = run_cli(
        "export", "--format", "privacy-md", "--algorithm", "nope", "--today", DAY, cwd=demo_root
    )
    assert result.exit_code == 2
    assert "`nope`" in result.stderr
    for algo in demo[1]:
        assert f"`{algo.id}`" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("fmt", [n for n in NAMES if not n.endswith("-docx")])
def test_text_formats_go_to_stdout(run_cli, demo_root: Path, fmt: str, render_demo) -> None:
    result = run_cli("export", "--format", fmt, "--today", DAY, cwd=demo_root)
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes == render_demo(fmt)


def test_algorithm_option_selects_and_repeats(run_cli, demo_root: Path, demo) -> None:
    first, second = demo[1][0], demo[1][2]
    result = run_cli(
        "export",
        "--format",
        "json",
        "--algorithm",
        second.id,
        "--algorithm",
        first.id,
        "--today",
        DAY,
        cwd=demo_root,
    )
    assert result.exit_code == 0
    ids = [a["id"] for a in json.loads(result.stdout)["algorithms"]]
    assert ids == [first.id, second.id]  # catalogue order, not command-line order


def test_docx_without_output_writes_the_default_file(run_cli, tmp_path: Path) -> None:
    site, algo = _base_docs()
    write_content(tmp_path, site, [algo])
    result = run_cli("export", "--format", "privacy-docx", "--today", DAY, cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert "privacy.zh.docx" in result.stderr
    assert docx.Document(str(tmp_path / "privacy.zh.docx")).paragraphs[0].text


def test_output_option_writes_the_file(run_cli, tmp_path: Path, demo_root: Path) -> None:
    target = tmp_path / "out" / "policy.en.md"
    result = run_cli(
        "export",
        "--format",
        "privacy-md",
        "--lang",
        "en",
        "-o",
        str(target),
        "--today",
        DAY,
        cwd=demo_root,
    )
    assert result.exit_code == 0
    assert result.stdout == ""
    assert target.read_text(encoding="utf-8").startswith("# Personalised")


def test_errors_refuse_the_export_unless_allowed(run_cli, tmp_path: Path) -> None:
    site, algo = _base_docs()
    del algo["principles"]
    write_content(tmp_path, site, [algo])
    refused = run_cli("export", "--format", "privacy-md", "--today", DAY, cwd=tmp_path)
    assert refused.exit_code == 1
    assert refused.stdout == ""
    assert "A16-PRINCIPLE" in refused.stderr
    allowed = run_cli(
        "export", "--format", "privacy-md", "--allow-errors", "--today", DAY, cwd=tmp_path
    )
    assert allowed.exit_code == 0
    assert "--allow-errors" in allowed.stderr
    assert allowed.stdout.startswith("# 个性化推荐与算法推荐说明")


def test_filing_text_is_chinese_only(run_cli, demo_root: Path) -> None:
    result = run_cli(
        "export", "--format", "filing-txt", "--lang", "en", "--today", DAY, cwd=demo_root
    )
    assert result.exit_code == 2
    assert "--lang en" in result.stderr


def test_max_chars_only_applies_to_notices(run_cli, demo_root: Path) -> None:
    result = run_cli(
        "export", "--format", "privacy-md", "--max-chars", "40", "--today", DAY, cwd=demo_root
    )
    assert result.exit_code == 2
    assert "--max-chars" in result.stderr


def test_csv_has_a_bom_and_opens_with_the_csv_module(run_cli, demo_root: Path, demo) -> None:
    result = run_cli("export", "--format", "csv", "--today", DAY, cwd=demo_root)
    data = result.stdout_bytes
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    header, *body = rows
    assert header[:3] == ["标识", "算法名称", "算法类别"]
    assert [r[0] for r in body] == [a.id for a in demo[1]]
    by_id = {r[0]: dict(zip(header, r, strict=True)) for r in body}
    for algo in demo[1]:
        row = by_id[algo.id]
        assert row["备案编号"] == algo.filing.number
        assert row["算法类别"] == algo.category
        assert row["反馈时限"] == algo.complaints.response_time.label("zh")
    assert all(len(r) == len(header) for r in body)


def test_csv_names_each_ai_features_outputs_models_and_labels(
    run_cli, demo_root: Path, demo
) -> None:
    for lang in ("zh", "en"):
        result = run_cli("export", "--format", "csv", "--lang", lang, "--today", DAY, cwd=demo_root)
        header, *body = csv.reader(io.StringIO(result.stdout_bytes.decode("utf-8-sig"), newline=""))
        outputs, models, labels = header[-3:]
        by_id = {r[0]: dict(zip(header, r, strict=True)) for r in body}
        ai = [a for a in demo[1] if a.generative is not None]
        assert ai and len(ai) < len(demo[1])
        for algo in demo[1]:
            row, gen = by_id[algo.id], algo.generative
            if gen is None:
                assert (row[outputs], row[models], row[labels]) == ("", "", "")
                continue
            assert row[outputs]
            for model in gen.models:
                assert (model.name.get(lang) or model.name.zh) in row[models]
                assert model.number in row[models]
            wordings = [e.wording.get(lang) or e.wording.zh for e in gen.labels.explicit]
            assert wordings and all(w in row[labels] for w in wordings)


def test_csv_cells_never_start_a_formula(run_cli, tmp_path: Path) -> None:
    site, algo = _base_docs()
    algo["principles"] = {"zh": '=HYPERLINK("https://evil.example","点我")'}
    algo["purpose"] = {"zh": "+1+1 仍是文字"}
    write_content(tmp_path, site, [algo])
    result = run_cli("export", "--format", "csv", "--allow-errors", "--today", DAY, cwd=tmp_path)
    rows = list(csv.reader(io.StringIO(result.stdout_bytes.decode("utf-8-sig"), newline="")))
    cells = [c for row in rows for c in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@")]
    assert '\'=HYPERLINK("https://evil.example","点我")' in cells


def test_schema_command_prints_the_export_schema(run_cli, demo_root: Path) -> None:
    result = run_cli("schema", "export", cwd=demo_root)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["$id"] == "export.schema.json"


def _base_docs():  # type: ignore[no-untyped-def]
    import yaml

    site = yaml.safe_load((BASE / "site.yaml").read_text(encoding="utf-8"))
    algo = yaml.safe_load((BASE / "algorithms" / "base.yaml").read_text(encoding="utf-8"))
    return site, algo
