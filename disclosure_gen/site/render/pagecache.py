"""Pages kept from earlier builds, keyed by everything they are rendered from (pure).

An algorithm page's Markdown and SVGs are a function of the model it shows (every field value,
the site it belongs to included), the language, the draft flag and this package's code
(templates, UI texts, laws) with the libraries that shape the output; its archive pages add the
git history of that algorithm. ``model_key`` hashes a model's values, ``code_key`` the installed
package's files and those libraries' versions, so an entry never goes stale: a changed input is
a new key. The store is any ``MutableMapping[str, bytes]`` (a build passes a ``DiskCache``);
this module does no I/O of its own.

Entries are JSON plus content-addressed blobs, never pickles: a cache restored from elsewhere
must not be able to run code. A reused page is a ``CachedPage`` whose bytes are loaded only when
something reads them; a build whose project folder already holds them never does.
"""

from __future__ import annotations

import json
import pickle
from collections.abc import Callable, Iterator, Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field, fields, is_dataclass
from typing import TYPE_CHECKING, Any

from disclosure_gen.check.resultcache import package_digest
from disclosure_gen.site.sitestore import digest

if TYPE_CHECKING:
    from disclosure_gen.site.render.pages import Page

#: Libraries whose versions change rendered pages (besides this package's own files).
SHAPING = ("jinja2", "markupsafe", "markdown-it-py", "pykatex", "matplotlib")


@dataclass(frozen=True)
class Blob:
    """Bytes known by their digest, loaded on demand."""

    digest: str
    load: Callable[[], bytes] = field(compare=False, repr=False)


@dataclass(frozen=True)
class CachedPage:
    """A page rendered by an earlier build: what the nav needs, and its files as blobs."""

    path: str
    title: str
    markdown: Blob
    assets: dict[str, Blob] = field(default_factory=dict)
    in_nav: bool = True
    #: SVG cache keys of its figures: a build that reuses the page still uses those entries.
    svg_keys: tuple[str, ...] = ()


def code_key() -> str:
    """Digest of every file of the installed package and of the shaping libraries' versions."""
    return package_digest(SHAPING)


def model_key(model: Any, keys: MutableMapping[int, str] | None = None) -> str:
    """Digest of a frozen dataclass's values (fields that take part in equality).

    Pickle is only the serialiser here (nothing is unpickled); equal bytes mean equal values,
    which is all a cache key needs. Field values that are dataclasses themselves enter by their
    own key, memoised in ``keys`` by object: every algorithm holds the same site, and pickling
    it a thousand times took half the time.
    """
    kind = type(model)
    values: list[Any] = [f"{kind.__module__}.{kind.__qualname__}"]
    for f in fields(model):
        if not f.compare:
            continue
        value = getattr(model, f.name)
        if keys is not None and is_dataclass(value) and not isinstance(value, type):
            found = keys.get(id(value))
            if found is None:
                found = keys[id(value)] = model_key(value)
            value = ("key", found)
        values.append(value)
    return digest(pickle.dumps(tuple(values), protocol=5))


class PageCache:
    """Cached pages and catalogue entries over a byte mapping."""

    def __init__(self, store: MutableMapping[str, bytes]) -> None:
        self.store = store
        self.hits = 0
        self.misses = 0

    def key(self, *parts: str) -> str:
        return digest("\0".join((code_key(), *parts)).encode("utf-8"))

    def get_pages(self, key: str) -> list[CachedPage] | None:
        """The pages stored under ``key``, if every blob they need is still there."""
        raw = self._get(f"page-{key}")
        if raw is None:
            return None
        try:
            entries = json.loads(raw)
            pages = [
                CachedPage(
                    e["path"],
                    e["title"],
                    self._blob(e["markdown"]),
                    {p: self._blob(d) for p, d in e["assets"].items()},
                    e["in_nav"],
                    tuple(str(k) for k in e["svg_keys"]),
                )
                for e in entries
            ]
        except (ValueError, KeyError, TypeError, AttributeError):
            return self._miss()
        for page in pages:
            for blob in (page.markdown, *page.assets.values()):
                if f"blob-{blob.digest}" not in self.store:
                    return self._miss()
        self.hits += 1
        return pages

    def put_pages(
        self, key: str, pages: Sequence[Page], svg_keys: Sequence[str] = ()
    ) -> list[CachedPage]:
        """Store ``pages`` under ``key`` (``svg_keys``: the SVG cache entries they used).

        Returns them as cached pages, whose bytes are read back only when asked for.
        """
        entries = []
        stored = []
        for page in pages:
            assets = {path: self._put_blob(data) for path, data in sorted(page.assets.items())}
            entries.append(
                {
                    "path": page.path,
                    "title": page.title,
                    "markdown": self._put_blob(page.markdown.encode("utf-8")),
                    "assets": assets,
                    "in_nav": page.in_nav,
                    "svg_keys": list(svg_keys),
                }
            )
            e = entries[-1]
            stored.append(
                CachedPage(
                    page.path,
                    page.title,
                    self._blob(e["markdown"]),
                    {p: self._blob(d) for p, d in assets.items()},
                    page.in_nav,
                    tuple(svg_keys),
                )
            )
        self.store[f"page-{key}"] = json.dumps(entries, ensure_ascii=False).encode("utf-8")
        return stored

    def get_bytes(self, key: str) -> bytes | None:
        found = self._get(f"bytes-{key}")
        if found is None:
            return None
        self.hits += 1
        return found

    def put_bytes(self, key: str, data: bytes) -> None:
        self.store[f"bytes-{key}"] = data

    def _get(self, name: str) -> bytes | None:
        try:
            return self.store[name]
        except KeyError:
            self._miss()
            return None

    def _miss(self) -> None:
        self.misses += 1
        return None

    def _blob(self, name: str) -> Blob:
        if not isinstance(name, str):
            raise TypeError(name)
        return Blob(name, lambda: self.store[f"blob-{name}"])

    def _put_blob(self, data: bytes) -> str:
        name = digest(data)
        if f"blob-{name}" not in self.store:
            self.store[f"blob-{name}"] = data
        return name


class LazyFiles(Mapping[str, bytes]):
    """``{path: bytes}`` where some values are blobs, read only when asked for."""

    def __init__(self, items: Mapping[str, bytes | Blob]) -> None:
        self._items = dict(items)
        self._digests: dict[str, str] = {}

    def __getitem__(self, key: str) -> bytes:
        value = self._items[key]
        return value.load() if isinstance(value, Blob) else value

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def with_file(self, key: str, data: bytes) -> LazyFiles:
        """A copy with one more file."""
        return LazyFiles({**self._items, key: data})

    def digest(self, key: str) -> str:
        """The file's digest, without loading a blob."""
        value = self._items[key]
        if isinstance(value, Blob):
            return value.digest
        found = self._digests.get(key)
        if found is None:
            found = self._digests[key] = digest(value)
        return found


def file_digest(value: bytes | Blob) -> str:
    """The digest of bytes or of a blob (without loading it)."""
    return value.digest if isinstance(value, Blob) else digest(value)
