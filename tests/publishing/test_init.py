"""`disclosure-gen init`: a new project that checks clean and builds at once."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
import zipfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from gitkit import ROOT

from disclosure_gen import __version__
from disclosure_gen.publish.init import scaffold


def test_init_into_an_empty_folder_checks_clean_and_builds(tmp_path: Path, run_cli: Any) -> None:
    target = tmp_path / "new-project"
    result = run_cli("init", str(target), cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    for rel in (
        "mkdocs.yml",
        "content/site.yaml",
        "content/algorithms/example.yaml",
        "schemas/algorithm.schema.json",
        ".github/workflows/disclosure.yml",
        ".gitlab-ci.yml",
        ".pre-commit-config.yaml",
    ):
        assert (target / rel).is_file(), rel
    checked = run_cli("check", "--fail-on", "warning", cwd=target)
    assert checked.exit_code == 0, checked.stdout
    assert "0 个错误，0 个警告" in checked.stdout
    if importlib.util.find_spec("disclosure_gen.site.build") is None:
        pytest.skip("disclosure_gen.site.build is not available yet: the build step is untested")
    built = run_cli("build", cwd=target)
    assert built.exit_code == 0, built.stderr
    assert (target / "site" / "index.html").is_file()


def test_init_refuses_a_non_empty_folder_without_force(tmp_path: Path, run_cli: Any) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    result = run_cli("init", cwd=tmp_path)
    assert result.exit_code == 2
    assert "不是空目录" in result.stderr and "--force" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]
    forced = run_cli("init", "--force", cwd=tmp_path)
    assert forced.exit_code == 0
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert (tmp_path / "content" / "site.yaml").is_file()
    file_target = tmp_path / "notes.txt"
    assert run_cli("init", str(file_target), cwd=tmp_path).exit_code == 2


def test_templates_are_filled_and_editor_hints_resolve() -> None:
    start = date(2026, 2, 10)
    files = scaffold(start).files
    assert not [rel for rel, data in files.items() if re.search(rb"\{\{[A-Z_]+\}\}", data)]
    example = yaml.safe_load(files["content/algorithms/example.yaml"])
    assert example["versions"][0]["date"] == "2026-02-10"
    assert example["review_by"] == (start + timedelta(days=365)).isoformat()
    for rel in ("content/site.yaml", "content/algorithms/example.yaml"):
        first = files[rel].decode("utf-8").splitlines()[0]
        prefix = "# yaml-language-server: $schema="
        assert first.startswith(prefix)
        schema = (Path("/project") / rel).parent / first[len(prefix) :]
        assert Path(*schema.resolve().parts[2:]).as_posix() in files
    for rel in (".github/workflows/disclosure.yml", ".gitlab-ci.yml", ".pre-commit-config.yaml"):
        assert f"disclosure-gen=={__version__}".encode() in files[rel]


def test_the_wheel_ships_the_templates_with_their_dot_files(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    names = set(zipfile.ZipFile(next(tmp_path.glob("*.whl"))).namelist())
    base = "disclosure_gen/publish/templates_project/"
    for rel in (
        "dot-github/workflows/disclosure.yml",
        "dot-gitlab-ci.yml",
        "dot-pre-commit-config.yaml",
        "dot-gitignore",
        "content/algorithms/example.yaml",
        "mkdocs.yml",
    ):
        assert base + rel in names, rel


def test_the_example_s_filed_block_records_its_fingerprint(tmp_path: Path, run_cli: Any) -> None:
    # Uncommenting the template's `filed` block gives a filed algorithm whose recorded
    # fingerprint matches its text, so change detection works from the first filing.
    target = tmp_path / "p"
    assert run_cli("init", str(target), cwd=tmp_path).exit_code == 0
    example = target / "content" / "algorithms" / "example.yaml"
    text = example.read_text(encoding="utf-8")
    assert "{{" not in text
    text = text.replace("filing:\n  status: not_required\n", "")
    # Uncomment the `# filing:` block only (other blocks are commented out in the same way).
    block = re.search(r"^# filing:\n(?:#   .*\n)+", text, flags=re.M)
    assert block is not None
    opened = re.sub(r"^# ?", "", block.group(0), flags=re.M)
    text = text[: block.start()] + opened + text[block.end() :]
    text = text.replace("网信算备（备案系统发放的 21 位数字）号", "网信算备110108823483902260017号")
    dates = r"^  (service_started_on|submitted_on|filed_on|security_assessed_on): .*$"
    text = re.sub(dates, r'  \1: "2026-01-05"', text, flags=re.M)
    example.write_text(text, encoding="utf-8")
    hashes = run_cli("filing-hash", cwd=target).stdout
    assert "与 filing.disclosure_hash 一致" in hashes
    checked = run_cli("check", "--fail-on", "warning", "--today", "2026-11-25", cwd=target)
    assert checked.exit_code == 0, checked.stdout
