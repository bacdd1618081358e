"""Helpers for the site tests: demo projects in temp folders and the CLI run in them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

from support import ROOT

TODAY = "2026-11-25"
CLI = [sys.executable, "-c", "from disclosure_gen.cli import main; main()"]


def make_project(root: Path, content: Path | None = None) -> Path:
    """A project folder: content/ (the demo's unless given), the demo's mkdocs.yml."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(content or ROOT / "content", root / "content")
    shutil.copy2(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    return root


def cli(
    project: Path, *args: str, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``disclosure-gen`` in a fresh interpreter inside ``project``."""
    return subprocess.run(
        [*CLI, *args],
        cwd=project,
        env=dict(env if env is not None else os.environ),
        capture_output=True,
        text=True,
        timeout=600,
    )


def tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` by relative path."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def stub_mkdocs(folder: Path, main: str) -> Path:
    """A ``mkdocs`` package under ``folder`` whose ``python -m mkdocs`` runs ``main``.

    Put ``folder`` on PYTHONPATH: the build's SSG subprocess then runs the stub.
    """
    package = folder / "mkdocs"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "__main__.py").write_text(main, encoding="utf-8")
    return folder
