"""The ``build``, ``render`` and ``serve`` commands, after ``check``.

Checked content and its git history in; a published site (or the plain Markdown project) out,
with the exit code and the lines to print.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from disclosure_gen.content.loader import InputError
from disclosure_gen.content.model.algorithm import Algorithm
from disclosure_gen.content.model.site import Site
from disclosure_gen.publish.history import read_history
from disclosure_gen.site.build import (
    PROGRESS_FROM,
    BuildError,
    BuildOptions,
    PostcheckError,
    UserLoader,
    build_site,
    read_user_config,
    render_tree,
)
from disclosure_gen.site.render.project import ProjectOptions


@dataclass(frozen=True)
class Publish:
    """What the ``build``/``render`` commands pass in (already checked content)."""

    root: Path
    content_dir: Path
    user_config: Path
    cache_dir: Path | None
    nav_page_limit: int
    draft: bool
    env: Mapping[str, str]
    #: mkdocs.yml fields published as written (``[tool.disclosure-gen] trusted_html``).
    trusted_html: tuple[str, ...] = ()


def publish(
    site: Site,
    algorithms: Sequence[Algorithm],
    site_dir: Path,
    spec: Publish,
    echo: Callable[[str], None],
    out: Callable[[str], None],
) -> int:
    """``disclosure-gen build`` after its check: build, report, and return the exit code.

    ``echo`` takes progress and problems (stderr), ``out`` the site's location (stdout).
    """
    try:
        user = read_user_config(spec.user_config, spec.content_dir, trusted_html=spec.trusted_html)
    except InputError as exc:
        echo(f"error: {exc}")
        return 2
    if user.ignored:
        echo(f"build: mkdocs.yml 中以下设置由生成器决定，已忽略：{', '.join(user.ignored)}")
    big = len(algorithms) >= PROGRESS_FROM

    def phase(name: str, seconds: float) -> None:
        if big:
            echo(f"build: {name} {seconds:.1f} s")

    options = BuildOptions(
        site_dir=_under(spec.root, site_dir),
        env=spec.env,
        user=user,
        nav_page_limit=spec.nav_page_limit,
        draft=spec.draft,
        cache_dir=spec.cache_dir,
        progress=echo,
        on_phase=phase,
        history=read_history(spec.content_dir, site, spec.env),
    )
    if _contains(options.site_dir, spec.content_dir) or _contains(options.site_dir, spec.root):
        echo(f"error: 输出目录 {options.site_dir} 包含内容目录或项目目录，拒绝覆盖")
        return 2
    try:
        result = build_site(site, algorithms, options)
    except PostcheckError as exc:
        # Unusable input, not a finding: the content or mkdocs.yml produced a page that could
        # run script or load from elsewhere, and no waiver or severity setting may publish it.
        for problem in exc.problems:
            echo(f"{problem}")
        echo(f"build: postcheck 发现 {len(exc.problems)} 处问题，站点未发布")
        return 2
    except BuildError as exc:
        echo(f"error: SSG 构建失败，站点未改动：\n{exc}")
        return 2
    kind = "草稿站点" if spec.draft else "站点"
    redone = f"（重新渲染 {result.rendered} 页）" if result.mode == "incremental" else ""
    echo(f"build: {result.pages} 页{redone}，{result.files} 个文件，{result.size / 1e6:.1f} MB")
    out(f"{kind}：{result.index}")
    return 0


def _under(root: Path, path: Path) -> Path:
    return path if path.is_absolute() else root / path


def _contains(outer: Path, inner: Path) -> bool:
    """True if ``inner`` is ``outer`` or lies beneath it."""
    a, b = outer.resolve(), inner.resolve()
    return a == b or a in b.parents


def names_plugin(config_file: Path) -> bool:
    """True if the user's mkdocs.yml lists the disclosure_gen plugin."""
    try:
        raw = yaml.load(config_file.read_text(encoding="utf-8"), Loader=UserLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return False
    plugins = raw.get("plugins", []) if isinstance(raw, dict) else []
    names = [next(iter(p)) if isinstance(p, dict) and p else p for p in plugins or []]
    return "disclosure_gen" in names


def serve(
    config_file: Path, port: int, env: Mapping[str, str], python: str = sys.executable
) -> int:
    """Run ``mkdocs serve`` on 127.0.0.1 with the plugin (live reload on YAML edits)."""
    argv = [python, "-m", "mkdocs", "serve", "-f", str(config_file), "-a", f"127.0.0.1:{port}"]
    run_env = {**env, "NO_MKDOCS_2_WARNING": "1"}
    if os.name == "posix":
        # Become the server: a signal to this process (a supervisor's SIGTERM, not only a
        # terminal's Ctrl-C to the whole group) then stops it instead of orphaning a child.
        os.execve(python, argv, run_env)
    try:
        return subprocess.call(argv, env=run_env, stdin=subprocess.DEVNULL)
    except KeyboardInterrupt:
        return 0


def render_command(
    site: Site,
    algorithms: Sequence[Algorithm],
    out_dir: Path,
    spec: Publish,
    echo: Callable[[str], None],
    out: Callable[[str], None],
) -> int:
    """``disclosure-gen render --out DIR``: the plain project for another SSG."""
    try:
        user = read_user_config(spec.user_config, spec.content_dir, trusted_html=spec.trusted_html)
    except InputError as exc:
        echo(f"error: {exc}")
        return 2
    target = _under(spec.root, out_dir)
    if _contains(target, spec.content_dir) or _contains(target, spec.root):
        echo(f"error: 输出目录 {target} 包含内容目录或项目目录，拒绝覆盖")
        return 2
    history = read_history(spec.content_dir, site, spec.env)
    options = ProjectOptions(
        spec.nav_page_limit,
        spec.draft,
        user,
        history,
        jobs=os.cpu_count() or 1,
        tex_cache=spec.cache_dir / "tex" if spec.cache_dir else None,
    )
    try:
        stats = render_tree(site, algorithms, target, options=options, cache_dir=spec.cache_dir)
    except BuildError as exc:
        echo(f"error: {exc}")
        return 2
    echo(f"render: {stats['files']} 个文件，{stats['size'] / 1e6:.1f} MB")
    out(f"{target / 'mkdocs.yml'}")
    return 0
