"""Postcheck of a site assembled from new and reused files: scan what is new, carry the rest.

A file's verdict (clean, and the local scripts it loads) depends only on its bytes and on the
site's facts, so it is kept per content digest, under a key of those facts, postcheck's code and
the theme version (whose inline scripts postcheck allows). A file whose digest has a clean
verdict is not scanned again. The search index, rewritten whenever a page changes, is judged
per page fragment (its entries, as ``postcheck`` judges each entry on its own): a fragment whose
digest has a clean verdict is not parsed again. The one cross-file rule, that every script a
page loads is part of the site, is checked again on the final file list, and a file that fails
it is scanned so that the problem is located as postcheck locates it. Every published file is
therefore covered, and the verdicts equal ``postcheck``'s on the whole tree.
"""

from __future__ import annotations

import json
import mmap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from disclosure_gen.site import output
from disclosure_gen.site.postcheck import (
    SEARCH_INDEX,
    Problem,
    Scan,
    SiteFacts,
    in_batches,
    scan_file,
    scanned,
    search_entry_problems,
)
from disclosure_gen.site.render.pagecache import code_key
from disclosure_gen.site.sitestore import digest


def facts_key(facts: SiteFacts) -> str:
    """What a verdict depends on besides the file: the facts, postcheck's code, the theme."""
    theme = metadata.version("mkdocs-material")
    scripts = "\n".join(sorted(facts.allowed_scripts))
    return digest(f"{code_key()}\0{theme}\0{facts.site_url}\0{scripts}".encode())


@dataclass
class Verdicts:
    """Clean verdicts by content digest.

    Per file, the local scripts it loads; and the search index fragments found clean.
    """

    path: Path
    key: str
    clean: dict[str, list[str]] = field(default_factory=dict)
    fragments: set[str] = field(default_factory=set)

    @classmethod
    def load(cls, path: Path, key: str) -> Verdicts:
        try:
            data = json.loads(path.read_bytes())
            if data.get("key") != key:
                return cls(path, key)
            clean, fragments = data["clean"], data.get("fragments", [])
            if not isinstance(clean, dict) or not isinstance(fragments, list):
                return cls(path, key)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return cls(path, key)
        return cls(path, key, clean, {f for f in fragments if isinstance(f, str)})

    def save(self, keep: set[str], fragments: Sequence[Sequence[Any]] | None = None) -> None:
        """Write the verdicts of the digests in ``keep`` (the published files).

        And of the search index's ``fragments`` (as ``gate`` takes them).
        """
        kept = {d: s for d, s in sorted(self.clean.items()) if d in keep}
        now = {f[0] for f in fragments or ()}
        data = {"key": self.key, "clean": kept, "fragments": sorted(self.fragments & now)}
        output.write_file(self.path, json.dumps(data, separators=(",", ":")).encode())


def gate(
    site_dir: Path,
    files: Mapping[str, str],
    facts: SiteFacts,
    verdicts: Verdicts,
    *,
    jobs: int | None = None,
    search: Sequence[Sequence[Any]] | None = None,
) -> list[Problem]:
    """Problems of the finished tree ``site_dir`` (``files``: every file → its digest).

    ``search``: the search index's page fragments in order, ``[digest, entries, start, end]``
    (the driver's report); without it, a new index is judged whole.
    """
    facts = SiteFacts(facts.site_url, facts.allowed_scripts, frozenset(files))
    todo: list[str] = []
    problems: list[Problem] = []
    for rel in sorted(files):
        if not scanned(rel):
            continue
        scripts = verdicts.clean.get(files[rel])
        if scripts is not None and all(s in files for s in scripts):
            continue
        if rel == SEARCH_INDEX and search is not None:
            found = _search_fragments(site_dir / rel, search, facts, verdicts)
            if not found:
                verdicts.clean[files[rel]] = []
            problems += found
        else:
            todo.append(rel)
    for rel, scan in _scan(site_dir, todo, facts, jobs):
        problems += scan.problems
        if not scan.problems:
            verdicts.clean[files[rel]] = list(scan.scripts)
    return sorted(problems, key=lambda p: (p.file, p.line, p.column))


def _search_fragments(
    index: Path, search: Sequence[Sequence[Any]], facts: SiteFacts, verdicts: Verdicts
) -> list[Problem]:
    """Problems of the index's fragments that have no clean verdict; the others are carried."""
    problems: list[Problem] = []
    first = 0  # the index of the fragment's first entry in ``docs``
    with open(index, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
        for fragment_digest, entries, start, end in search:
            if fragment_digest not in verdicts.fragments:
                try:
                    docs = json.loads(b"[" + data[start:end] + b"]")
                except ValueError:
                    docs = None
                if not isinstance(docs, list) or len(docs) != entries:
                    problems.append(Problem(SEARCH_INDEX, 1, 1, "搜索索引不是预期的 JSON"))
                    return problems
                found = search_entry_problems(SEARCH_INDEX, docs, facts, first)
                if not found:
                    verdicts.fragments.add(fragment_digest)
                problems += found
            first += entries
    return problems


def _scan(
    site_dir: Path, todo: Sequence[str], facts: SiteFacts, jobs: int | None
) -> list[tuple[str, Scan]]:
    # postcheck's batching: worker processes for many files, in order.
    return in_batches(_Job(site_dir, facts), todo, jobs)  # type: ignore[arg-type]


@dataclass(frozen=True)
class _Job:
    site_dir: Path
    facts: SiteFacts

    def __call__(self, rels: Sequence[str]) -> list[tuple[str, Scan]]:
        return [
            (rel, scan_file(rel, (self.site_dir / rel).read_bytes(), self.facts)) for rel in rels
        ]
