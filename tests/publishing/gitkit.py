"""Throwaway git repositories with fixed identities and dates, for the publishing tests."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class GitRepo:
    root: Path

    def git(self, *args: str, day: str = "2026-11-02") -> str:
        """Run git with a fixed identity and a fixed date (noon, China time) for commits."""
        stamp = f"{day}T12:00:00+08:00"
        env = {
            "PATH": os.environ["PATH"],
            "HOME": str(self.root),
            "GIT_AUTHOR_DATE": stamp,
            "GIT_COMMITTER_DATE": stamp,
            "LC_ALL": "C",
        }
        cmd = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.cn"]
        cmd += ["-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args]
        out = subprocess.run(cmd, cwd=self.root, env=env, capture_output=True, check=True)
        return out.stdout.decode()

    def commit(self, message: str, *, day: str) -> str:
        self.git("add", "-A", day=day)
        self.git("commit", "-q", "-m", message, day=day)
        return self.git("rev-parse", "HEAD").strip()

    def edit(self, rel: str, old: str, new: str) -> None:
        path = self.root / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {rel}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
