"""The pre-commit hook: run its entry the way pre-commit does, with a list of changed files."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
from datetime import date
from pathlib import Path

import yaml
from gitkit import ROOT

from disclosure_gen.publish.init import scaffold


def hook() -> dict:
    (only,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    return only


def run_hook(project: Path, files: list[str]) -> subprocess.CompletedProcess[str]:
    script = shutil.which("disclosure-gen")
    assert script
    env = {"PATH": f"{Path(script).parent}{os.pathsep}{os.environ['PATH']}", "LC_ALL": "C.UTF-8"}
    argv = [*shlex.split(hook()["entry"]), "--today", "2026-11-25", *files]
    return subprocess.run(argv, cwd=project, env=env, capture_output=True, text=True)


def test_hook_definition() -> None:
    h = hook()
    assert h["id"] == "disclosure-gen-check"
    assert h["entry"] == "disclosure-gen check"
    assert h["language"] == "python" and h["pass_filenames"] is True
    files = re.compile(h["files"])
    assert files.search("content/algorithms/feed-recommendation.yaml")
    assert files.search("content/site.yml")
    assert not files.search("docs/index.yaml") and not files.search("content/README.md")
    local = yaml.safe_load(scaffold(date(2026, 11, 25)).files[".pre-commit-config.yaml"])
    (mine,) = local["repos"][0]["hooks"]
    assert {k: mine[k] for k in ("id", "entry", "files")} == {
        k: h[k] for k in ("id", "entry", "files")
    }


def test_hook_checks_only_the_changed_files(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "content", tmp_path / "content")
    feed = "content/algorithms/feed-recommendation.yaml"
    assert run_hook(tmp_path, [feed]).returncode == 0
    assert run_hook(tmp_path, ["content/site.yaml"]).returncode == 0
    broken = tmp_path / "content" / "algorithms" / "search-ranking.yaml"
    text = broken.read_text(encoding="utf-8")
    broken.write_text(re.sub(r"\nprinciples:\n(  .*\n|\n)*", "\n", text, count=1), encoding="utf-8")
    out = run_hook(tmp_path, [feed, "content/algorithms/search-ranking.yaml"])
    assert out.returncode == 1
    assert "content/algorithms/search-ranking.yaml" in out.stdout and "A16-PRINCIPLE" in out.stdout
    assert "feed-recommendation.yaml:" not in out.stdout
    assert run_hook(tmp_path, [feed]).returncode == 0  # the broken file was not passed
