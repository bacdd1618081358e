"""The CI templates `init` writes: valid YAML, valid per the CI schemas, every command runs."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from gitkit import ROOT

from disclosure_gen import __version__
from disclosure_gen.publish.init import scaffold

GITHUB = ".github/workflows/disclosure.yml"
GITLAB = ".gitlab-ci.yml"
#: The demo's dates are fixed; pin the check date so these tests never depend on the clock.
PINNED = "2026-11-25"


def template(rel: str) -> dict[str, Any]:
    data = yaml.safe_load(scaffold(date(2026, 11, 25)).files[rel])
    assert isinstance(data, dict)
    return data


def github_commands() -> list[str]:
    jobs = template(GITHUB)["jobs"]
    return [step["run"] for job in jobs.values() for step in job["steps"] if "run" in step]


def gitlab_commands() -> list[str]:
    data = template(GITLAB)
    lines = list(data["default"]["before_script"])
    for job in data.values():
        if isinstance(job, dict) and "script" in job:
            lines += job.get("before_script", []) + job["script"]
    return lines


def test_github_workflow_structure() -> None:
    data = template(GITHUB)
    triggers = data.get("on", data.get(True))  # YAML 1.1 reads a bare `on` as true
    assert triggers["push"]["branches"] == ["main"] and "pull_request" in triggers
    jobs = data["jobs"]
    assert list(jobs) == ["check", "build", "deploy"]
    check = jobs["check"]
    assert check["permissions"]["security-events"] == "write"
    uses = {s.get("uses", "").split("@")[0]: s for s in check["steps"]}
    assert uses["actions/setup-python"]["with"]["python-version"] == "3.11"
    assert uses["github/codeql-action/upload-sarif"]["with"]["sarif_file"] == "results.sarif"
    runs = [s["run"] for s in check["steps"] if "run" in s]
    assert "disclosure-gen check --format sarif -o results.sarif --fail-on never" in runs
    assert "disclosure-gen check --format github" in runs
    build = jobs["build"]
    assert build["needs"] == "check"
    assert build["steps"][0]["with"]["fetch-depth"] == 0  # archive pages need the history
    pages = [
        s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact")
    ]
    assert pages[0]["with"]["path"] == "site"
    assert "refs/heads/main" in pages[0]["if"]
    deploy = jobs["deploy"]
    assert deploy["needs"] == "build" and "refs/heads/main" in deploy["if"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")


def test_gitlab_ci_structure() -> None:
    data = template(GITLAB)
    assert data["image"].startswith("python:3.11")
    assert data["stages"] == ["check", "build", "deploy"]
    assert data["variables"]["GIT_DEPTH"] == "0"
    assert data["check"]["artifacts"]["paths"] == ["disclosure-report.json"]
    assert data["check"]["artifacts"]["when"] == "always"
    assert data["pages"]["stage"] == "deploy"
    assert data["pages"]["artifacts"]["paths"] == ["public"]
    assert data["pages"]["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]


@pytest.mark.parametrize(("rel", "schema"), [(GITHUB, "github-workflows"), (GITLAB, "gitlab-ci")])
def test_templates_match_the_ci_schemas(tmp_path: Path, rel: str, schema: str) -> None:
    pytest.importorskip("check_jsonschema")
    target = tmp_path / Path(rel).name
    target.write_bytes(scaffold(date(2026, 11, 25)).files[rel])
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            f"vendor.{schema}",
            str(target),
        ],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stdout + out.stderr


def pinned(command: str) -> str:
    """Add the fixed check date right after `check` or `build` (the command is otherwise as is)."""
    return re.sub(r"^(disclosure-gen (?:check|build))\b", rf"\1 --today {PINNED}", command)


def run_in_demo(commands: list[str], tmp_path: Path) -> Path:
    project = tmp_path / "demo"
    shutil.copytree(ROOT / "content", project / "content")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    script = shutil.which("disclosure-gen")
    assert script, "the console script is not installed"
    env = {
        "PATH": f"{Path(script).parent}{os.pathsep}{os.environ['PATH']}",
        "HOME": str(tmp_path),
        "LC_ALL": "C.UTF-8",
    }
    for command in commands:
        if command.startswith("pip install"):
            assert command == f'pip install "disclosure-gen=={__version__}"'
            continue  # the package under test is already installed; no network in tests
        out = subprocess.run(
            ["bash", "-euo", "pipefail", "-c", pinned(command)],
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
        )
        assert out.returncode == 0, f"{command}\n{out.stdout}\n{out.stderr}"
    return project


def test_every_github_command_runs_against_the_demo(tmp_path: Path) -> None:
    commands = github_commands()
    assert sum(c.startswith("disclosure-gen") for c in commands) == 3
    project = run_in_demo(commands, tmp_path)
    sarif = yaml.safe_load((project / "results.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0"
    assert (project / "site" / "index.html").is_file()


def test_every_gitlab_command_runs_against_the_demo(tmp_path: Path) -> None:
    commands = gitlab_commands()
    assert "mv site public" in commands
    project = run_in_demo(commands, tmp_path)
    report = yaml.safe_load((project / "disclosure-report.json").read_text(encoding="utf-8"))
    assert report["summary"]["error"] == 0
    assert (project / "public" / "index.html").is_file()
