"""A MkDocs build that renders only the pages whose inputs changed (the driver's work).

``Build`` sets MkDocs up as ``mkdocs.commands.build.build()`` does (config with its plugins'
events, files, theme, nav) and keys every page by its inputs (``mkdocs_inputs``). Pages whose
key matches the store's manifest are placed from the store; the rest go through MkDocs' own
``_populate_page`` and ``_build_page``, so their HTML is MkDocs' and Material's, and so are their
search entries (``searchindex`` splices them in). Nav pages are rendered or restored first, as
``build()`` populates every page before writing any: every page's nav shows their titles.

OUT may be an older tree (the previous site, kept by the caller as a spare): a file there that
already is the right object (the same inode) stays, any other is replaced and never written
into, since it may share its inode with a published site; files the new site lacks are removed.
Bringing a tree up to date costs a stat per file, not a link per file and a deletion afterwards.

A rendered page is dropped from memory once written. Many pages to render (a cold build, a new
nav) are split over forked workers after set-up: a page's output depends only on that shared
state and on the page, so the split cannot change it.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache
import mkdocs.commands.build as mkbuild
from mkdocs import utils
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, InclusionLevel, get_files, set_exclusions
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page

from disclosure_gen.site import searchindex
from disclosure_gen.site.mkdocs_inputs import (
    Unsupported,
    check_supported,
    nav_facts,
    site_key,
    source_digests,
    versions,
)
from disclosure_gen.site.sitestore import (
    Ref,
    Store,
    clear,
    digest,
    file_digest,
    remove_strays,
)

#: Fork workers only for at least this many pages to render.
FORK_FROM = 200
#: Pages per worker task: small enough to spread the few very large pages.
CHUNK = 16


@dataclass
class Rendered:
    """One page rendered, here or in a worker."""

    src_uri: str
    ref: Ref
    title: str | None
    search: bytes
    #: The file-list answers its Markdown got (path → [url, inclusion] or None).
    lookups: dict[str, Any]
    #: Warnings logged meanwhile, counted where it was rendered.
    warnings: int = 0
    forked: bool = False
    #: Where ``search`` went in the spool file (it is emptied then).
    spooled: tuple[int, int] = (0, 0)
    #: How many entries ``search`` holds, and its digest (postcheck judges fragments).
    entries: int = 0
    search_digest: str = ""


@dataclass
class Report:
    """What the caller learns: mode, why, and every output file with its digest."""

    mode: str = "full"
    reason: str = ""
    pages: int = 0
    rendered: int = 0
    #: dest path → [digest, written here (not placed from the store)]
    files: dict[str, list[Any]] = field(default_factory=dict)
    size: int = 0
    #: The search index's fragments in page order: [digest, entries, start, end] (None when
    #: the previous manifest did not record them: postcheck then judges the whole index).
    search: list[list[Any]] | None = None

    def add(self, dest: str, ref: Ref, *, written: bool) -> None:
        self.files[dest] = [ref.digest, written]
        self.size += ref.size

    def as_json(self) -> dict[str, Any]:
        return {
            "mode": self.mode,
            "reason": self.reason,
            "pages": self.pages,
            "rendered": self.rendered,
            "files": self.files,
            "size": self.size,
            "search": self.search,
        }


class _Recorder(BasePlugin):  # type: ignore[type-arg]
    """Takes each page's search entries and output bytes as MkDocs builds it."""

    def __init__(self, search: Any) -> None:
        self.search = search
        self.entries: list[dict[str, Any]] = []
        self.out = b""

    @event_priority(-100)  # after the search plugin has indexed the page
    def on_page_context(self, context: Any, *, page: Page, config: Any, nav: Any) -> Any:
        entries = self.search.search_index.entries
        self.entries = list(entries)
        entries.clear()  # kept as a fragment per page instead
        return context

    @event_priority(-100)
    def on_post_page(self, output: str, *, page: Page, config: Any) -> str:
        self.out = output.encode("utf-8", errors="xmlcharrefreplace")  # as _build_page writes
        return output


class CompiledTemplates(jinja2.BytecodeCache):
    """Theme templates compiled while the caller was still rendering, kept in this process.

    Jinja compiles a template's source into code once per environment; with this cache the
    build's environment loads the code the warm-up environment compiled. A bucket is keyed by
    the environment's syntax settings and extensions, the name and the source's checksum, so
    a template is only reused as the same source compiled the same way.
    """

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}
        #: Every template asked for, for the next warm-up.
        self.names: set[str] = set()

    def get_bucket(
        self, environment: jinja2.Environment, name: str, filename: str | None, source: str
    ) -> jinja2.bccache.Bucket:
        self.names.add(name)
        shape = repr(
            (
                sorted(environment.extensions),
                environment.autoescape,
                environment.optimized,
                environment.block_start_string,
                environment.block_end_string,
                environment.variable_start_string,
                environment.variable_end_string,
                environment.comment_start_string,
                environment.comment_end_string,
                environment.line_statement_prefix,
                environment.line_comment_prefix,
                environment.trim_blocks,
                environment.lstrip_blocks,
                environment.newline_sequence,
                environment.keep_trailing_newline,
            )
        )
        key = digest(f"{shape}\0{name}\0{filename}".encode())
        bucket = jinja2.bccache.Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


def warm_up(state: Path) -> CompiledTemplates:
    """What every build needs whatever its job: jieba's dictionary and the theme, compiled.

    Runs while the caller renders (before the project is synced), so it reads the previous
    build's config and the template names it used; a warm-up never fails the build.
    """
    import jieba

    jieba.initialize()
    compiled = CompiledTemplates()
    previous = Store(state).read_manifest() or {}
    names = previous.get("templates")
    if not isinstance(names, list):
        names = ["main.html", "404.html", "sitemap.xml"]
    config_file = state / "project" / "mkdocs.yml"
    if config_file.is_file():
        try:
            env = load_config(config_file=str(config_file)).theme.get_env()
            env.bytecode_cache = compiled
            for name in names:
                env.get_template(str(name))
        except (MkDocsException, jinja2.TemplateError, OSError, ValueError):
            pass
    return compiled


class Build:
    """One run: MkDocs set up as ``build()`` does, then only the work the store lacks."""

    def __init__(
        self,
        project: Path,
        out: Path,
        state: Path,
        jobs: int,
        compiled: CompiledTemplates | None = None,
    ) -> None:
        self._clock = time.perf_counter()
        self.times: list[tuple[str, float]] = []  # (step, seconds), for the build's profile
        self.project, self.out, self.state, self.jobs = project, out, state, jobs
        self.store = Store(state)
        self.report = Report()
        self.counter = utils.CountHandler()
        self.counter.setLevel(logging.WARNING)
        logging.getLogger("mkdocs").addHandler(self.counter)
        config = load_config(
            config_file=str(project / "mkdocs.yml"), site_dir=str(out), strict=True
        )
        config.plugins.on_startup(command="build", dirty=False)
        self.versions = versions()
        check_supported(config, self.versions)
        self.config: MkDocsConfig = config.plugins.on_config(config)
        self.config.plugins.on_pre_build(config=self.config)
        self.search = self.config.plugins["material/search"]
        self.recorder = _Recorder(self.search)
        self.config.plugins["disclosure_gen/recorder"] = self.recorder
        files = get_files(self.config)
        self.compiled = compiled or CompiledTemplates()
        self.env = self.config.theme.get_env()
        self.env.bytecode_cache = self.compiled
        files.add_files_from_theme(self.env, self.config)
        self.files = self.config.plugins.on_files(files, config=self.config)
        set_exclusions(self.files, self.config)
        self.nav = get_navigation(self.files, self.config)
        self.nav = self.config.plugins.on_nav(self.nav, config=self.config, files=self.files)
        self.docs = list(self.files.documentation_pages(inclusion=InclusionLevel.is_included))
        for f in self.docs:
            if f.page is None and f.inclusion.is_not_in_nav():
                Page(None, f, self.config)
        self.sources = source_digests(state / "project.json", project, self.files)
        self.previous = self.store.read_manifest() or {}
        self.populated: dict[str, dict[str, Any]] = {}  # src_uri → its lookups
        self._lookups: list[dict[str, Any]] = []
        self._real_lookup = self.files.get_file_from_path
        # Record the file-list answers each page's rendering depends on.
        self.files.get_file_from_path = self._lookup  # type: ignore[method-assign]
        self._lap("set-up")

    def _lap(self, step: str) -> None:
        now = time.perf_counter()
        self.times.append((step, now - self._clock))
        self._clock = now

    def _lookup(self, path: str) -> File | None:
        found = self._real_lookup(path)
        if self._lookups:
            self._lookups[-1][path] = _answer(found)
        return found

    def populate(self, f: File) -> None:
        self._lookups.append({})
        try:
            mkbuild._populate_page(f.page, self.config, self.files)
        finally:
            self.populated[f.src_uri] = self._lookups.pop()

    # --- what to render -------------------------------------------------------------------

    def plan(self) -> tuple[set[str], dict[str, Any]]:
        """The pages to render, and the manifest's records of the others."""
        every = {f.src_uri for f in self.docs}
        old = self.previous
        pages = old.get("pages")
        if not old:
            return self._everything("no previous build in the cache")
        if old.get("site_key") != self.site_key:
            return self._everything("config, theme or versions changed")
        if not isinstance(pages, dict) or Ref.of(old.get("index")) is None:
            return self._everything("unreadable manifest")
        todo = {f.src_uri for f in self.docs if not self._reusable(f, pages.get(f.src_uri))}
        for page in self.nav.pages:
            uri = page.file.src_uri
            rec = pages.get(uri)
            title = rec.get("title") if isinstance(rec, dict) else None
            if uri in todo or not isinstance(title, str):
                todo.add(uri)
                self.populate(page.file)
            else:
                # It renders to the title recorded (the same Markdown and config do); its front
                # matter is read again for the nav's meta.
                page.read_source(self.config)
                page._title_from_render = title
        if nav_facts(self.nav) != old.get("nav"):
            return self._everything("the nav changed")
        self.report.mode = "incremental"
        self.report.reason = f"{len(todo)} of {len(every)} pages changed"
        return todo, pages

    def _everything(self, reason: str) -> tuple[set[str], dict[str, Any]]:
        self.report.mode, self.report.reason = "full", reason
        return {f.src_uri for f in self.docs}, {}

    def _reusable(self, f: File, rec: Any) -> bool:
        if not isinstance(rec, dict) or rec.get("src") != self.sources[f.src_uri]:
            return False
        ref = Ref.of(rec.get("out"))
        lookups = rec.get("lookups")
        if ref is None or not self.store.valid(ref) or not isinstance(lookups, dict):
            return False
        if not _is_range(rec.get("search")):
            return False
        return all(_answer(self._real_lookup(p)) == a for p, a in lookups.items())

    # --- the build ------------------------------------------------------------------------

    def run(self) -> Report:
        self.site_key = site_key(self.project, self.config, self.versions)
        todo, old_pages = self.plan()
        for page in self.nav.pages:  # every page's nav shows their titles: render them first
            if page.file.src_uri in todo and page.file.src_uri not in self.populated:
                self.populate(page.file)
        self.report.pages = len(self.docs)
        self._lap("plan")
        self.env = self.config.plugins.on_env(self.env, config=self.config, files=self.files)
        statics = self._static_files()
        for template in self.config.theme.static_templates:
            for name in (template, f"{template}.gz"):
                clear(self.out / name)
            mkbuild._build_theme_template(template, self.env, self.files, self.config, self.nav)
            for name in (template, f"{template}.gz"):
                if (self.out / name).is_file():
                    self.report.add(name, self._ref(self.out / name), written=True)
        self._lap("static files")
        spool = self.state / f".fragments.{os.getpid()}.tmp"
        rendered = self._spooled(self._render([f for f in self.docs if f.src_uri in todo]), spool)
        self.report.rendered = len(rendered)
        self._lap("render")
        # Workers count their own warnings; this process's counter has the rest.
        warnings = sum(r.warnings for r in rendered.values() if r.forked)
        warnings += sum(n for _, n in self.counter.get_counts())
        if warnings:
            raise SystemExit(f"Aborted with {warnings} warnings in strict mode!")
        pages = self._place_pages(rendered, old_pages)
        self._lap("place")
        try:
            index = self._search_index(pages, rendered, spool)
        finally:
            spool.unlink(missing_ok=True)
        self._lap("search index")
        remove_strays(self.out, set(self.report.files))
        self._lap("strays")
        self.store.write_manifest(
            {
                "site_key": self.site_key,
                "nav": nav_facts(self.nav),
                "index": index.as_json(),
                "pages": pages,
                "statics": statics,
                "templates": sorted(self.compiled.names),
            }
        )
        keep = {index.digest, *(p["out"][0] for p in pages.values())}
        self.store.prune(keep | {s["out"][0] for s in statics.values()})
        self.config.plugins.on_shutdown()
        self._lap("manifest")
        print("DG-TIMES " + " ".join(f"{step}={s:.2f}" for step, s in self.times), flush=True)
        return self.report

    @staticmethod
    def _ref(path: Path) -> Ref:
        st = path.stat()
        return Ref(file_digest(path), st.st_size, st.st_mtime_ns)

    def _static_files(self) -> dict[str, Any]:
        """Files MkDocs copies as they are (theme, assets): placed when their source is known."""
        previous = self.previous.get("statics")
        previous = previous if isinstance(previous, dict) else {}
        out: dict[str, Any] = {}
        for f in self.files:
            if f.is_documentation_page() or not f.inclusion.is_included():
                continue
            source = self.sources[f.src_uri]
            rec = previous.get(f.dest_uri)
            ref = Ref.of(rec.get("out")) if isinstance(rec, dict) else None
            written = not (ref is not None and rec["src"] == source and self.store.valid(ref))
            if written:
                clear(f.abs_dest_path)
                f.copy_file()
                ref = self.store.add(f.abs_dest_path, file_digest(f.abs_dest_path))
            else:
                assert ref is not None
                self.store.place(ref, f.dest_uri, self.out)
            out[f.dest_uri] = {"src": source, "out": ref.as_json()}
            self.report.add(f.dest_uri, ref, written=written)
        return out

    def _render(self, todo: list[File]) -> Iterator[Rendered]:
        if self.jobs > 1 and len(todo) >= FORK_FROM and sys.platform.startswith("linux"):
            yield from self._render_forked(todo)
            return
        for n, f in enumerate(todo, 1):
            yield self.render_one(f)
            _progress(n, len(todo), len(self.docs))

    def _render_forked(self, todo: list[File]) -> Iterator[Rendered]:
        import jieba

        # Load the dictionary here, once: the workers share it copy-on-write. (The driver
        # process has no threads, so forking it is safe.)
        jieba.initialize()
        chunks = [[f.src_uri for f in todo[i : i + CHUNK]] for i in range(0, len(todo), CHUNK)]
        done = 0
        context = multiprocessing.get_context("fork")
        with context.Pool(self.jobs, initializer=_adopt, initargs=(self,)) as pool:
            for results in pool.imap(_render_chunk, chunks):
                for result in results:
                    done += 1
                    yield result
                _progress(done, len(todo), len(self.docs))

    def render_one(self, f: File) -> Rendered:
        """Populate (unless done) and build one page; write it and store it."""
        before = sum(n for _, n in self.counter.get_counts())
        if f.src_uri not in self.populated:
            self.populate(f)
        page = f.page
        assert page is not None
        clear(page.file.abs_dest_path)  # OUT may be an older tree: never write into its files
        mkbuild._build_page(page, self.config, self.docs, self.nav, self.env)
        ref = self.store.add(page.file.abs_dest_path, digest(self.recorder.out))
        search = searchindex.fragment(self.recorder.entries)
        rendered = Rendered(
            f.src_uri,
            ref,
            page._title_from_render,
            search,
            self.populated.pop(f.src_uri),
            sum(n for _, n in self.counter.get_counts()) - before,
            entries=len(self.recorder.entries),
            search_digest=digest(search),
        )
        # The title stays (later pages' nav shows it); the rest is written and dropped.
        page.content, page.toc, page.markdown = None, [], ""  # type: ignore[assignment]
        self.recorder.entries, self.recorder.out = [], b""
        return rendered

    def _place_pages(self, rendered: dict[str, Rendered], old: dict[str, Any]) -> dict[str, Any]:
        """Every page's manifest record; pages not rendered are placed from the store."""
        pages: dict[str, Any] = {}
        for f in self.docs:
            new = rendered.get(f.src_uri)
            if new is not None:
                rec = {
                    "src": self.sources[f.src_uri],
                    "out": new.ref.as_json(),
                    "title": new.title,
                    "lookups": new.lookups,
                    "entries": new.entries,
                    "search_digest": new.search_digest,
                }
                ref = new.ref
            else:
                rec = dict(old[f.src_uri])
                found = Ref.of(rec["out"])
                assert found is not None
                ref = found
                self.store.place(ref, f.dest_uri, self.out)
            pages[f.src_uri] = rec
            self.report.add(f.dest_uri, ref, written=new is not None)
        return pages

    @staticmethod
    def _spooled(results: Iterator[Rendered], spool: Path) -> dict[str, Rendered]:
        """Each page's search entries go to a file as they come (300 MB at 5,000 algorithms)."""
        rendered: dict[str, Rendered] = {}
        with open(spool, "wb") as fh:
            for r in results:
                start = fh.tell()
                fh.write(r.search)
                r.search, r.spooled = b"", (start, start + len(r.search))
                rendered[r.src_uri] = r
        return rendered

    def _search_index(
        self, pages: dict[str, Any], rendered: dict[str, Rendered], spool: Path
    ) -> Ref:
        """New pages' fragments (spooled) and the old index's byte ranges, in page order."""
        parts: list[searchindex.Part] = []
        for f in self.docs:
            new = rendered.get(f.src_uri)
            if new is not None:
                parts.append(("new", *new.spooled))
            else:
                parts.append(("old", *pages[f.src_uri]["search"]))
        old = Ref.of(self.previous.get("index"))
        source = self.store.path(old.digest) if old is not None and self.store.valid(old) else None
        if source is None and any(p[0] == "old" for p in parts):
            raise Unsupported("the previous search index is missing from the store")
        path = self.out / searchindex.PATH
        clear(path)
        with searchindex.mapped(source) as previous, searchindex.mapped(spool) as new_parts:
            start = searchindex.head(self.search.search_index.config)
            ranges = searchindex.write(path, start, parts, {"old": previous, "new": new_parts})
        fragments: list[list[Any]] | None = []
        for f, where in zip(self.docs, ranges, strict=True):
            rec = pages[f.src_uri]
            rec["search"] = list(where)
            known = rec.get("search_digest"), rec.get("entries")
            if fragments is not None and isinstance(known[0], str) and isinstance(known[1], int):
                fragments.append([*known, *where])
            else:
                fragments = None
        self.report.search = fragments
        ref = self.store.add(path, file_digest(path))
        self.report.add(searchindex.PATH, ref, written=True)
        return ref


def _answer(found: File | None) -> list[Any] | None:
    return None if found is None else [found.url, found.inclusion.value]


def _is_range(value: Any) -> bool:
    return isinstance(value, list) and len(value) == 2 and all(isinstance(v, int) for v in value)


def _progress(done: int, todo: int, total: int) -> None:
    print(f"DG-PAGES {done} {todo} {total}", flush=True)


#: The build a forked worker inherited, with its pages by URI (set by the pool's initializer,
#: in the worker only: the parent's objects cannot be pickled, and need not be).
_WORKER: list[tuple[Build, dict[str, File]]] = []


def _adopt(build: Build) -> None:
    _WORKER.append((build, {f.src_uri: f for f in build.docs}))


def _render_chunk(uris: list[str]) -> list[Rendered]:
    build, by_uri = _WORKER[0]
    out = []
    for uri in uris:
        rendered = build.render_one(by_uri[uri])
        rendered.forked = True
        out.append(rendered)
    return out
