"""Fixtures for the publishing tests: throwaway git repositories holding the demo content."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from gitkit import ROOT, GitRepo


@pytest.fixture
def demo_repo(tmp_path: Path) -> Callable[[], GitRepo]:
    """A git repository whose first commit holds a copy of the demo content."""

    def make() -> GitRepo:
        root = tmp_path / "project"
        root.mkdir()
        shutil.copytree(ROOT / "content", root / "content")
        repo = GitRepo(root)
        repo.git("init", "-q")
        repo.commit("First publication", day="2026-09-01")
        return repo

    return make
