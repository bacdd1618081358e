"""Optional MkDocs plugin: ``mkdocs build``/``mkdocs serve`` on the user's mkdocs.yml.

It serves the same ``render/project.py`` output as ``disclosure-gen build``: the generated pages
replace the docs folder's files, and the generated config (nav, extensions, theme settings) is
applied to the live config. The public build never depends on this plugin (design §1, §6).
"""

from __future__ import annotations

import copy
import logging
import os
from datetime import date
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config.config_options import MarkdownExtensions
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, file_sort_key

from disclosure_gen.check.engine import CheckOptions, check_paths
from disclosure_gen.check.findings import Severity
from disclosure_gen.config import load_config
from disclosure_gen.content.loader import InputError
from disclosure_gen.markup.math import TexSettings
from disclosure_gen.publish.history import read_history
from disclosure_gen.site.build import read_user_config
from disclosure_gen.site.output import DiskCache
from disclosure_gen.site.render.project import (
    OVERRIDES,
    Project,
    ProjectOptions,
    PyCall,
    build_project,
)

log = logging.getLogger("mkdocs.plugins.disclosure_gen")
#: Generated top-level keys copied onto the live config as they are.
PLAIN_KEYS = ("site_name", "site_url", "copyright", "site_author", "use_directory_urls", "nav")


def _resolve(value: Any) -> Any:
    if isinstance(value, PyCall):
        return value.resolve()
    if isinstance(value, dict):
        return {k: _resolve(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_resolve(v) for v in value]
    return value


class DisclosurePlugin(BasePlugin):  # type: ignore[type-arg]
    def __init__(self) -> None:
        self.command = "build"
        self.project: Project | None = None
        self.content: Path | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    @event_priority(100)  # before the search plugin reads its language settings
    def on_config(self, config: Any) -> Any:
        root = Path(config.config_file_path).parent
        try:
            settings = load_config(root)
            self.content = root / settings.content
            user = read_user_config(
                Path(config.config_file_path), self.content, trusted_html=settings.trusted_html
            )
        except InputError as exc:
            raise PluginError(str(exc)) from None
        options = CheckOptions(
            today=date.today(),
            select=settings.select,
            ignore=settings.ignore,
            waiver_limit_days=settings.waiver_limit_days,
            severity=settings.severity,
            tex=TexSettings(root / settings.cache_dir / "tex"),
        )
        checked = check_paths([self.content], options)
        if checked.input_errors or checked.site is None:
            raise PluginError("; ".join(str(e) for e in checked.input_errors) or "no site.yaml")
        failed = bool(checked.report.fails(Severity.ERROR))
        if failed and self.command != "serve":
            raise PluginError("content check failed: run `disclosure-gen check` for the findings")
        if failed:
            log.warning("content check failed: pages are drafts (run `disclosure-gen check`)")
        history = read_history(self.content, checked.site, os.environ)
        cache = DiskCache(root / settings.cache_dir / "svg")
        with cache.in_use():
            self.project = build_project(
                checked.site,
                checked.algorithms,
                options=ProjectOptions(settings.nav_page_limit, failed, user, history),
                svg_cache=cache,
            )
        gen = self.project.config
        for key in PLAIN_KEYS:
            if key in gen:
                config[key] = copy.deepcopy(gen[key])
        config["extra_css"] = list(gen["extra_css"])
        config["extra_javascript"] = list(gen["extra_javascript"])
        for key, value in gen["extra"].items():
            config.extra[key] = copy.deepcopy(value)
        for key, value in gen["theme"].items():
            if key not in ("name", "custom_dir"):
                config.theme[key] = copy.deepcopy(value)
        # Validate the extensions as MkDocs would have from a file, so that order and builtins
        # match the generated mkdocs.yml exactly.
        option = MarkdownExtensions(builtins=["toc", "tables", "fenced_code"])
        config["markdown_extensions"] = option.validate(_resolve(gen["markdown_extensions"]))
        config["mdx_configs"] = option.configdata
        search_cfg = gen["plugins"][0]["search"]
        for name in ("material/search", "search"):
            if name in config.plugins:
                for key, value in search_cfg.items():
                    config.plugins[name].config[key] = list(value)
        return config

    def on_files(self, files: Files, *, config: Any) -> Files:
        assert self.project is not None
        docs_dir = config.docs_dir
        # Keep the theme's files; the docs folder (content/) is replaced by the generated pages.
        # Order as MkDocs' own get_files() would (index first, folders depth-first), so the
        # search index and sitemap come out identical to the generated project's build.
        generated = sorted(
            (
                File.generated(config, rel, content=data)
                for rel, data in self.project.docs().items()
            ),
            key=file_sort_key,
        )
        return Files(generated + [f for f in files if f.src_dir != docs_dir])

    def on_env(self, env: jinja2.Environment, *, config: Any, files: Files) -> jinja2.Environment:
        assert env.loader is not None
        env.loader = jinja2.ChoiceLoader([jinja2.DictLoader(dict(OVERRIDES)), env.loader])
        return env

    def on_serve(self, server: Any, *, config: Any, builder: Any) -> Any:
        root = Path(config.config_file_path).parent
        if self.content is not None:
            server.watch(str(self.content))
        if (root / "pyproject.toml").is_file():
            server.watch(str(root / "pyproject.toml"))
        return server
