"""All algorithms → a MkDocs project as ``{relative path: bytes}`` (pure: no I/O, no MkDocs import).

The project is ``docs/**`` (pages and assets), the generated ``mkdocs.yml`` and a Material
``overrides/main.html``. Only the built-in ``search`` plugin is named, so MkDocs, ProperDocs and
Zensical can all build it. The MkDocs plugin applies the same ``Project.config`` to a live MkDocs
config, so ``mkdocs build`` and ``disclosure-gen build`` give the same pages.

YAML text never enters the config: only the site title and algorithm names (which the schema
limits to plain text), fixed UI strings and schema-checked URLs do, and always through a YAML
emitter.
"""

from __future__ import annotations

import importlib
import pickle
import re
from collections import ChainMap
from collections.abc import Iterator, Mapping, MutableMapping, Sequence
from concurrent.futures import Future
from contextlib import ExitStack
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape as xml_escape

import yaml

from disclosure_gen.site.render.pagecache import (
    Blob,
    CachedPage,
    LazyFiles,
    PageCache,
    file_digest,
    model_key,
)
from disclosure_gen.site.sitestore import digest

if TYPE_CHECKING:
    from pathlib import Path

    from disclosure_gen.content.model.algorithm import Algorithm
    from disclosure_gen.content.model.site import Site
    from disclosure_gen.site.render.history import SiteHistory
    from disclosure_gen.site.render.pages import Page

    AnyPage = Page | CachedPage

LANG_NAMES = {"zh": "中文", "en": "English"}
#: Sections after the categories, in nav order (the pages renderer decides which exist).
TAIL_PAGES = ("controls.md", "complaints.md", "changelog.md", "filing.md", "ai-labels.md")

#: Theme features that are always on: prune keeps the nav O(n) per page (design §4.9); indexes
#: makes each category page the index of its section.
FORCED_FEATURES = ("navigation.prune", "navigation.indexes")
#: Features that are always off: instant/expand undo pruning or re-render the nav on the
#: client; search.share renders a javascript: link; the content actions link to sources that
#: are generated.
REFUSED_FEATURES = frozenset(
    {
        "navigation.expand",
        "navigation.instant",
        "navigation.instant.prefetch",
        "navigation.instant.preview",
        "navigation.instant.progress",
        "search.share",
        "content.action.edit",
        "content.action.view",
    }
)
#: User theme keys carried over from the top-level mkdocs.yml. Everything else is ours: `font`
#: must stay false (Google Fonts), `language` zh, and `custom_dir` holds the a11y overrides.
USER_THEME_KEYS = ("palette", "logo", "favicon", "icon", "features")
#: User `extra` keys carried over. Not `analytics` or `consent` (third-party requests), not
#: `alternate` (ours).
USER_EXTRA_KEYS = ("social", "generator", "homepage")
#: Top-level user keys carried over. Not `repo_url`: Material then fetches facts from the
#: repository host's API, a request to another host.
USER_TOP_KEYS = ("copyright", "site_author")

_LOGO_PATH = re.compile(r"^(?!/)(?!.*\.\.)[A-Za-z0-9_./-]+\.(png|svg|ico|jpg|jpeg|webp)$")


@dataclass(frozen=True)
class PyCall:
    """A ``!!python/object/apply:`` value in mkdocs.yml (MkDocs' loader calls it)."""

    name: str
    kwds: tuple[tuple[str, Any], ...] = ()

    def resolve(self) -> Any:
        """Call it here (the plugin needs the object, not the tag)."""
        module, _, attr = self.name.rpartition(".")
        return getattr(importlib.import_module(module), attr)(**dict(self.kwds))


#: pymdownx.slugs.slugify is a factory, so the config must call it (the `!!python/name:` form
#: would hand toc the factory itself). Unicode slugs are the safety net for headings without an
#: explicit ASCII id (design §4.5).
SLUGIFY = PyCall("pymdownx.slugs.slugify", (("case", "lower"),))


@dataclass(frozen=True)
class UserChoices:
    """What the user's top-level mkdocs.yml may decide, already filtered."""

    top: Mapping[str, Any] = field(default_factory=dict)
    theme: Mapping[str, Any] = field(default_factory=dict)
    extra: Mapping[str, Any] = field(default_factory=dict)
    #: Logo and favicon files, relative to docs/ (read by the caller from the content folder).
    files: Mapping[str, bytes] = field(default_factory=dict)
    #: Keys of the user's file that were not carried over (for a notice).
    ignored: tuple[str, ...] = ()


@dataclass(frozen=True)
class ProjectOptions:
    nav_page_limit: int = 100
    draft: bool = False
    user: UserChoices = UserChoices()
    #: Past versions from git (render/history.py): archive pages and change-log details.
    history: SiteHistory | None = None
    #: Worker processes for algorithm pages (render/workers.py); 1 renders in this process.
    jobs: int = 1
    #: The folder of typeset formulas ``check`` wrote; render workers read it (markup/math.py).
    tex_cache: Path | None = None


@dataclass(frozen=True)
class Project:
    """Rendered pages, project files (``docs/**``, ``overrides/**``) and the MkDocs config."""

    pages: tuple[AnyPage, ...]
    #: Reused pages' files are read from the page cache only when asked for.
    files: LazyFiles
    config: Mapping[str, Any]
    #: The page cache it was built with (its hit and miss counts), if any.
    cache: PageCache | None = None

    def digest(self, path: str) -> str:
        """A file's content digest, without reading a reused file."""
        return self.files.digest(path)

    def docs(self) -> dict[str, bytes]:
        """The files under docs/, keyed relative to docs/."""
        return {k[len("docs/") :]: v for k, v in self.files.items() if k.startswith("docs/")}

    def tree(self) -> dict[str, bytes]:
        """Everything, including the generated mkdocs.yml."""
        return {**self.files, "mkdocs.yml": dump_config(self.config)}

    def lazy_tree(self) -> LazyFiles:
        """``tree()`` without reading reused files until asked for (digests known)."""
        return self.files.with_file("mkdocs.yml", dump_config(self.config))


def user_choices(
    raw: Mapping[str, Any] | None, files: Mapping[str, bytes] | None = None
) -> UserChoices:
    """Filter a parsed user mkdocs.yml down to the choices we honour."""
    raw = dict(raw or {})
    ignored: list[str] = []
    top = {k: raw[k] for k in USER_TOP_KEYS if k in raw}
    theme_raw = raw.get("theme") or {}
    if isinstance(theme_raw, str):
        theme_raw = {"name": theme_raw}
    theme = {k: theme_raw[k] for k in USER_THEME_KEYS if k in theme_raw}
    if "features" in theme:
        theme["features"] = [f for f in theme["features"] if isinstance(f, str)]
    extra_raw = raw.get("extra") or {}
    extra = {k: extra_raw[k] for k in USER_EXTRA_KEYS if k in extra_raw}
    handled = {"site_name", "docs_dir", "site_dir", "plugins", "theme", "extra"}
    ignored += sorted(k for k in raw if k not in set(USER_TOP_KEYS) | handled)
    ignored += sorted(
        f"theme.{k}"
        for k in theme_raw
        if k not in (*USER_THEME_KEYS, "name", "font", "language", "custom_dir")
    )
    ignored += sorted(f"extra.{k}" for k in extra_raw if k not in USER_EXTRA_KEYS)
    return UserChoices(top, theme, extra, dict(files or {}), tuple(ignored))


def logo_paths(raw: Mapping[str, Any] | None) -> tuple[str, ...]:
    """Image files the user's theme names (logo, favicon), relative to the content folder."""
    theme = (raw or {}).get("theme") or {}
    if not isinstance(theme, Mapping):
        return ()
    return tuple(
        theme[k]
        for k in ("logo", "favicon")
        if isinstance(theme.get(k), str) and _LOGO_PATH.match(theme[k])
    )


def build_project(
    site: Site,
    algorithms: Sequence[Algorithm],
    *,
    options: ProjectOptions = ProjectOptions(),
    svg_cache: MutableMapping[str, bytes] | None = None,
    page_cache: MutableMapping[str, bytes] | None = None,
) -> Project:
    """Render every page in every configured language and assemble the project.

    With a ``page_cache`` (render/pagecache.py), algorithm pages, archive pages and catalogue
    entries of unchanged algorithms are taken from it (their bytes stay there until read) and
    the rest are rendered and stored; the project is the same either way.
    """
    from disclosure_gen.export.to_json import CATALOGUE_PATH, SCHEMA_PATH, export_schema
    from disclosure_gen.site.render import pages as pages_mod

    languages = [lang for lang in LANG_NAMES if lang in site.site.languages] or ["zh"]
    algos = sorted(algorithms, key=lambda a: (a.category, a.id))
    cached = _Reuse(page_cache, options, languages, algos)
    pages: list[AnyPage] = []
    with ExitStack() as stack:
        rendering = _start_workers(stack, site, cached, options, languages, svg_cache)
        for lang in languages:
            pages += pages_mod.render_pages(
                site,
                algos,
                lang=lang,
                draft=options.draft,
                svg_cache=svg_cache,
                history=options.history,
                prerendered=rendering.pages,
            )
            if options.history is not None:
                pages += cached.archives(site, lang, svg_cache)
        cached.keep_rendered(pages, svg_cache)
        catalogue_bytes = cached.catalogue(site, rendering.entries)
    pages.sort(key=lambda p: p.path)
    statics = pages_mod.static_assets()
    docs: dict[str, bytes | Blob] = {}
    for rel, data in [
        *sorted(statics.items()),
        *sorted(options.user.files.items()),
        *((p.path, _markdown(p)) for p in pages),
        *sorted((k, v) for p in pages for k, v in p.assets.items()),
    ]:
        if rel in docs and file_digest(docs[rel]) != file_digest(data):
            raise ValueError(f"two different files for docs/{rel}")
        docs[rel] = data
    config = project_config(
        site,
        algorithms,
        pages,
        statics=list(statics),  # the renderer's order: later stylesheets override
        slugs=pages_mod.CATEGORY_SLUGS,
        options=options,
        languages=languages,
    )
    if "en" in languages:
        docs["en/sitemap.xml"] = alternate_sitemap(site.site.base_url, pages, "en/")
    # The machine-readable catalogue and its schema, at stable URLs beside the pages.
    docs[CATALOGUE_PATH] = catalogue_bytes
    docs[SCHEMA_PATH] = export_schema()
    files: dict[str, bytes | Blob] = {f"docs/{k}": v for k, v in sorted(docs.items())}
    files.update({f"overrides/{k}": v.encode("utf-8") for k, v in OVERRIDES.items()})
    return Project(tuple(pages), LazyFiles(files), config, cached.cache)


def _markdown(page: AnyPage) -> bytes | Blob:
    return page.markdown if isinstance(page, CachedPage) else page.markdown.encode("utf-8")


@dataclass(frozen=True)
class _Rendering:
    """Algorithm pages by (id, language) and catalogue entries by id: reused or being made."""

    pages: Mapping[tuple[str, str], AnyPage]
    entries: Mapping[str, bytes] | Future[dict[str, bytes]]


def _start_workers(
    stack: ExitStack,
    site: Site,
    cached: _Reuse,
    options: ProjectOptions,
    languages: Sequence[str],
    svg_cache: MutableMapping[str, bytes] | None,
) -> _Rendering:
    """Reused pages, plus worker processes rendering the rest when there are many."""
    from disclosure_gen.site.render import workers

    missing = cached.missing_pages()
    if options.jobs <= 1 or len(missing) < workers.PARALLEL_FROM:
        if options.tex_cache is not None and missing:
            from disclosure_gen.markup.math import load_typeset

            # A check that read its results from its cache typeset nothing in this process.
            load_typeset(missing, options.tex_cache)
        return _Rendering(cached.pages, cached.missing_entries(site))
    pool = stack.enter_context(workers.worker_pool(options.jobs))
    entries = workers.submit_catalogue_entries(pool, site, cached.missing_entry_algorithms())
    parallel = workers.ParallelPages(
        pool,
        missing,
        languages,
        draft=options.draft,
        svg_cache=svg_cache,
        jobs=options.jobs,
        tex_cache=options.tex_cache,
    )
    stack.callback(parallel.finish)
    return _Rendering(ChainMap(cached.pages, cached.storing(parallel)), entries)


class _Storing(Mapping[tuple[str, str], "AnyPage"]):
    """Pages from workers, stored in the page cache as they are read (``_Reuse.storing``)."""

    def __init__(self, made: Mapping[tuple[str, str], Page], reuse: _Reuse) -> None:
        self.made = made
        self.reuse = reuse

    def __getitem__(self, key: tuple[str, str]) -> AnyPage:
        return self.reuse.store(self.made[key])

    def __contains__(self, key: object) -> bool:
        return key in self.made

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter(self.made)

    def __len__(self) -> int:
        return len(self.made)


class _Reuse:
    """What the page cache already holds for this build, and storing what it lacked."""

    def __init__(
        self,
        store: MutableMapping[str, bytes] | None,
        options: ProjectOptions,
        languages: Sequence[str],
        algos: Sequence[Algorithm],
    ) -> None:
        self.cache = PageCache(store) if store is not None else None
        self.options = options
        self.languages = languages
        self.algos = algos
        # The site (shared by every algorithm) is hashed once; the rest of each model as is.
        shared: dict[int, str] = {}
        self.models = {a.id: model_key(a, shared) for a in algos} if self.cache else {}
        self.pages: dict[tuple[str, str], AnyPage] = {}
        self.entries: dict[str, bytes] = {}
        self._page_keys: dict[str, tuple[str, Algorithm, str]] = {}  # path → key, model, lang
        self._used: set[str] = set()  # SVG cache keys of reused pages
        if self.cache is None:
            return
        draft = str(self.options.draft)
        for a in algos:
            for lang in languages:
                key = self.cache.key("algorithm", self.models[a.id], lang, draft)
                found = self.cache.get_pages(key)
                if found:
                    self.pages[(a.id, lang)] = found[0]
                    self._used.update(found[0].svg_keys)
                else:
                    prefix = "en/" if lang == "en" else ""
                    self._page_keys[f"{prefix}algorithms/{a.id}.md"] = (key, a, lang)
            entry = self.cache.get_bytes(self.cache.key("json", self.models[a.id]))
            if entry is not None:
                self.entries[a.id] = entry

    def missing_pages(self) -> list[Algorithm]:
        return [a for a in self.algos if any((a.id, g) not in self.pages for g in self.languages)]

    def missing_entry_algorithms(self) -> list[Algorithm]:
        return [a for a in self.algos if a.id not in self.entries]

    def missing_entries(self, site: Site) -> dict[str, bytes]:
        from disclosure_gen.export.to_json import algorithm_json

        return {a.id: algorithm_json(site, a) for a in self.missing_entry_algorithms()}

    def storing(self, made: Mapping[tuple[str, str], Page]) -> Mapping[tuple[str, str], AnyPage]:
        """``made`` with each page stored as it is read and handed on as a CachedPage.

        A cold build renders every page in workers; holding them all until the end took
        gigabytes at 5,000 algorithms, so they go to the page cache as they arrive.
        """
        return made if self.cache is None else _Storing(made, self)

    def store(self, page: Page) -> AnyPage:
        found = self._page_keys.pop(page.path, None)
        if found is None or self.cache is None:
            return page
        from disclosure_gen.site.render.chartspec import spec_key
        from disclosure_gen.site.render.pages import figure_specs

        key, algo, lang = found
        svgs = [spec_key(spec) for *_, spec, _ in figure_specs(algo, lang=lang)]
        return self.cache.put_pages(key, [page], svgs)[0]

    def keep_rendered(
        self, pages: Sequence[AnyPage], svg_cache: MutableMapping[str, bytes] | None
    ) -> None:
        """Store the algorithm pages this build rendered; mark reused pages' SVGs as used."""
        if self.cache is None:
            return
        if svg_cache is not None:
            for key in sorted(self._used):
                _ = key in svg_cache  # a DiskCache keeps what was asked for when it prunes
        for page in pages:
            if not isinstance(page, CachedPage):
                self.store(page)

    def archives(
        self, site: Site, lang: str, svg_cache: MutableMapping[str, bytes] | None
    ) -> list[AnyPage]:
        """Archive pages of every algorithm in ``lang``, reused per algorithm when unchanged."""
        from disclosure_gen.site.render.archive import archive_pages

        history = self.options.history
        assert history is not None
        out: list[AnyPage] = []
        for a in self.algos:
            key = ""
            if self.cache is not None:
                past = [(r.commit, r.date.isoformat(), r.data) for r in history.of(a.id)]
                revisions = digest(pickle.dumps(past, protocol=5))
                key = self.cache.key(
                    "archive", self.models[a.id], revisions, lang, str(self.options.draft)
                )
                found = self.cache.get_pages(key)
                if found is not None:
                    out += found
                    continue
            made = archive_pages(
                site, [a], history, lang=lang, draft=self.options.draft, svg_cache=svg_cache
            )
            if self.cache is not None:
                self.cache.put_pages(key, made)
            out += made
        return out

    def catalogue(self, site: Site, made: Mapping[str, bytes] | Future[dict[str, bytes]]) -> bytes:
        """The catalogue JSON from reused and newly made per-algorithm entries."""
        from disclosure_gen.export.to_json import catalogue_json

        new = made.result() if isinstance(made, Future) else made
        if self.cache is not None:
            for a in self.algos:
                if a.id in new:
                    self.cache.put_bytes(self.cache.key("json", self.models[a.id]), new[a.id])
        by_id = {**self.entries, **new}
        return catalogue_json(site, self.algos, [by_id[a.id] for a in self.algos])


def render_project(
    site: Site,
    algorithms: Sequence[Algorithm],
    *,
    options: ProjectOptions = ProjectOptions(),
    svg_cache: MutableMapping[str, bytes] | None = None,
) -> dict[str, bytes]:
    """The whole MkDocs project as ``{relative path: bytes}``; no MkDocs needed."""
    return build_project(site, algorithms, options=options, svg_cache=svg_cache).tree()


def alternate_sitemap(base_url: str, pages: Sequence[AnyPage], prefix: str) -> bytes:
    """A sitemap of one language's pages, at ``<prefix>sitemap.xml``.

    Material's language switcher fetches ``sitemap.xml`` under each alternate's link to find
    the same page in the other language; one MkDocs build writes only the root sitemap, so
    without this every page logs a 404. Without ``site_url`` the list stays empty (Material
    then links to the language's home page).
    """
    lines = ['<?xml version="1.0" encoding="UTF-8"?>']
    lines.append('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">')
    if base_url:
        root = base_url.rstrip("/") + "/"
        for page in sorted(pages, key=lambda p: p.path):
            if page.path.startswith(prefix) and page.path.endswith(".md"):
                lines.append(f"  <url><loc>{xml_escape(root + page_url(page.path))}</loc></url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def page_url(path: str) -> str:
    """The directory URL MkDocs gives a page (``use_directory_urls`` is always on)."""
    stem = path[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def project_config(
    site: Site,
    algorithms: Sequence[Algorithm],
    pages: Sequence[AnyPage],
    *,
    statics: Sequence[str],
    slugs: Mapping[str, str],
    options: ProjectOptions,
    languages: Sequence[str],
) -> dict[str, Any]:
    """The generated mkdocs.yml as a mapping (user choices merged with forced settings)."""
    user = options.user
    by_path = {p.path: p for p in pages}
    with_algorithms = len(algorithms) <= options.nav_page_limit
    nav: list[Any] = _nav(by_path, algorithms, "", slugs, with_algorithms)
    if "en" in languages:
        english = _nav(by_path, algorithms, "en/", slugs, with_algorithms)
        if english:
            nav.append({LANG_NAMES["en"]: english})
    listed = set(_nav_paths(nav))
    hidden = sorted(p.path for p in pages if p.path not in listed)
    features = [f for f in user.theme.get("features", ()) if f not in REFUSED_FEATURES]
    features += [f for f in FORCED_FEATURES if f not in features]
    theme: dict[str, Any] = {"name": "material", "custom_dir": "overrides"}
    theme.update({k: v for k, v in user.theme.items() if k != "features"})
    theme.update({"language": "zh", "font": False, "features": list(dict.fromkeys(features))})
    extra: dict[str, Any] = dict(user.extra)
    if len(languages) > 1:
        # Relative links: MkDocs' url filter resolves them from each page, so the switcher works
        # under any deployment path.
        extra["alternate"] = [
            {
                "name": LANG_NAMES[lang],
                "link": "./" if lang == "zh" else f"{lang}/",
                "lang": "zh-CN" if lang == "zh" else lang,
            }
            for lang in languages
        ]
    config: dict[str, Any] = {"site_name": site.site.title.zh}
    if site.site.base_url:
        config["site_url"] = site.site.base_url.rstrip("/") + "/"
    config.update(user.top)
    config.update(
        {
            "docs_dir": "docs",
            "use_directory_urls": True,
            "theme": theme,
            "plugins": [{"search": {"lang": ["zh", "en"], "pipeline": ["trimmer"]}}],
            # Only what the pages use: attr_list for the fixed ASCII heading ids, toc for the
            # slug fallback. No md_in_html, no snippets, no arithmatex (design §4.8, §6).
            "markdown_extensions": ["attr_list", {"toc": {"slugify": SLUGIFY}}],
            "extra_css": [p for p in statics if p.endswith(".css")],
            "extra_javascript": [p for p in statics if p.endswith(".js")],
            "extra": extra,
            "nav": nav,
        }
    )
    if hidden:
        # Pages deliberately left out of the nav (over nav_page_limit): no INFO list per build.
        config["not_in_nav"] = "\n".join(not_in_nav([p.path for p in pages], hidden))
    return config


def not_in_nav(pages: Sequence[str], hidden: Sequence[str]) -> list[str]:
    """Gitignore-style patterns matching exactly the ``hidden`` pages, folders where possible.

    MkDocs matches every file of the project against every pattern, so one pattern per hidden
    page made that step quadratic (3 s at 1,000 algorithms); a folder whose pages are all
    hidden becomes ``/folder/``, and a folder whose subfolders all are becomes ``/folder/*/``.
    """
    hidden_set = set(hidden)
    tree: dict[str, list[str]] = {}  # folder ("" for docs/) → pages anywhere beneath it
    for page in pages:
        parts = page.split("/")
        for depth in range(len(parts)):
            tree.setdefault("/".join(parts[:depth]), []).append(page)

    def all_hidden(folder: str) -> bool:
        return all(p in hidden_set for p in tree[folder])

    def children(folder: str) -> list[str]:
        depth = folder.count("/") + 1 if folder else 0
        return sorted(
            {"/".join(p.split("/")[: depth + 1]) for p in tree[folder] if p.count("/") > depth}
        )

    patterns: list[str] = []

    def visit(folder: str) -> None:
        if folder and all_hidden(folder):
            patterns.append(f"/{folder}/")
            return
        subfolders = children(folder)
        if folder and len(subfolders) > 1 and all(all_hidden(s) for s in subfolders):
            patterns.append(f"/{folder}/*/")
        else:
            for sub in subfolders:
                visit(sub)
        depth = folder.count("/") + 1 if folder else 0
        patterns.extend(
            f"/{p}" for p in sorted(tree[folder]) if p.count("/") == depth and p in hidden_set
        )

    visit("")
    return sorted(patterns)


def _nav(
    pages: Mapping[str, AnyPage],
    algorithms: Sequence[Algorithm],
    prefix: str,
    slugs: Mapping[str, str],
    with_algorithms: bool,
) -> list[Any]:
    """Home, one section per category (its index page, then its algorithms), then the rest."""
    nav: list[Any] = []
    placed: set[str] = set()

    def entry(path: str) -> dict[str, str] | None:
        page = pages.get(path)
        if page is None or not page.in_nav:
            return None
        placed.add(path)
        return {page.title: path}

    home = entry(f"{prefix}index.md")
    if home:
        nav.append(home)
    by_category: dict[str, list[Algorithm]] = {}
    for algo in sorted(algorithms, key=lambda a: (a.category, a.id)):
        by_category.setdefault(algo.category, []).append(algo)
    for category, slug in slugs.items():
        path = f"{prefix}categories/{slug}.md"
        index = pages.get(path)
        if index is None or not index.in_nav:
            continue
        placed.add(path)
        members = [
            e
            for a in by_category.get(category, ())
            if with_algorithms and (e := entry(f"{prefix}algorithms/{a.id}.md"))
        ]
        nav.append({index.title: [path, *members]} if members else {index.title: path})
    for name in TAIL_PAGES:
        tail = entry(prefix + name)
        if tail:
            nav.append(tail)
    rest = sorted(
        p
        for p, page in pages.items()
        if page.in_nav
        and p not in placed
        and p.startswith(prefix)
        and (prefix or not p.startswith("en/"))
        and not p.startswith(f"{prefix}algorithms/")
    )
    nav += [e for p in rest if (e := entry(p))]
    return nav


def _nav_paths(nav: Any) -> list[str]:
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, list):
        return [p for item in nav for p in _nav_paths(item)]
    if isinstance(nav, dict):
        return [p for v in nav.values() for p in _nav_paths(v)]
    return []


class _Dumper(yaml.SafeDumper):
    """Safe dumper that also writes PyCall tags and never emits aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _represent_call(dumper: yaml.SafeDumper, call: PyCall) -> yaml.Node:
    tag = f"tag:yaml.org,2002:python/object/apply:{call.name}"
    return dumper.represent_mapping(tag, {"kwds": dict(call.kwds)}, flow_style=True)


_Dumper.add_representer(PyCall, _represent_call)


def dump_config(config: Mapping[str, Any]) -> bytes:
    """Emit mkdocs.yml with a YAML emitter (never by string concatenation)."""
    head = "# Generated by disclosure-gen from content/ and mkdocs.yml; do not edit.\n"
    body = yaml.dump(
        dict(config),
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=100,
    )
    return (head + body).encode("utf-8")


#: Material overrides (design §4.11). axe reports two serious problems on Material's default
#: zh page: the search dialog has no accessible name, and `.md-copyright` text is 4.47:1 on the
#: footer. The header block is re-rendered with a label added; the footer text gets the
#: footer's full foreground colour. Material takes every page's language from
#: `theme.language`; one build serves both languages, so its translation lookup is replaced by
#: one that reads the page's path: pages under en/ get English interface text and
#: `lang="en"`, the others Chinese and `lang="zh-CN"` (the readers are in mainland China).
OVERRIDES = {
    "partials/language.html": """{#- Generated by disclosure-gen: the page's own language. -#}
{% import "partials/languages/zh.html" as zh %}
{% import "partials/languages/en.html" as en %}
{% macro t(key) -%}
{%- set english = page and page.file and page.file.dest_uri.startswith("en/") -%}
{%- if key == "language" -%}{{ "en" if english else "zh-CN" }}
{%- elif english -%}{{ en.t(key) or key }}
{%- else -%}{{ zh.t(key) or en.t(key) or key }}
{%- endif -%}
{%- endmacro %}
""",
    "main.html": """{#- Generated by disclosure-gen: accessibility fixes for Material. -#}
{% extends "base.html" %}
{% block header %}
{%- filter replace('data-md-component="search" role="dialog"',
    'data-md-component="search" role="dialog" aria-label="' ~ lang.t("search") ~ '"') -%}
{{ super() }}
{%- endfilter -%}
{% endblock %}
{% block styles %}
{{ super() }}
<style>.md-copyright,.md-copyright__highlight{color:var(--md-footer-fg-color)}</style>
{% endblock %}
""",
}
