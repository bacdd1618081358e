"""Postcheck of a site assembled from new and reused files: scan what is new, carry the rest.

A file's verdict (clean, and the local scripts it loads) depends only on its bytes and on the
site's facts, so it is kept per content digest, under a key of those facts, postcheck's code and
the theme version (whose inline scripts postcheck allows). A file whose digest has a clean
verdict is not scanned again; the one cross-file rule, that every script a page loads is part
of the site, is checked again on the final file list, and a file that fails it is scanned so
that the problem is located as postcheck locates it. Every published file is therefore covered,
and the verdicts equal ``postcheck``'s on the whole tree.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from disclosure_gen.site import output
from disclosure_gen.site.postcheck import (
    Problem,
    Scan,
    SiteFacts,
    in_batches,
    scan_file,
    scanned,
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
    """Clean verdicts by content digest: the local scripts each such file loads."""

    path: Path
    key: str
    clean: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path, key: str) -> Verdicts:
        try:
            data = json.loads(path.read_bytes())
            clean = data["clean"] if data.get("key") == key else {}
            if not isinstance(clean, dict):
                clean = {}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            clean = {}
        return cls(path, key, clean)

    def save(self, keep: set[str]) -> None:
        """Write the verdicts of the digests in ``keep`` (the published files)."""
        kept = {d: s for d, s in sorted(self.clean.items()) if d in keep}
        data = {"key": self.key, "clean": kept}
        output.write_file(self.path, json.dumps(data, separators=(",", ":")).encode())


def gate(
    site_dir: Path,
    files: Mapping[str, str],
    facts: SiteFacts,
    verdicts: Verdicts,
    *,
    jobs: int | None = None,
) -> list[Problem]:
    """Problems of the finished tree ``site_dir`` (``files``: every file → its digest)."""
    facts = SiteFacts(facts.site_url, facts.allowed_scripts, frozenset(files))
    todo: list[str] = []
    for rel in sorted(files):
        if not scanned(rel):
            continue
        scripts = verdicts.clean.get(files[rel])
        if scripts is None or any(s not in files for s in scripts):
            todo.append(rel)
    problems: list[Problem] = []
    for rel, scan in _scan(site_dir, todo, facts, jobs):
        problems += scan.problems
        if not scan.problems:
            verdicts.clean[files[rel]] = list(scan.scripts)
    return sorted(problems, key=lambda p: (p.file, p.line, p.column))


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
