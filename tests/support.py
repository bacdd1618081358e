"""Helpers shared by the tests: build content trees from the rule base and patches."""

from __future__ import annotations

import copy
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
BASE = ROOT / "tests" / "rules" / "base"
TODAY = date(2026, 11, 25)


def load_base() -> tuple[dict[str, Any], dict[str, Any]]:
    """Return (site, algorithm) of the minimal valid base documents."""
    site = yaml.safe_load((BASE / "site.yaml").read_text(encoding="utf-8"))
    algo = yaml.safe_load((BASE / "algorithms" / "base.yaml").read_text(encoding="utf-8"))
    return site, algo


def merge_patch(target: Any, patch: Any) -> Any:
    """RFC 7386 merge patch: mappings merge, null deletes, anything else replaces."""
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    out = copy.deepcopy(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            out.pop(key, None)
        else:
            out[key] = merge_patch(out.get(key), value)
    return out


def _split(dotted: str) -> list[str | int]:
    parts: list[str | int] = []
    for part in dotted.replace("]", "").replace("[", ".").split("."):
        parts.append(int(part) if part.isdigit() else part)
    return parts


def set_path(doc: dict[str, Any], dotted: str, value: Any) -> None:
    """Set ``a.b[0].c`` in ``doc``, creating mappings on the way."""
    parts = _split(dotted)
    node: Any = doc
    for part in parts[:-1]:
        node = node[part] if isinstance(part, int) else node.setdefault(part, {})
    node[parts[-1]] = copy.deepcopy(value)


def unset_path(doc: dict[str, Any], dotted: str) -> None:
    """Delete ``a.b[0].c`` from ``doc`` if present."""
    parts = _split(dotted)
    node: Any = doc
    for part in parts[:-1]:
        node = node[part]
    if isinstance(node, dict):
        node.pop(parts[-1], None)
    else:
        del node[parts[-1]]


def write_content(root: Path, site: dict[str, Any], algos: list[dict[str, Any]]) -> Path:
    """Write content/site.yaml and content/algorithms/<id>.yaml under ``root``."""
    content = root / "content"
    if content.exists():
        shutil.rmtree(content)
    (content / "algorithms").mkdir(parents=True)
    dump = {"allow_unicode": True, "sort_keys": False}
    (content / "site.yaml").write_text(yaml.safe_dump(site, **dump), encoding="utf-8")
    for algo in algos:
        path = content / "algorithms" / f"{algo.get('id', 'unnamed')}.yaml"
        path.write_text(yaml.safe_dump(algo, **dump), encoding="utf-8")
    return content


def apply_case(case: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Return (site, algorithm) of the rule base after a case's ``patch``, ``set`` and ``unset``."""
    return apply_edits(*load_base(), case)


def apply_edits(
    site: dict[str, Any], algo: dict[str, Any], case: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Return (site, algorithm) after ``case``'s edits: a merge ``patch`` (its ``site`` key
    patches the site), then ``set`` and ``unset`` of dotted paths (``site.`` for the site)."""
    patch = dict(case.get("patch") or {})
    if "site" in patch:
        site = merge_patch(site, patch.pop("site"))
    algo = merge_patch(algo, patch)
    for dotted, value in (case.get("set") or {}).items():
        if dotted.startswith("site."):
            set_path(site, dotted[5:], value)
        else:
            set_path(algo, dotted, value)
    for dotted in case.get("unset") or ():
        if dotted.startswith("site."):
            unset_path(site, dotted[5:])
        else:
            unset_path(algo, dotted)
    return site, algo
