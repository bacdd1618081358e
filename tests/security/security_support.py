"""The XSS corpus and the hostile catalogue built from it.

Every payload gets its own copy of a demo algorithm with the payload in every string field at
once; the demo's other algorithms and site.yaml get the payloads spread over their fields. A
field whose schema refuses the payload keeps its demo value: that (payload, field) pair ends in a
DG-SCHEMA finding, which ``Ledger`` records. Everything else reaches the renderers.
"""

from __future__ import annotations

import copy
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from support import ROOT

from disclosure_gen.check.schema import validator
from disclosure_gen.content.model.algorithm import Algorithm
from disclosure_gen.content.model.site import Site

CORPUS = Path(__file__).resolve().parent / "payloads.yaml"
#: The demo algorithm every payload is put into: it has formulas, a chart, an explorable,
#: a pipeline diagram, FAQ, controls and a filing.
DEMO = "feed-recommendation"
#: Keys whose strings are identifiers, references, enumerations or dates, not text for people.
#: Changing them would only break references; the schema pins them down.
MACHINE_KEYS = frozenset(
    {
        "id",
        "product",
        "surface",
        "surfaces",
        "platform",
        "platforms",
        "kind",
        "stage",
        "status",
        "unit",
        "combine",
        "covers",
        "log_fields",
        "languages",
        "date",
        "effective",
        "review_by",
        "service_started_on",
        "submitted_on",
        "filed_on",
        "en_source",
    }
)

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Payload:
    id: str
    category: str
    text: str


def load_corpus(section: str = "payloads") -> tuple[Payload, ...]:
    data = yaml.safe_load(CORPUS.read_text(encoding="utf-8"))
    return tuple(Payload(p["id"], p["category"], p["payload"]) for p in data[section])


def string_leaves(node: Any, path: Path_ = ()) -> Iterator[Path_]:
    """Paths of the human-readable string values (MACHINE_KEYS excluded), in document order."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key not in MACHINE_KEYS:
                yield from string_leaves(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from string_leaves(value, (*path, i))
    elif isinstance(node, str):
        yield path


def get(doc: Any, path: Path_) -> Any:
    for part in path:
        doc = doc[part]
    return doc


def put(doc: Any, path: Path_, value: Any) -> None:
    get(doc, path[:-1])[path[-1]] = value


def dotted(path: Path_) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def inject(
    original: dict[str, Any], schema: str, values: dict[Path_, str]
) -> tuple[dict[str, Any], set[Path_]]:
    """Put ``values`` into a copy of ``original``; fields the schema refuses keep their value.

    Returns the document and the refused paths. The schema is asked again after each revert,
    since a refusal can hide others (``anyOf`` branches, parents).
    """
    doc = copy.deepcopy(original)
    for path, value in values.items():
        put(doc, path, value)
        # A stamped translation would be stale now; the stamp is not what is being tested.
        parent = get(doc, path[:-1])
        if isinstance(parent, dict):
            parent.pop("en_source", None)
    refused: set[Path_] = set()
    check = validator(schema)
    while True:
        bad = {tuple(e.absolute_path) for e in check.iter_errors(doc)}
        hit = {p for p in values if p not in refused and any(p[: len(b)] == b for b in bad)}
        if not bad:
            return doc, refused
        assert hit, f"schema errors outside the injected fields: {bad}"
        for path in hit:
            put(doc, path, get(original, path))
            refused.add(path)


@dataclass
class Ledger:
    """Which payload went into which field, and what the schema said."""

    pairs: dict[str, list[tuple[str, str, bool]]] = field(default_factory=dict)

    def add(self, payload: Payload, where: str, accepted: bool) -> None:
        self.pairs.setdefault(payload.id, []).append((where, payload.text, accepted))

    @property
    def tried(self) -> int:
        return sum(len(v) for v in self.pairs.values())

    @property
    def refused(self) -> int:
        return sum(1 for v in self.pairs.values() for *_, ok in v if not ok)


def _read(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _dump(path: Path, doc: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")


def write_hostile_project(root: Path, payloads: tuple[Payload, ...]) -> Ledger:
    """A project whose content carries every payload; returns the ledger of pairs tried."""
    ledger = Ledger()
    content = root / "content"
    algo_dir = content / "algorithms"
    demo = _read(ROOT / "content" / "algorithms" / f"{DEMO}.yaml")
    # One version per copy: past versions become archive pages, and 118 × 2 × 2 of those would
    # only repeat the template the other demo algorithms already exercise.
    demo["versions"] = demo["versions"][-1:]
    leaves = list(string_leaves(demo))
    for n, payload in enumerate(payloads):
        doc, refused = inject(demo, "algorithm", dict.fromkeys(leaves, payload.text))
        doc["id"] = f"xss-{n:03d}"
        for path in leaves:
            ledger.add(payload, f"{DEMO}:{dotted(path)}", path not in refused)
        _dump(algo_dir / f"{doc['id']}.yaml", doc)
    # The other demo algorithms and site.yaml: payloads spread round-robin over their fields.
    others = sorted((ROOT / "content" / "algorithms").glob("*.yaml"))
    sources = [ROOT / "content" / "site.yaml", *(p for p in others if p.stem != DEMO)]
    offset = 0
    for source in sources:
        original = _read(source)
        paths = list(string_leaves(original))
        chosen = {p: payloads[(offset + i) % len(payloads)] for i, p in enumerate(paths)}
        offset += len(paths)
        schema = "site" if source.name == "site.yaml" else "algorithm"
        doc, refused = inject(original, schema, {p: c.text for p, c in chosen.items()})
        for path, payload in chosen.items():
            ledger.add(payload, f"{source.stem}:{dotted(path)}", path not in refused)
        target = content / "site.yaml" if schema == "site" else algo_dir / source.name
        _dump(target, doc)
    shutil.copy2(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    return ledger


TODAY = "2026-11-25"
CLI = [sys.executable, "-c", "from disclosure_gen.cli import main; main()"]


def cli(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLI, *args],
        cwd=project,
        env=dict(os.environ),
        capture_output=True,
        text=True,
        timeout=900,
    )


@dataclass(frozen=True)
class Hostile:
    project: Path
    site: Path
    payloads: tuple[Payload, ...]
    ledger: Ledger
    #: Findings of the check (JSON records), by file name.
    findings: dict[str, list[dict]]
    build_stderr: str
    build_stdout: str
    site_model: Site
    algorithms: tuple[Algorithm, ...]
