"""Checked models → a published site: render → temp dir → SSG subprocess → postcheck → swap.

The build command (``publish/commands.py``) runs ``check`` first, reads the history from git and
calls ``build_site`` only with content it accepts, so this module is also the library entry point
(benchmarks call it with their own models and timing hooks).
The SSG runs as a subprocess with an explicit environment (design §4.10), into a staging dir
beside the target; ``site/`` changes only by the final rename, under a lock.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Mapping, MutableMapping, Sequence
from contextlib import ExitStack, contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from disclosure_gen.content.loader import InputError
from disclosure_gen.site import output
from disclosure_gen.site.postcheck import EarlyScan, Problem, SiteFacts
from disclosure_gen.site.render.project import (
    Project,
    ProjectOptions,
    UserChoices,
    build_project,
    logo_paths,
    user_choices,
)
from disclosure_gen.site.sitestore import file_digest
from disclosure_gen.site.user_fields import vet_user_fields
from disclosure_gen.site.verdicts import Verdicts, facts_key, gate

if TYPE_CHECKING:
    from disclosure_gen.content.model.algorithm import Algorithm
    from disclosure_gen.content.model.site import Site
    from disclosure_gen.site.render.history import SiteHistory

#: Variables passed through to the SSG; everything else in its environment is set here.
PASSED_ENV = ("PATH", "HOME", "TMPDIR", "TEMP", "TMP", "SYSTEMROOT", "PYTHONPATH", "VIRTUAL_ENV")
#: Progress lines appear only for catalogues at least this large (algorithms).
PROGRESS_FROM = 100
#: Trees of at least this many files are deleted in the background after a swap (deleting
#: 1,000 files and 700 folders took 0.7–2.2 s here).
BACKGROUND_FROM = 500

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
    #: Entries read from (and missed in) the SVG and page caches.
    cache_hits: int = 0
    cache_misses: int = 0
    #: "plain" (the SSG built every page), "full" or "incremental" (mkdocs_driver).
    mode: str = "plain"
    #: Pages the SSG rendered (every page unless incremental).
    rendered: int = 0
    #: Files of the site the SSG wrote, as opposed to reused from the site store (sorted).
    written: tuple[str, ...] = ()


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
    """Build and publish the site into ``options.site_dir``; raises BuildError, site untouched.

    With a cache folder and MkDocs (the default SSG), pages come from the page cache and the SSG
    is ``mkdocs_driver``: only what changed since the last build is rendered (``incremental``).
    Otherwise every page goes through ``python -m mkdocs build`` (or ``options.argv``).
    """
    target = options.site_dir.absolute()
    timings: list[tuple[str, float]] = []
    svg_cache = output.DiskCache(options.cache_dir / "svg") if options.cache_dir else None
    page_cache = output.DiskCache(options.cache_dir / "pages") if options.cache_dir else None
    say = options.progress or (lambda _msg: None)
    big = options.progress is not None and len(algorithms) >= options.progress_from
    incremental = options.cache_dir is not None and options.argv is mkdocs_argv
    state = options.cache_dir.absolute() / "site" if options.cache_dir is not None else None
    with ExitStack() as outer:
        outer.enter_context(
            output.dir_lock(target, on_wait=lambda: say(f"等待另一个构建完成：{target}"))
        )
        output.clean_stale(target)
        if not output.looks_replaceable(target):
            raise BuildError(f"{target} 已存在且不像 disclosure-gen 生成的站点，拒绝覆盖")
        if big:
            say(f"渲染 {len(algorithms)} 个算法的页面…")
        # The driver starts up (imports, jieba, theme) on the other core while pages render.
        driver = start_driver(options, state) if incremental and state is not None else None
        if driver is not None:
            outer.callback(_stop, driver)
        with ExitStack() as stack:
            stack.enter_context(_phase("render", timings, options))
            for cache in (svg_cache, page_cache):
                if cache is not None:
                    stack.enter_context(cache.in_use())
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
                svg_cache=_Drawn(
                    svg_cache if svg_cache is not None else {}, say, options.progress_step
                )
                if big
                else svg_cache,
                page_cache=page_cache,
            )
        run = _Run(site, algorithms, project, target, options, timings, say if big else None)
        if driver is not None and state is not None:
            published = run.incremental(state, driver)
        else:
            published = run.plain()
    hits = misses = 0
    for cache in (svg_cache, page_cache):
        if cache is not None:
            cache.prune()
            hits, misses = hits + cache.hits, misses + cache.misses
    return BuildResult(
        target,
        target / "index.html",
        len(project.pages),
        published.files,
        published.size,
        tuple(timings),
        hits,
        misses,
        published.mode,
        published.rendered,
        published.written,
    )


@dataclass(frozen=True)
class _Published:
    files: int
    size: int
    #: "plain" (the SSG built every page), "full" or "incremental" (mkdocs_driver).
    mode: str
    #: Pages the SSG rendered (all of them unless incremental).
    rendered: int
    written: tuple[str, ...]


@dataclass
class _Run:
    """The steps after rendering: SSG into a staging dir, postcheck, swap."""

    site: Site
    algorithms: Sequence[Algorithm]
    project: Project
    target: Path
    options: BuildOptions
    timings: list[tuple[str, float]]
    say: Callable[[str], None] | None

    @property
    def facts(self) -> SiteFacts:
        scripts = [p[len("docs/") :] for p in self.project.files if p.endswith(".js")]
        return SiteFacts(self.site.site.base_url or "", frozenset(scripts))

    def plain(self) -> _Published:
        """The whole project written to a staging dir and built by the SSG, as it is."""
        project_dir = output.stage_dir(self.target, "project")
        out_dir = output.stage_dir(self.target, "tmp")
        try:
            with _phase("write", self.timings, self.options):
                output.write_tree(project_dir, self.project.tree())
            scripts = sorted(self.facts.allowed_scripts)
            # The SSG works on one core: postcheck scans what it has written meanwhile;
            # finish() re-reads the site and rescans what changed.
            early = EarlyScan(out_dir, allowed_scripts=scripts, site_url=self.facts.site_url)
            with _phase("ssg", self.timings, self.options), early:
                self._ssg(project_dir, out_dir)
            with _phase("postcheck", self.timings, self.options):
                problems = early.finish()
            if problems:
                raise PostcheckError(problems)
            built = [p for p in out_dir.rglob("*") if p.is_file()]
            size = sum(p.stat().st_size for p in built)
            with _phase("swap", self.timings, self.options):
                output.replace_dir(self.target, out_dir, background=self._big(len(built)))
            output.discard([project_dir], background=self._big(len(built)), beside=self.target)
        finally:
            output.remove_tree(project_dir)
            output.remove_tree(out_dir)
        written = tuple(sorted(p.relative_to(out_dir).as_posix() for p in built))
        return _Published(len(built), size, "plain", len(self.project.pages), written)

    @staticmethod
    def _big(files: int) -> bool:
        """Worth deleting in the background (small trees go at once, as tests expect)."""
        return files >= BACKGROUND_FROM

    def incremental(self, state: Path, driver: subprocess.Popen[str]) -> _Published:
        """Sync the project into the cache, let mkdocs_driver render what changed, publish."""
        # Builds sharing a cache take turns with its project folder and site store.
        with output.dir_lock(state, on_wait=lambda: (self.say or (lambda _m: None))("等待缓存")):
            project_dir = state / "project"
            with _phase("write", self.timings, self.options):
                tree = self.project.lazy_tree()
                output.sync_tree(project_dir, tree, tree.digest, state / "project.json")
            # The previous site, kept in the cache, is brought up to date and swapped in; the
            # tree it replaces is the next build's spare (nothing is deleted). On another file
            # system than the site, a fresh staging dir beside it instead.
            spare = state / "spare"
            spare.mkdir(exist_ok=True)
            spare.chmod(0o755)  # it becomes the site's root
            staged = spare if _same_device(spare, self.target.parent) else None
            out_dir = staged or output.stage_dir(self.target, "tmp")
            try:
                with _phase("ssg", self.timings, self.options):
                    report = run_driver(
                        driver, project_dir, out_dir, state, self._epoch(), self.say
                    )
                    if report is None:  # a project the driver does not model: plain MkDocs
                        self._ssg(project_dir, out_dir)
                        report = _report_of(out_dir, len(self.project.pages))
                files = {rel: entry[0] for rel, entry in report["files"].items()}
                verdicts = Verdicts.load(state / "verdicts.json", facts_key(self.facts))
                with _phase("postcheck", self.timings, self.options):
                    search = report.get("search")
                    problems = gate(out_dir, files, self.facts, verdicts, search=search)
                if problems:
                    raise PostcheckError(problems)
                with _phase("swap", self.timings, self.options):
                    if staged is not None:
                        output.swap_in(self.target, staged)
                    else:
                        output.replace_dir(self.target, out_dir, background=self._big(len(files)))
                verdicts.save(set(files.values()), search)
            finally:
                if staged is None:
                    output.remove_tree(out_dir)
        written = tuple(sorted(rel for rel, entry in report["files"].items() if entry[1]))
        return _Published(len(files), report["size"], report["mode"], report["rendered"], written)

    def _epoch(self) -> int:
        return source_date_epoch(self.algorithms)

    def _ssg(self, project_dir: Path, out_dir: Path) -> None:
        _run_ssg(
            self.options, project_dir, out_dir, self._epoch(), len(self.project.pages), self.say
        )


def start_driver(options: BuildOptions, state: Path) -> subprocess.Popen[str]:
    """Start ``mkdocs_driver``, which waits for its job on stdin (``run_driver``).

    Meanwhile it imports MkDocs, loads jieba and compiles the theme, while this process renders.
    """
    state.mkdir(parents=True, exist_ok=True)
    jobs = options.jobs or os.cpu_count() or 1
    argv = [
        options.python,
        "-m",
        "disclosure_gen.site.mkdocs_driver",
        str(state),
        "--jobs",
        str(jobs),
    ]
    # The epoch is not known yet (the driver sets it from the job); the rest is ssg_env's.
    return _start(argv, state, ssg_env(options.env, 0))


def run_driver(
    proc: subprocess.Popen[str],
    project_dir: Path,
    out_dir: Path,
    state: Path,
    epoch: int,
    say: Callable[[str], None] | None,
) -> dict[str, Any] | None:
    """Hand the started driver its job; its report, or None if the project needs plain MkDocs."""
    from disclosure_gen.site.mkdocs_driver import UNSUPPORTED

    report = state / "report.json"
    report.unlink(missing_ok=True)
    job = {"project": str(project_dir), "out": str(out_dir), "report": str(report), "epoch": epoch}
    code = _follow(proc, say, ok=(0, UNSUPPORTED), send=json.dumps(job) + "\n")
    if code == UNSUPPORTED:
        return None
    return json.loads(report.read_bytes())


def _stop(proc: subprocess.Popen[str]) -> None:
    """End a driver that never got its job (the build failed before): EOF ends it."""
    if proc.poll() is None:
        try:
            if proc.stdin is not None and not proc.stdin.closed:
                proc.stdin.close()
            proc.wait(timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            proc.kill()
            proc.wait()
    for stream in (proc.stdin, proc.stdout):
        if stream is not None and not stream.closed:
            stream.close()


def _same_device(a: Path, b: Path) -> bool:
    try:
        return a.stat().st_dev == b.stat().st_dev
    except OSError:
        return False


def _report_of(out_dir: Path, pages: int) -> dict[str, Any]:
    """What the driver reports, for a tree plain MkDocs built."""
    files = {}
    size = 0
    for path in sorted(out_dir.rglob("*")):
        if path.is_file():
            files[path.relative_to(out_dir).as_posix()] = [file_digest(path), True]
            size += path.stat().st_size
    return {"files": files, "size": size, "mode": "plain", "rendered": pages}


def _run_ssg(
    options: BuildOptions,
    project_dir: Path,
    out_dir: Path,
    epoch: int,
    pages: int,
    say: Callable[[str], None] | None,
) -> None:
    argv = options.argv(options.python, project_dir / "mkdocs.yml", out_dir)
    _stream(argv, project_dir, ssg_env(options.env, epoch), say, pages)


#: Lines of the SSG's output that explain a failure.
_MESSAGES = ("ERROR", "WARNING", "Error", "Aborted", "Config value")


def _start(argv: Sequence[str], cwd: Path, env: Mapping[str, str]) -> subprocess.Popen[str]:
    try:
        return subprocess.Popen(
            list(argv),
            cwd=cwd,
            env=dict(env),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
            errors="replace",
        )
    except OSError as exc:
        raise SSGError(f"无法启动 SSG（{argv[0]}）：{exc}") from None


def _stream(
    argv: Sequence[str],
    cwd: Path,
    env: Mapping[str, str],
    say: Callable[[str], None] | None,
    pages: int = 0,
) -> None:
    """Run the SSG to its end (see ``_follow``)."""
    _follow(_start(argv, cwd, env), say, pages)


def _follow(
    proc: subprocess.Popen[str],
    say: Callable[[str], None] | None,
    pages: int = 0,
    ok: Sequence[int] = (0,),
    send: str = "",
) -> int:
    """Send ``send`` to the SSG, turn its page lines into progress; its exit code if in ``ok``.

    ``mkdocs build -v`` logs a "Building page" line per page; ``mkdocs_driver`` prints
    ``DG-PAGES done todo total``. Anything else that fails raises SSGError with its messages.
    """
    built = 0
    shown = 0
    messages: list[str] = []
    tail: list[str] = []
    assert proc.stdin is not None and proc.stdout is not None
    with proc:
        try:
            proc.stdin.write(send)
            proc.stdin.close()
        except BrokenPipeError:  # it ended early: its output says why
            pass
        for line in proc.stdout:
            line = line.rstrip("\n")
            tail = [*tail[-19:], line]
            if "Building page " in line:
                built += 1
                if say is not None and built % max(pages // 10, 1) == 0:
                    say(f"mkdocs：{built}/{pages} 页")
            elif line.startswith("DG-PAGES "):
                done, todo, total = (int(n) for n in line.split()[1:4])
                if say is not None and (done == todo or done - shown >= max(todo // 10, 1)):
                    shown = done
                    rest = "" if todo == total else f"（共 {total} 页，其余未变）"
                    say(f"mkdocs：{done}/{todo} 页{rest}")
            elif line.startswith("DG-TIMES ") and say is not None:
                say(f"build: mkdocs_driver {line.split(' ', 1)[1]}")
            elif line.startswith("DG-UNSUPPORTED ") and say is not None:
                say(f"build: 改用完整的 mkdocs build：{line.split(' ', 1)[1]}")
            elif line.startswith(_MESSAGES):
                messages.append(line)
    if proc.returncode in ok:
        return proc.returncode
    text = "\n".join(messages or [t for t in tail if not t.startswith(("DEBUG", "DG-"))])
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
