"""Small projects, CLI runs in fresh interpreters, and tree fingerprints for the hardening tests."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from hypothesis import HealthCheck
from support import ROOT, load_base, write_content

TODAY = "2026-11-25"
#: Hypothesis settings of the fuzz tests: fixed inputs on every run, no deadline, no database.
FUZZ_SETTINGS = {
    "derandomize": True,
    "deadline": None,
    "database": None,
    "print_blob": True,
    "suppress_health_check": [
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
}
CLI = [sys.executable, "-c", "from disclosure_gen.cli import main; main()"]


def small_project(root: Path, variant: str = "a") -> Path:
    """The rule base (one algorithm) as a project; ``variant`` changes one visible sentence."""
    site, algo = load_base()
    algo["summary"] = {
        "zh": f"根据你的观看记录排列推荐页的内容（版本 {variant}）",
        "en": f"Variant {variant}",
    }
    write_content(root, site, [algo])
    shutil.copy2(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    return root


def demo_project(root: Path) -> Path:
    """The demo project (content/ and mkdocs.yml of the repository) under ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(ROOT / "content", root / "content")
    shutil.copy2(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    return root


def cli(
    project: Path, *args: str, env: Mapping[str, str] | None = None, timeout: float = 600
) -> subprocess.CompletedProcess[str]:
    """Run ``disclosure-gen`` in a fresh interpreter inside ``project``."""
    return subprocess.run(
        [*CLI, *args],
        cwd=project,
        env=dict(os.environ if env is None else env),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` by relative path."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def digest(root: Path) -> str:
    """One hash over every path and byte under ``root`` ('' when it does not exist)."""
    if not root.exists():
        return ""
    h = hashlib.sha256()
    for rel, data in tree(root).items():
        h.update(rel.encode() + b"\0" + hashlib.sha256(data).digest())
    return h.hexdigest()


def leftovers(parent: Path, name: str = "site") -> list[str]:
    """What a build may leave beside ``parent/name``: staging dirs, ``.old`` trees, lock files."""
    return sorted(
        p.name
        for p in parent.iterdir()
        if p.name.startswith(f".{name}.") or p.name == f"{name}.old"
    )


@dataclass(frozen=True)
class SmallRefs:
    """Small projects whose sites differ by one sentence, and the hash of each built site."""

    projects: dict[str, Path]
    digests: dict[str, str]
    #: Seconds one build of a small project took here (to spread random kills over).
    seconds: float
