"""Session builds shared by the hardening tests: the demo site and small reference sites."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hardening.hardening_support import (
    TODAY,
    SmallRefs,
    cli,
    demo_project,
    digest,
    small_project,
)


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo project built by `disclosure-gen build` (site in ``<project>/site``)."""
    project = demo_project(tmp_path_factory.mktemp("hardening-demo") / "project")
    result = cli(project, "build", "--today", TODAY)
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="session")
def small_refs(tmp_path_factory: pytest.TempPathFactory) -> SmallRefs:
    root = tmp_path_factory.mktemp("small")
    projects = {v: small_project(root / v, v) for v in ("a", "b", "c")}
    digests: dict[str, str] = {}
    started = time.perf_counter()
    for v, project in projects.items():
        result = cli(project, "build", "--today", TODAY, "--no-cache", "--site-dir", "ref/site")
        assert result.returncode == 0, result.stderr
        digests[v] = digest(project / "ref" / "site")
    assert len(set(digests.values())) == 3
    return SmallRefs(projects, digests, (time.perf_counter() - started) / len(projects))
