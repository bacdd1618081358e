"""Synthetic catalogues for benchmarks: N algorithms cloned from the demo with varied content.

Each generated algorithm keeps the demo's realistic Chinese text lengths, formulas, charts and
controls, with its own id, name, filing number, summary sentence, chart values and formula TeX,
so caches and search indexes see distinct content. Output is deterministic for a given N.
"""

from __future__ import annotations

import copy
import random
import shutil
from pathlib import Path

import yaml

from disclosure_gen.content.disclosed import disclosure_hash
from disclosure_gen.content.model.algorithm import Algorithm
from disclosure_gen.content.model.site import Site

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "content"


def _load(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def generate(n: int, out: Path, *, seed: int = 7) -> Path:
    """Write a content tree with ``n`` algorithms into ``out``/content and return that path."""
    rng = random.Random(seed + n)
    content = out / "content"
    if content.exists():
        shutil.rmtree(content)
    (content / "algorithms").mkdir(parents=True)
    shutil.copy(DEMO / "site.yaml", content / "site.yaml")
    templates = [_load(p) for p in sorted((DEMO / "algorithms").glob("*.yaml"))]
    # The demo's AI features (no formulas or charts) stay out, so the catalogue cycles over the
    # four recommendation algorithms the figures in bench/README.md were measured on.
    templates = [t for t in templates if "generative" not in t]
    dump = {"Dumper": yaml.CSafeDumper, "allow_unicode": True, "sort_keys": False, "width": 100}
    site = Site.from_data(_load(DEMO / "site.yaml"))
    for i in range(n):
        algo = _vary(templates[i % len(templates)], i, rng)
        # Each clone is filed as it is: its fingerprint is of its own disclosed text.
        if algo.get("filing", {}).get("disclosure_hash"):
            algo["filing"]["disclosure_hash"] = disclosure_hash(Algorithm.from_data(algo, site))
        text = yaml.dump(algo, **dump)
        (content / "algorithms" / f"{algo['id']}.yaml").write_text(text, encoding="utf-8")
    return content


def _vary(template: dict, i: int, rng: random.Random) -> dict:
    algo = copy.deepcopy(template)
    algo["id"] = f"{template['id']}-{i:05d}"
    suffix = f"（第{i + 1}号）"
    algo["name"]["zh"] = template["name"]["zh"] + suffix
    if "en" in algo["name"]:
        algo["name"]["en"] = f"{template['name']['en']} no. {i + 1}"
    filing = algo.get("filing") or {}
    if filing.get("number"):
        digits = filing["number"][4:-1]
        filing["number"] = f"网信算备{digits[:17]}{i % 10000:04d}号"
        filing["algorithm_name"] = algo["name"]["zh"]
    # Vary prose a little so pages and search entries differ.
    algo["summary"]["zh"] = algo["summary"]["zh"].rstrip() + f"本算法用于第{i + 1}个业务场景。"
    for chart in algo.get("charts", ()):
        for series in chart["series"]:
            series["values"] = [round(v * rng.uniform(0.8, 1.2), 1) for v in series["values"]]
    # Each formula differs too (a label KaTeX draws, no new symbol or number), so that a
    # formula cache cannot serve a thousand algorithms from the demo's three formulas.
    for formula in algo.get("formulas", ()):
        formula["tex"] = formula["tex"] + rf" \quad \text{{(no. {i + 1})}}"
    return algo


if __name__ == "__main__":
    import sys

    print(generate(int(sys.argv[1]), Path(sys.argv[2])))
