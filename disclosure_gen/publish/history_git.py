"""Read content from git revisions and directories (I/O only).

Git runs as a subprocess with an explicit, cleaned environment: variables such as
``GIT_DIR`` or ``GIT_INDEX_FILE`` (set while a pre-commit hook runs) would otherwise point git at
another repository or index. Only plumbing-like commands with machine-readable output are used.
"""

from __future__ import annotations

import subprocess
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath

from disclosure_gen.content.loader import iter_yaml_files

#: Environment variables passed through to git; everything ``GIT_*`` is dropped.
_KEEP = ("PATH", "HOME", "SYSTEMROOT", "TMPDIR", "TEMP", "TMP")


class GitError(Exception):
    """Git is missing, the folder is no repository, or a revision does not exist."""


def git_env(environ: Mapping[str, str]) -> dict[str, str]:
    """The environment git runs with: a few pass-through variables, fixed locale, no prompts."""
    env = {k: environ[k] for k in _KEEP if k in environ}
    env.update(LC_ALL="C", GIT_TERMINAL_PROMPT="0", GIT_OPTIONAL_LOCKS="0")
    return env


@dataclass(frozen=True)
class Snapshot:
    """The YAML files of one content folder at one point: relative POSIX path → bytes."""

    label: str
    files: dict[str, bytes] = field(default_factory=dict)
    date: date | None = None


@dataclass(frozen=True)
class Commit:
    sha: str
    date: date


@dataclass(frozen=True)
class Repo:
    """A git work tree, and the environment to run git in."""

    root: Path
    env: Mapping[str, str]

    @classmethod
    def find(cls, start: Path, env: Mapping[str, str]) -> Repo:
        """The repository containing ``start``; :class:`GitError` when there is none."""
        out = _git(start, env, "rev-parse", "--show-toplevel")
        return cls(Path(out.decode("utf-8").strip()), env)

    def run(self, *args: str) -> bytes:
        """Run ``git args`` in the work tree and return its stdout."""
        return _git(self.root, self.env, *args)

    def resolve(self, rev: str) -> str:
        """The full commit id of ``rev``."""
        if rev.startswith("-"):
            raise GitError(f"`{rev}` 不是 git 版本")
        try:
            return (
                self.run("rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").decode().strip()
            )
        except GitError:
            raise GitError(f"git 中找不到版本 `{rev}`") from None

    def relative(self, folder: Path) -> str:
        """``folder`` as a path inside the repository ('' for the root)."""
        try:
            rel = folder.resolve().relative_to(self.root.resolve())
        except ValueError:
            raise GitError(f"{folder} 不在 git 仓库 {self.root} 中") from None
        return rel.as_posix() if rel.parts else ""

    def snapshot(self, rev: str, folder: str) -> Snapshot:
        """The YAML files under ``folder`` (relative to the root) at revision ``rev``."""
        sha = self.resolve(rev)
        listing = self.run("ls-tree", "-r", "-z", "--name-only", sha, "--", folder or ".")
        prefix = f"{folder}/" if folder else ""
        files = {}
        for name in sorted(n for n in listing.decode("utf-8").split("\0") if n):
            if PurePosixPath(name).suffix in (".yaml", ".yml") and name.startswith(prefix):
                files[name[len(prefix) :]] = self.run("cat-file", "blob", f"{sha}:{name}")
        return Snapshot(f"{rev} ({sha[:7]})", files, self.commit_date(sha))

    def commit_date(self, sha: str) -> date:
        """The committer date of ``sha`` (the day the change landed), as git recorded it."""
        return date.fromisoformat(self.run("show", "-s", "--format=%cs", sha).decode().strip())

    def file_commits(self, path: str) -> list[Commit]:
        """Commits that changed ``path``, oldest first (first-parent history, no renames)."""
        out = self.run("log", "--first-parent", "--format=%H %cs", "--", path).decode()
        commits = [Commit(sha, date.fromisoformat(day)) for sha, day in _pairs(out)]
        return commits[::-1]

    def read(self, sha: str, path: str) -> bytes | None:
        """The bytes of ``path`` at ``sha``, or None when the file did not exist there."""
        try:
            return self.run("cat-file", "blob", f"{sha}:{path}")
        except GitError:
            return None


def _pairs(out: str) -> list[tuple[str, str]]:
    return [(a, b) for a, b in (line.split(" ", 1) for line in out.splitlines() if line)]


def _git(cwd: Path, env: Mapping[str, str], *args: str) -> bytes:
    try:
        proc = subprocess.run(
            ["git", "-c", "core.quotepath=off", *args],
            cwd=cwd,
            env=dict(env),
            capture_output=True,
            check=False,
        )
    except FileNotFoundError:
        raise GitError("找不到 git 命令；请安装 git，或改为比较两个目录") from None
    except NotADirectoryError:
        raise GitError(f"{cwd} 不是目录") from None
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(message[-1] if message else f"git {args[0]} 失败")
    return proc.stdout


def snapshot_dir(folder: Path, label: str | None = None) -> Snapshot:
    """The YAML files under ``folder`` on disk."""
    files = {p.relative_to(folder).as_posix(): p.read_bytes() for p in iter_yaml_files([folder])}
    return Snapshot(label or folder.as_posix(), files)


def content_folder(folder: Path, content: str) -> Path:
    """A directory argument may be the content folder itself or a project holding one."""
    if (folder / "site.yaml").is_file() or (folder / "algorithms").is_dir():
        return folder
    nested = folder / content
    return nested if nested.is_dir() else folder


def snapshot_for(rev: str | None, *, content: Path, cwd: Path, env: Mapping[str, str]) -> Snapshot:
    """Resolve one side of ``diff``: a directory, a git revision, or (None) the work tree.

    ``content`` is the content folder relative to ``cwd``. A directory wins over a revision
    of the same name.
    """
    if rev is None:
        return snapshot_dir(cwd / content, "工作区")
    folder = cwd / rev
    if folder.is_dir():
        return snapshot_dir(content_folder(folder, content.as_posix()), rev)
    repo = Repo.find(cwd, git_env(env))
    return repo.snapshot(rev, repo.relative(cwd / content))
