"""Each algorithm file's check results kept across runs (``.disclosure-gen-cache/check``).

What ``check`` finds in one algorithm file is a function of that file's bytes and name, of
``site.yaml`` (its bytes and name: the site model, and findings located in it), of the options
that shape findings (``today``, the waiver limit, severity settings, the rules, how TeX is
typeset) and of this package's code with the libraries it reads and judges with. An entry is
stored under a digest of all of them, so it never goes stale: a changed input is another key.
``select``/``ignore`` are applied afterwards, and what spans files (duplicate ids) is decided
over every file's recorded id on every run, so a warm check reports exactly what a cold one
does.

An entry is JSON (never a pickle): the findings as located, where ``id`` sits, and the parsed
document's plain data (strings, numbers, booleans, lists, mappings), from which the model is
built again as a cold check builds it. A file whose results depended on a TeX worker that died
or timed out is not stored (it may typeset next time). Writers rename a finished temp file into
place, so concurrent checks sharing the folder read a whole entry or none.

The folder is trusted as ``content/`` is: a build publishes what a cached entry says is clean
(postcheck still judges every page). Never restore it from an untrusted branch or fork.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, fields
from functools import cache
from importlib import metadata, resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from disclosure_gen.check.findings import Finding, Location, Severity
from disclosure_gen.markup.jsonfile import write_entry

if TYPE_CHECKING:
    from datetime import date

    from disclosure_gen.check.rules.base import Rule
    from disclosure_gen.markup.math import TexSettings

#: Bumped when the entry format changes.
FORMAT = "1"
#: Libraries whose versions can change what check finds (besides this package's files).
JUDGING = (
    "pyyaml",
    "jsonschema",
    "fastjsonschema",
    "markdown-it-py",
    "pykatex",
    "chinese-calendar",
)


def package_digest(libraries: Sequence[str]) -> str:
    """Digest of every file of the installed package and of ``libraries``' versions."""
    return _package_digest(tuple(libraries))


@cache
def _package_digest(libraries: tuple[str, ...]) -> str:
    hasher = hashlib.blake2b(digest_size=20)

    def walk(folder: Any, prefix: str) -> None:
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if entry.name == "__pycache__" or entry.name.startswith("."):
                continue
            if entry.is_dir():
                walk(entry, f"{prefix}{entry.name}/")
            else:
                hasher.update(f"\0{prefix}{entry.name}\0".encode())
                hasher.update(entry.read_bytes())

    walk(resources.files("disclosure_gen"), "")
    for name in libraries:
        try:
            hasher.update(f"\0{name}=={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            hasher.update(f"\0{name} absent".encode())
    return hasher.hexdigest()


def context_key(
    *,
    site_file: str,
    site_bytes: bytes,
    today: date,
    waiver_limit_days: int,
    severity: Sequence[tuple[str, str]],
    severity_source: str,
    rules: Sequence[Rule],
    tex: TexSettings,
) -> str:
    """Digest of what every file's results depend on besides the file itself."""
    parts = [
        FORMAT,
        package_digest(JUDGING),
        site_file,
        hashlib.blake2b(site_bytes, digest_size=20).hexdigest(),
        today.isoformat(),
        str(waiver_limit_days),
        json.dumps(sorted(severity)),
        severity_source,
        # Rules are classes of this package (their code is in the package digest).
        json.dumps([[type(r).__module__, type(r).__qualname__, r.code] for r in rules]),
        repr(float(tex.timeout)),
        json.dumps(list(tex.worker)),
    ]
    return hashlib.blake2b("\0".join(parts).encode(), digest_size=20).hexdigest()


@dataclass(frozen=True)
class Entry:
    """One file's recorded results."""

    findings: tuple[Finding, ...]
    #: Where ``id`` sits (for the duplicate-id finding made across files).
    id_at: tuple[int, int]
    #: The document's plain data when it was valid (the model is built from it), else None.
    data: dict[str, Any] | None


class ResultCache:
    """Entries in ``root``, one file each, under keys of ``context`` and the file."""

    def __init__(self, root: Path, context: str) -> None:
        self.root = root
        self.context = context
        self.hits = 0
        self.stored = 0

    def key(self, display: str, raw: bytes) -> str:
        hasher = hashlib.blake2b(digest_size=20)
        hasher.update(f"{self.context}\0{display}\0".encode())
        hasher.update(raw)
        return hasher.hexdigest()

    def get(self, key: str) -> Entry | None:
        try:
            record = json.loads((self.root / f"{key}.json").read_bytes())
            entry = Entry(
                tuple(_finding(f) for f in record["findings"]),
                (int(record["id_at"][0]), int(record["id_at"][1])),
                record["data"] if isinstance(record["data"], dict) else None,
            )
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            return None
        self.hits += 1
        return entry

    def put(self, key: str, entry: Entry) -> None:
        """Store ``entry``; a folder that cannot be written only means no cache."""
        record = {
            "findings": [_record(f) for f in entry.findings],
            "id_at": list(entry.id_at),
            "data": entry.data,
        }
        if not write_entry(self.root / f"{key}.json", record):
            return
        self.stored += 1


_FINDING_FIELDS = tuple(f.name for f in fields(Finding))


def _record(finding: Finding) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in _FINDING_FIELDS:
        value = getattr(finding, name)
        if isinstance(value, Location):
            value = [value.path, value.file, value.line, value.column]
        elif isinstance(value, Severity):
            value = value.value
        out[name] = value
    return out


def _finding(record: dict[str, Any]) -> Finding:
    values = dict(record)
    path, file, line, column = values["location"]
    values["location"] = Location(str(path), str(file), int(line), int(column))
    values["severity"] = Severity(values["severity"])
    if values.get("default_severity") is not None:
        values["default_severity"] = Severity(values["default_severity"])
    if set(values) != set(_FINDING_FIELDS):
        raise KeyError("fields")
    return Finding(**values)
