"""``disclosure-gen init``: scaffold a project that checks clean and builds at once.

The files live in ``templates_project/`` (package data). Names starting with ``dot-`` become
dot files (``dot-github`` → ``.github``) so that packaging never drops them as hidden files.
Four placeholders are filled: ``{{VERSION}}`` (the pin CI installs), ``{{TODAY}}`` (the first
version's date), ``{{REVIEW_BY}}`` (a year later) and ``{{DISCLOSURE_HASH}}`` (the filing
fingerprint of the example as written, for its commented-out `filed` block: change detection
starts with the first filing, not when someone remembers the command); the JSON Schemas are
copied next to the content so the editor hint in each YAML file resolves offline.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path, PurePosixPath

from disclosure_gen import __version__
from disclosure_gen.check.schema import schema_text

TEMPLATES = "templates_project"
#: First review one year after the project starts (Art 8 asks for periodic review).
REVIEW_AFTER = timedelta(days=365)


class InitError(Exception):
    """The target cannot be used (exit code 2)."""


@dataclass(frozen=True)
class Scaffold:
    """The files of a new project: relative POSIX path → bytes."""

    files: dict[str, bytes]


def _walk(node: Traversable, prefix: PurePosixPath) -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    for child in sorted(node.iterdir(), key=lambda c: c.name):
        if child.name == "__pycache__":
            continue
        name = "." + child.name[4:] if child.name.startswith("dot-") else child.name
        if child.is_dir():
            out.update(_walk(child, prefix / name))
        else:
            out[(prefix / name).as_posix()] = child.read_bytes()
    return out


def scaffold(today: date, *, version: str = __version__) -> Scaffold:
    """Render every template for a project started on ``today``."""
    values = {
        "{{VERSION}}": version,
        "{{TODAY}}": today.isoformat(),
        "{{REVIEW_BY}}": (today + REVIEW_AFTER).isoformat(),
    }
    files = {}
    for rel, raw in _walk(
        resources.files("disclosure_gen.publish") / TEMPLATES, PurePosixPath()
    ).items():
        text = raw.decode("utf-8")
        for token, value in values.items():
            text = text.replace(token, value)
        files[rel] = text.encode("utf-8")
    example = "content/algorithms/example.yaml"
    files[example] = files[example].replace(
        b"{{DISCLOSURE_HASH}}", _fingerprint(files["content/site.yaml"], files[example]).encode()
    )
    for name in ("algorithm", "site"):
        files[f"schemas/{name}.schema.json"] = schema_text(name).encode("utf-8")
    return Scaffold(dict(sorted(files.items())))


def _fingerprint(site: bytes, algorithm: bytes) -> str:
    """``filing.disclosure_hash`` of the example algorithm as the template writes it."""
    from disclosure_gen.content.disclosed import disclosure_hash
    from disclosure_gen.content.loader import load_bytes
    from disclosure_gen.content.model.algorithm import Algorithm
    from disclosure_gen.content.model.site import Site

    site_doc = load_bytes(site, file="content/site.yaml")
    algo_doc = load_bytes(algorithm, file="content/algorithms/example.yaml")
    return disclosure_hash(Algorithm.from_data(algo_doc.data, Site.from_data(site_doc.data)))


def write_project(target: Path, project: Scaffold, *, force: bool) -> list[str]:
    """Write ``project`` into ``target``; refuse a non-empty folder unless ``force``."""
    from disclosure_gen.site.output import write_file

    if target.exists() and not target.is_dir():
        raise InitError(f"{target} 已存在且不是目录")
    if target.is_dir() and any(target.iterdir()) and not force:
        raise InitError(f"{target} 不是空目录；加 --force 写入（同名文件会被覆盖）")
    for rel, data in project.files.items():
        write_file(target / rel, data)
    return list(project.files)
