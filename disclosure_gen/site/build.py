"""Checked models → a published site: render → temp dir → SSG subprocess → postcheck → swap.

The build command (``publish/commands.py``) runs ``check`` first, reads the history from git and
calls ``build_site`` only with content it accepts, so this module is also the library entry point
(benchmarks call it with their own models and timing hooks).
The SSG runs as a subprocess with an explicit environment (design §4.10), into a staging dir
beside the target; ``site/`` changes only by the final rename, under a lock.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Mapping, MutableMapping, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from disclosure_gen.content.loader import InputError
from disclosure_gen.site import output
from disclosure_gen.site.postcheck import EarlyScan, Problem
from disclosure_gen.site.render.project import (
    ProjectOptions,
    UserChoices,
    build_project,
    logo_paths,
    user_choices,
)
from disclosure_gen.site.user_fields import vet_user_fields

if TYPE_CHECKING:
    from disclosure_gen.content.model.algorithm import Algorithm
    from disclosure_gen.content.model.site import Site
    from disclosure_gen.site.render.history import SiteHistory

#: Variables passed through to the SSG; everything else in its environment is set here.
PASSED_ENV = ("PATH", "HOME", "TMPDIR", "TEMP", "TMP", "SYSTEMROOT", "PYTHONPATH", "VIRTUAL_ENV")
#: Progress lines appear only for catalogues at least this large (algorithms).
PROGRESS_FROM = 100

Argv = Callable[[str, Path, Path], list[str]]


def mkdocs_argv(python: str, config_file: Path, out_dir: Path) -> list[str]:
    """``python -m mkdocs build --strict`` (``-v`` only to count pages for progress)."""
    return [
        python,
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "-v",
        "-f",
        str(config_file),
        "-d",
        str(out_dir),
    ]


@dataclass(frozen=True)
class BuildOptions:
    """Where and how to build; the environment and hooks are arguments, never read globally."""

    site_dir: Path
    env: Mapping[str, str] = field(default_factory=dict)
    user: UserChoices = field(default_factory=UserChoices)
    nav_page_limit: int = 100
    draft: bool = False
    cache_dir: Path | None = None
    python: str = sys.executable
    argv: Argv = mkdocs_argv
    #: One line of progress for humans (stderr in the CLI), from ``progress_from`` algorithms
    #: on: every ``progress_step`` newly drawn SVGs and every tenth of the SSG's pages.
    progress: Callable[[str], None] | None = None
    progress_from: int = PROGRESS_FROM
    progress_step: int = 50
    #: Called with (phase, seconds) after each phase: render, write, ssg, postcheck, swap.
    on_phase: Callable[[str, float], None] | None = None
    #: Past versions read from git (history_git.read_history), for archive pages.
    history: SiteHistory | None = None
    #: Processes rendering algorithm pages of large catalogues (None: one per CPU).
    jobs: int | None = None


@dataclass(frozen=True)
class BuildResult:
    site_dir: Path
    index: Path
    pages: int
    files: int
    size: int
    timings: tuple[tuple[str, float], ...]
    cache_hits: int = 0
    cache_misses: int = 0


class BuildError(Exception):
    """The site could not be built; ``site_dir`` is untouched."""


class SSGError(BuildError):
    """The SSG exited with an error; the message is its own."""


class PostcheckError(BuildError):
    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__(f"{len(problems)} 处问题，站点未发布")
        self.problems = tuple(problems)


def source_date_epoch(algorithms: Sequence[Algorithm]) -> int:
    """Midnight UTC of the newest ``versions[].date`` (0 when there is none)."""
    newest = max((v.date for a in algorithms for v in a.versions), default=None)
    if newest is None:
        return 0
    return int(datetime(newest.year, newest.month, newest.day, tzinfo=UTC).timestamp())


def ssg_env(base: Mapping[str, str], epoch: int) -> dict[str, str]:
    """The SSG's whole environment: a few variables from ``base`` plus fixed settings."""
    env = {k: base[k] for k in PASSED_ENV if k in base}
    env.update(
        {
            "NO_MKDOCS_2_WARNING": "1",
            "SOURCE_DATE_EPOCH": str(epoch),
            "PYTHONHASHSEED": "0",
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
            "PYTHONIOENCODING": "utf-8",
            "PYTHONUTF8": "1",
            "PYTHONDONTWRITEBYTECODE": "1",
        }
    )
    return env


class UserLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Reads the user's mkdocs.yml; MkDocs' own tags (!ENV, !!python/…) load as None."""


def _ignore_tag(loader: yaml.BaseLoader, suffix: str, node: yaml.Node) -> None:
    return None


UserLoader.add_multi_constructor("!", _ignore_tag)
UserLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)


def read_user_config(
    path: Path | None, content_dir: Path, *, trusted_html: Sequence[str] = ()
) -> UserChoices:
    """Parse the top-level mkdocs.yml (absent: defaults) and read the logo files it names.

    Values the theme writes into pages are escaped or refused at their key (user_fields.py);
    ``trusted_html`` names fields published as written.
    """
    if path is None or not path.is_file():
        return UserChoices()
    shown = _shown(path)
    try:
        # A SafeLoader subclass: the user's own file, read without constructing objects.
        text = path.read_text(encoding="utf-8")
        raw = yaml.load(text, Loader=UserLoader)
    except UnicodeDecodeError:
        raise InputError(shown, 1, 1, "mkdocs.yml 不是 UTF-8 文本") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise InputError(shown, line, col, f"mkdocs.yml 无法解析：{exc}") from None
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise InputError(shown, 1, 1, "mkdocs.yml 的顶层应为映射")
    raw = vet_user_fields(raw, text, shown, frozenset(trusted_html))
    files: dict[str, bytes] = {}
    for rel in logo_paths(raw):
        file = content_dir / rel
        if not file.is_file():
            raise InputError(
                shown,
                1,
                1,
                f"theme 引用的文件 `{rel}` 不存在",
                f"把文件放到 {_shown(content_dir)}/{rel}，或改用图标名",
            )
        files[rel] = file.read_bytes()
    return user_choices(raw, files)


def _shown(path: Path) -> str:
    rel = os.path.relpath(path)
    return path.as_posix() if rel.startswith("..") else Path(rel).as_posix()


class _Drawn(MutableMapping[str, bytes]):
    """Passes through to the SVG cache and reports newly drawn SVGs (the slow part)."""

    def __init__(
        self, inner: MutableMapping[str, bytes], say: Callable[[str], None], step: int
    ) -> None:
        self.inner = inner
        self.say = say
        self.step = max(step, 1)
        self.drawn = 0

    def __getitem__(self, key: str) -> bytes:
        return self.inner[key]

    def __contains__(self, key: object) -> bool:
        return key in self.inner

    def __setitem__(self, key: str, value: bytes) -> None:
        self.inner[key] = value
        self.drawn += 1
        if self.drawn % self.step == 0:
            self.say(f"已绘制 {self.drawn} 张图…")

    def __delitem__(self, key: str) -> None:
        del self.inner[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.inner)

    def __len__(self) -> int:
        return len(self.inner)


@contextmanager
def _phase(name: str, timings: list[tuple[str, float]], options: BuildOptions) -> Iterator[None]:
    start = time.perf_counter()
    yield
    seconds = time.perf_counter() - start
    timings.append((name, seconds))
    if options.on_phase is not None:
        options.on_phase(name, seconds)


def build_site(site: Site, algorithms: Sequence[Algorithm], options: BuildOptions) -> BuildResult:
    """Build and publish the site into ``options.site_dir``; raises BuildError, site untouched."""
    target = options.site_dir.absolute()
    timings: list[tuple[str, float]] = []
    cache = output.DiskCache(options.cache_dir / "svg") if options.cache_dir else None
    say = options.progress or (lambda _msg: None)
    big = options.progress is not None and len(algorithms) >= options.progress_from
    with output.dir_lock(target, on_wait=lambda: say(f"等待另一个构建完成：{target}")):
        output.clean_stale(target)
        if not output.looks_replaceable(target):
            raise BuildError(f"{target} 已存在且不像 disclosure-gen 生成的站点，拒绝覆盖")
        if big:
            say(f"渲染 {len(algorithms)} 个算法的页面…")
        with _phase("render", timings, options), cache.in_use() if cache else nullcontext():
            project = build_project(
                site,
                algorithms,
                options=ProjectOptions(
                    options.nav_page_limit,
                    options.draft,
                    options.user,
                    options.history,
                    jobs=options.jobs or os.cpu_count() or 1,
                    tex_cache=options.cache_dir / "tex" if options.cache_dir else None,
                ),
                svg_cache=_Drawn(cache if cache is not None else {}, say, options.progress_step)
                if big
                else cache,
            )
        project_dir = output.stage_dir(target, "project")
        out_dir = output.stage_dir(target, "tmp")
        try:
            with _phase("write", timings, options):
                output.write_tree(project_dir, project.tree())
            pages = len(project.pages)
            scripts = [p[len("docs/") :] for p in project.files if p.endswith(".js")]
            # The SSG works on one core: postcheck scans what it has written meanwhile;
            # finish() re-reads the site and rescans what changed.
            early = EarlyScan(out_dir, allowed_scripts=scripts, site_url=site.site.base_url or "")
            with _phase("ssg", timings, options), early:
                epoch = source_date_epoch(algorithms)
                _run_ssg(options, project_dir, out_dir, epoch, pages, say if big else None)
            with _phase("postcheck", timings, options):
                problems = early.finish()
            if problems:
                raise PostcheckError(problems)
            with _phase("swap", timings, options):
                output.replace_dir(target, out_dir)
        finally:
            output.remove_tree(project_dir)
            output.remove_tree(out_dir)
    if cache is not None:
        cache.prune()
    built = [p for p in target.rglob("*") if p.is_file()]
    return BuildResult(
        target,
        target / "index.html",
        pages,
        len(built),
        sum(p.stat().st_size for p in built),
        tuple(timings),
        cache.hits if cache else 0,
        cache.misses if cache else 0,
    )


def _run_ssg(
    options: BuildOptions,
    project_dir: Path,
    out_dir: Path,
    epoch: int,
    pages: int,
    say: Callable[[str], None] | None,
) -> None:
    argv = options.argv(options.python, project_dir / "mkdocs.yml", out_dir)
    every = max(pages // 10, 1)
    built = 0
    messages: list[str] = []
    tail: list[str] = []
    try:
        proc = subprocess.Popen(
            argv,
            cwd=project_dir,
            env=ssg_env(options.env, epoch),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
            errors="replace",
        )
    except OSError as exc:
        raise SSGError(f"无法启动 SSG（{argv[0]}）：{exc}") from None
    assert proc.stdout is not None
    with proc:
        for line in proc.stdout:
            line = line.rstrip("\n")
            tail = [*tail[-19:], line]
            if "Building page " in line:
                built += 1
                if say is not None and built % every == 0:
                    say(f"mkdocs：{built}/{pages} 页")
            elif line.startswith(("ERROR", "WARNING", "Error", "Aborted", "Config value")):
                messages.append(line)
    if proc.returncode != 0:
        text = "\n".join(messages or [t for t in tail if not t.startswith("DEBUG")])
        raise SSGError(text or f"SSG 退出码 {proc.returncode}")


def render_tree(
    site: Site,
    algorithms: Sequence[Algorithm],
    out_dir: Path,
    *,
    options: ProjectOptions,
    cache_dir: Path | None,
) -> dict[str, Any]:
    """Write the plain project (Markdown, assets, mkdocs.yml) to ``out_dir`` atomically."""
    target = out_dir.absolute()
    cache = output.DiskCache(cache_dir / "svg") if cache_dir else None
    with output.dir_lock(target):
        output.clean_stale(target)
        if not output.looks_replaceable(target):
            raise BuildError(f"{target} 已存在且不像 disclosure-gen 生成的目录，拒绝覆盖")
        with cache.in_use() if cache else nullcontext():
            tree = build_project(site, algorithms, options=options, svg_cache=cache).tree()
        staged = output.stage_dir(target, "tmp")
        try:
            output.write_tree(staged, tree)
            output.replace_dir(target, staged)
        finally:
            output.remove_tree(staged)
    return {"files": len(tree), "size": sum(len(v) for v in tree.values())}
