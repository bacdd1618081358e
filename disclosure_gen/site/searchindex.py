"""Material's search index, assembled from each page's entries instead of rebuilt.

Material writes ``json.dumps({"config": …, "docs": entries}, separators=(",", ":"))`` with the
entries in MkDocs' page order. A list dumps as its items' dumps joined by ``,``, so the index is
a head, every page's entries (a fragment) and a tail, and a page's fragment depends only on that
page. The previous index, kept in the store, supplies unchanged pages' fragments as byte ranges.
"""

from __future__ import annotations

import json
import mmap
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

#: Where Material writes it.
PATH = "search/search_index.json"

#: A page's entries: a (source, start, end) range of one of the sources ``write`` is given.
Part = tuple[str, int, int]


def fragment(entries: Sequence[dict[str, Any]]) -> bytes:
    """A page's entries as they appear inside the ``docs`` list (Material's own dumps)."""
    dumped = (json.dumps(e, separators=(",", ":"), default=str) for e in entries)
    return ",".join(dumped).encode("ascii")


def head(search_config: dict[str, Any]) -> bytes:
    """The index up to the first entry; ``search_config`` is the plugin's SearchIndex.config."""
    conf = {k: search_config[k] for k in ("lang", "separator", "pipeline", "fields")}
    return (
        b'{"config":' + json.dumps(conf, separators=(",", ":"), default=str).encode() + b',"docs":['
    )


def write(
    path: Path,
    start: bytes,
    parts: Sequence[Part],
    sources: Mapping[str, bytes | mmap.mmap | None],
) -> list[tuple[int, int]]:
    """Write the index; returns where each part's fragment now is (for the next build).

    ``sources`` by name: the previous index, the file the new pages' entries were spooled to.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    ranges: list[tuple[int, int]] = []
    with open(path, "wb") as fh:
        fh.write(start)
        pos, first = len(start), True
        for name, begin, end in parts:
            source = sources.get(name)
            if source is None:
                if begin == end:
                    text = b""
                else:
                    raise ValueError(f"a fragment of {name}, which is not there")
            else:
                text = source[begin:end]
            if text:
                if not first:
                    fh.write(b",")
                    pos += 1
                first = False
                fh.write(text)
            ranges.append((pos, pos + len(text)))
            pos += len(text)
        fh.write(b"]}")
    return ranges


@contextmanager
def mapped(path: Path | None) -> Iterator[mmap.mmap | None]:
    """The previous index, mapped read-only (None when there is none to read)."""
    if path is None or not path.exists() or path.stat().st_size == 0:
        yield None
        return
    with open(path, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as view:
        yield view
