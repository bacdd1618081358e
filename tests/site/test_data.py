"""The built site publishes the machine-readable catalogue and its schema at stable URLs."""

from __future__ import annotations

import json
from pathlib import Path

from jsonschema import Draft202012Validator
from sitekit import TODAY, cli


def test_catalogue_json_is_published_and_valid(demo_project: Path) -> None:
    site = demo_project / "site"
    catalogue = json.loads((site / "data" / "algorithms.json").read_text(encoding="utf-8"))
    schema = json.loads((site / "data" / "export.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    Draft202012Validator(schema).validate(catalogue)
    exported = cli(demo_project, "export", "--format", "json", "--today", TODAY)
    assert exported.returncode == 0, exported.stderr
    assert json.loads(exported.stdout) == catalogue
    assert 'href="data/algorithms.json"' in (site / "index.html").read_text(encoding="utf-8")
    assert 'href="../data/algorithms.json"' in (site / "en" / "index.html").read_text(
        encoding="utf-8"
    )
