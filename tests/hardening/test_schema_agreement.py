"""The compiled schema check never lets through what jsonschema refuses.

From ``QUICK_FROM`` documents on, a compiled validator (fastjsonschema) answers first and a
document it accepts skips jsonschema. That is only sound if "accepted" implies "jsonschema
finds nothing"; these tests look for a counterexample among edited demo files, random
documents under the schemas' keys, and values chosen at the edges where two validators may
differ (impossible dates, trailing newlines against anchored patterns, booleans as numbers).
The other direction may differ freely: jsonschema decides those documents.
"""

from __future__ import annotations

import collections
import copy
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hardening.test_fuzz import SETTINGS, documents, edited_demo
from hypothesis import given, settings
from hypothesis import strategies as st
from support import ROOT, TODAY

from disclosure_gen.check.engine import CheckOptions, check_paths
from disclosure_gen.check.schema import QUICK_FROM, validator
from disclosure_gen.content.loader import InputError, load_bytes

RAN: collections.Counter[str] = collections.Counter()
CHECKS = {name: validator(name, documents=QUICK_FROM) for name in ("algorithm", "site")}
EDGE_VALUES = [
    "2026-02-30",
    "2026-2-3",
    "20261125",
    "2026-11-25\n",
    "2026-11-25T00:00:00",
    "feed-recommendation\n",
    "网信算备330106987654302240013号\n",
    " https://example.cn/",
    "javascript:alert(1)",
    "",
    True,
    1.0,
    -1,
    None,
    [],
    {},
]


def _assert_sound(schema: str, data: Any) -> None:
    check = CHECKS[schema]
    assert check.quick is not None
    try:
        check.quick(data)
    except Exception:  # what the engine does: any doubt goes to jsonschema
        RAN[f"{schema}: compiled check refuses"] += 1
        return
    RAN[f"{schema}: compiled check accepts"] += 1
    errors = [e.message for e in check.full.iter_errors(data)]
    assert not errors, f"the compiled check accepts what jsonschema refuses: {errors}"


def _demo(name: str) -> dict[str, Any]:
    path = ROOT / "content" / ("site.yaml" if name == "site.yaml" else f"algorithms/{name}")
    return load_bytes(path.read_bytes(), file=name).data


def _schema_of(name: str) -> str:
    return "site" if name == "site.yaml" else "algorithm"


def test_demo_files_are_accepted_by_both() -> None:
    for path in [*sorted((ROOT / "content/algorithms").glob("*.yaml")), ROOT / "content/site.yaml"]:
        data = load_bytes(path.read_bytes(), file=path.name).data
        check = CHECKS[_schema_of(path.name)]
        # Both say valid: otherwise the quick path would never be taken and save nothing.
        assert check.quick is not None and check.quick(data) is not False, path.name
        assert not list(check.full.iter_errors(data)), path.name


@settings(max_examples=300, **SETTINGS)
@given(case=edited_demo())
def test_edited_demo_files(case: tuple[str, bytes]) -> None:
    name, raw = case
    try:
        data = load_bytes(raw, file=name).data
    except InputError:
        return
    _assert_sound(_schema_of(name), data)


@settings(max_examples=200, **SETTINGS)
@given(doc=documents, schema=st.sampled_from(["algorithm", "site"]))
def test_random_documents(doc: dict[str, Any], schema: str) -> None:
    _assert_sound(schema, doc)


EDGE_FILES = ["feed-recommendation.yaml", "site.yaml"]


def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every value's path: mappings, lists and scalars."""
    out = [path] if path else []
    if isinstance(node, dict):
        out += [p for k, v in node.items() for p in _paths(v, (*path, k))]
    elif isinstance(node, list):
        out += [p for i, v in enumerate(node) for p in _paths(v, (*path, i))]
    return out


@pytest.mark.parametrize(
    "name", ["feed-recommendation.yaml", "delivery-dispatch.yaml", "site.yaml"]
)
def test_every_value_replaced_by_every_edge_value(name: str) -> None:
    data = _demo(name)
    for path in _paths(data):
        node = data
        for part in path[:-1]:
            node = node[part]
        kept = node[path[-1]]
        for value in EDGE_VALUES:
            node[path[-1]] = copy.deepcopy(value)
            _assert_sound(_schema_of(name), data)
        node[path[-1]] = kept
    print(f"\nschema agreement: {dict(RAN)}")


def test_a_large_catalogue_reports_the_same_schema_errors_as_a_single_file(tmp_path: Path) -> None:
    """Through check: the broken file gets the same findings among QUICK_FROM others."""
    feed = (ROOT / "content/algorithms/feed-recommendation.yaml").read_text(encoding="utf-8")
    broken = yaml.safe_load(feed)
    broken["id"] = "broken"
    broken["effective"] = "2026-02-30"
    broken["products"] = "feed"
    broken["summary"]["zh"] = True
    broken["notce"] = {}

    def catalogue(root: Path, copies: int) -> Path:
        (root / "algorithms").mkdir(parents=True)
        shutil.copy(ROOT / "content/site.yaml", root / "site.yaml")
        (root / "algorithms/broken.yaml").write_text(
            yaml.safe_dump(broken, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
        for i in range(copies):
            doc = yaml.safe_load(feed)
            doc["id"] = f"feed-{i:03d}"
            (root / f"algorithms/feed-{i:03d}.yaml").write_text(
                yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8"
            )
        return root

    def schema_findings(root: Path) -> list[tuple[int, int, str]]:
        report = check_paths([root], CheckOptions(today=TODAY)).report
        return [
            (f.location.line, f.location.column, f.message)
            for f in report.findings
            if f.code == "DG-SCHEMA" and f.location.file.endswith("broken.yaml")
        ]

    alone = schema_findings(catalogue(tmp_path / "one", 0))
    among = schema_findings(catalogue(tmp_path / "many", QUICK_FROM))
    assert len(alone) >= 4, alone
    assert among == alone
