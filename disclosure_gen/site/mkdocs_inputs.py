"""What a page built by MkDocs 1.6.1 with Material 9.8.2 depends on, as the driver keys it.

Read from MkDocs' ``commands/build.py`` and ``structure/`` and Material's templates and search
plugin (bench/README.md has the study):

* **site-wide:** the config, the theme with our ``overrides/``, and the versions of the code
  that renders (MkDocs, Material, Markdown, pymdown-extensions, Jinja2, jieba, Python).
  ``SOURCE_DATE_EPOCH`` reaches only ``page.update_date``, which only ``sitemap.xml`` shows (it
  is rebuilt every time); ``templates_read_dates`` checks that no page template reads it.
* **the nav** every page embeds: each item's kind, title, URL, meta and depth, and the order of
  the nav's pages (previous/next links). Titles of untitled entries come from rendering that
  page, so the driver renders or restores nav pages before any other.
* **the page:** its Markdown and where it lives, and the answers of
  ``files.get_file_from_path`` for the links MkDocs rewrites, recorded per page.

Anything whose effect this list does not cover (another plugin or Markdown extension, hooks,
anchor validation that could warn, other versions) makes the project ``Unsupported``.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Link, Navigation, Section

from disclosure_gen.site.sitestore import digest, file_digest

#: The versions the driver was checked against, file by file, with ``mkdocs build``.
SUPPORTED = {"mkdocs": "1.6.1", "mkdocs-material": "9.8.2"}
#: Distributions whose code shapes the HTML besides MkDocs and Material themselves.
SHAPING = ("markdown", "pymdown-extensions", "jinja2", "markupsafe", "jieba", "backrefs")
#: Markdown extensions whose output depends only on the page and the config.
KNOWN_EXTENSIONS = frozenset({"toc", "tables", "fenced_code", "attr_list"})
#: The driver's own code: a change to it is a change of every page's key.
DRIVER_MODULES = ("mkdocs_inputs.py", "mkdocs_incremental.py", "searchindex.py", "sitestore.py")


class Unsupported(Exception):
    """The project uses something whose effect on other pages the driver does not model."""


def versions() -> list[str]:
    """``name==version`` of MkDocs, Material and the shaping libraries."""
    found = []
    for name in (*SUPPORTED, *SHAPING):
        try:
            found.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name} absent")
    return found


def check_supported(config: MkDocsConfig, found: Sequence[str]) -> None:
    """Raise Unsupported unless every page's output is covered by the keys of this module."""
    for name, pinned in SUPPORTED.items():
        if f"{name}=={pinned}" not in found:
            raise Unsupported(f"{name} is not {pinned}")
    plugins = set(config.plugins) - {"search", "material/search"}
    if plugins:
        raise Unsupported(f"plugins {sorted(plugins)}")
    if "material/search" not in config.plugins:
        raise Unsupported("no search plugin")
    extensions = set(config.markdown_extensions) - KNOWN_EXTENSIONS
    if extensions:
        raise Unsupported(f"Markdown extensions {sorted(extensions)}")
    if config.extra_templates or config.hooks:
        raise Unsupported("extra_templates or hooks")
    if config.validation.links.anchors > logging.INFO:
        # Anchor checks read other pages' anchors: a warning would depend on them.
        raise Unsupported("validation.links.anchors above info")


def site_key(project: Path, config: MkDocsConfig, found: Sequence[str]) -> str:
    """Digest of everything site-wide a page's HTML depends on."""
    here = Path(__file__).parent
    parts = [(here / name).read_bytes() for name in DRIVER_MODULES]
    parts += [
        sys.version.encode(),
        "\n".join(found).encode(),
        (project / "mkdocs.yml").read_bytes(),
    ]
    overrides = project / "overrides"
    for path in sorted(overrides.rglob("*")) if overrides.is_dir() else ():
        if path.is_file():
            parts += [path.relative_to(project).as_posix().encode(), path.read_bytes()]
    if templates_read_dates(config):
        parts.append(os.environ.get("SOURCE_DATE_EPOCH", "").encode())
    return digest(b"\0".join(parts))


def templates_read_dates(config: MkDocsConfig) -> bool:
    """True if a page template shows build or update dates (only the sitemap does)."""
    for folder in config.theme.dirs:
        for root, dirs, names in os.walk(folder):
            dirs[:] = [d for d in dirs if not d.startswith(".") and d != "assets"]  # icons, JS
            for name in names:
                if name.endswith(".html") and name not in config.theme.static_templates:
                    text = Path(root, name).read_text(encoding="utf-8", errors="replace")
                    if "update_date" in text or "build_date_utc" in text:
                        return True
    return False


def nav_facts(nav: Navigation) -> str:
    """What the nav of every page (and its previous/next links) is made of, as JSON."""
    out: list[Any] = []

    def walk(items: Sequence[Any], depth: int) -> None:
        for item in items:
            if isinstance(item, Section):
                out.append(["section", depth, item.title])
                walk(item.children, depth + 1)
            elif isinstance(item, Link):
                out.append(["link", depth, item.title, item.url])
            else:
                meta = json.dumps(item.meta, sort_keys=True, default=repr)
                out.append(["page", depth, item.title, item.url, item.is_index, meta])

    walk(nav.items, 0)
    out.append(["order", [p.url for p in nav.pages]])
    return json.dumps(out, ensure_ascii=False)


def source_digests(listing: Path, project: Path, files: Files) -> dict[str, str]:
    """Digest of each file's source: from the caller's project listing while its stat matches."""
    try:
        known = json.loads(listing.read_bytes()).get("files", {})
    except (OSError, ValueError, AttributeError):
        known = {}
    out: dict[str, str] = {}
    root = os.fspath(project) + os.sep
    for f in files:
        if f.abs_src_path is None:
            raise Unsupported("files generated in memory")
        src = f.abs_src_path
        rel = src[len(root) :] if src.startswith(root) else os.path.relpath(src, project)
        rel = rel.replace(os.sep, "/")
        record = known.get(rel) if isinstance(known, dict) else None
        st = os.stat(f.abs_src_path)
        if isinstance(record, list) and record[1:] == [st.st_size, st.st_mtime_ns]:
            out[f.src_uri] = record[0]
        else:
            out[f.src_uri] = file_digest(f.abs_src_path)
    return out
