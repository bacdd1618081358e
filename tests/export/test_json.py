"""The catalogue JSON: valid against the published schema, complete, stable."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from jsonschema import Draft202012Validator, FormatChecker
from support import ROOT, TODAY

from disclosure_gen.export.blocks import plain_rich
from disclosure_gen.export.to_json import catalogue_json, export_schema


def _validator() -> Draft202012Validator:
    schema = json.loads(export_schema())
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=FormatChecker())


def test_export_schema_is_a_valid_2020_12_schema_with_bilingual_titles() -> None:
    schema = json.loads(export_schema())
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert " / " in schema["title"]
    assert schema == json.loads((ROOT / "schemas" / "export.schema.json").read_text("utf-8"))


def test_demo_catalogue_validates(render_demo) -> None:
    data = json.loads(render_demo("json"))
    errors = sorted(_validator().iter_errors(data), key=lambda e: list(e.absolute_path))
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]


def test_catalogue_carries_the_model(render_demo, demo) -> None:
    site, algos = demo
    data = json.loads(render_demo("json"))
    assert data["$schema"] == site.site.base_url.rstrip("/") + "/data/export.schema.json"
    assert [a["id"] for a in data["algorithms"]] == [a.id for a in algos]
    for rec, algo in zip(data["algorithms"], algos, strict=True):
        assert rec["filing"]["number"] == algo.filing.number
        assert rec["category"] == algo.category
        assert rec["principles"]["zh"] == algo.principles.zh
        assert rec["principles"]["plain"]["zh"] == plain_rich(algo.principles.zh)
        assert [m["id"] for m in rec["mechanisms"]] == [m.id for m in algo.mechanisms]
        rt = algo.complaints.response_time
        assert rec["complaints"]["response_time"]["label"]["zh"] == rt.label("zh")
        assert "waivers" not in rec and "review_by" not in rec


def test_library_functions_for_the_site_pipeline(demo) -> None:
    site, algos = demo
    data = catalogue_json(site, algos)
    assert data == catalogue_json(site, algos)
    assert data.endswith(b"\n") and json.loads(data)["version"] == 1
    assert json.loads(export_schema())["$id"] == "export.schema.json"


def test_catalogue_is_identical_across_hash_seeds(tmp_path) -> None:
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run(
            [
                sys.executable,
                "-c",
                "from disclosure_gen.cli import main; main()",
                "export",
                "--format",
                "json",
                "--today",
                TODAY.isoformat(),
            ],
            cwd=ROOT,
            env=env,
            capture_output=True,
            timeout=300,
            check=True,
        )
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1] and outputs[0]


def test_the_catalogue_from_kept_entries_is_the_same_text(demo) -> None:
    # A build keeps each algorithm's entry and joins them; the bytes must be the dump's.
    import random

    from disclosure_gen.export.to_json import algorithm_json, catalogue

    site, algos = demo
    for n in range(len(algos) + 1):
        chosen = random.Random(n).sample(list(algos), n)
        entries = [algorithm_json(site, a) for a in chosen]
        dumped = json.dumps(catalogue(site, chosen), ensure_ascii=False, indent=2) + "\n"
        assert catalogue_json(site, chosen, entries) == dumped.encode("utf-8")
        assert catalogue_json(site, chosen) == dumped.encode("utf-8")
