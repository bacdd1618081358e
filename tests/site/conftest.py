"""Fixtures for the site pipeline: one built demo site."""

from __future__ import annotations

from pathlib import Path

import pytest
from sitekit import TODAY, cli, make_project


@pytest.fixture(scope="session")
def demo_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo project, built once with ``disclosure-gen build`` (site in ``site/``)."""
    project = make_project(tmp_path_factory.mktemp("demo") / "project")
    result = cli(project, "build", "--today", TODAY)
    assert result.returncode == 0, result.stdout + result.stderr
    return project
