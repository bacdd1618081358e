"""Untrusted TeX cannot take the process down (issue 13), and typeset results are kept on disk.

* 10,000 generated formulas (tests/hardening/tex_gen.py, seeded) in one catalogue of 200 files
  with 50 formulas each go through ``check`` in a fresh process: it finishes, no worker dies or
  hangs, and every refusal is a ``DG-TEX`` finding at the formula's own line and column. The
  test prints the wall time, the peak RSS of the check and of its TeX worker, and the slowest
  formula.
* A worker that crashes or hangs on one formula (a fake, started through ``TexSettings``) costs
  that formula a located finding; the rest of the check goes on in a fresh worker.
* The cache: a warm ``check`` and a ``build`` after a check start no worker (a ``pykatex`` that
  aborts on import stands in for KaTeX there), render workers read what check typeset, and
  concurrent checks write the same entries without tearing one.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hardening.hardening_support import CLI, TODAY, small_project
from hardening.tex_gen import nested_tex
from support import load_base, write_content

from disclosure_gen.check.engine import CheckOptions, check_paths
from disclosure_gen.markup.math import MAX_TEX, TexSettings, nesting_problem, typesetter

FILES = 200
PER_FILE = 50  # the schema's maximum

#: Runs check in this fresh interpreter; prints the figures as JSON.
DRIVER = r"""
import json, re, resource, sys, time
from datetime import date
from pathlib import Path
from disclosure_gen.check.engine import CheckOptions, check_paths
from disclosure_gen.markup.math import typesetter
start = time.perf_counter()
checked = check_paths([Path(sys.argv[1])], CheckOptions(today=date.fromisoformat(sys.argv[2])))
seconds = time.perf_counter() - start
ts = typesetter()
ts.close()  # the worker is waited for, so its peak RSS is counted among the children
tex = [f.as_record() for f in checked.report.findings if f.code == "DG-TEX"]
print(json.dumps({
    "seconds": seconds,
    "input_errors": [str(e) for e in checked.input_errors],
    "tex": tex,
    "typeset": ts.typeset_count,
    "workers": ts.workers_started,
    "lost": ts.lost,
    "slowest": ts.slowest,
    # VmHWM, not ru_maxrss: Linux carries the peak of the process that spawned us across exec
    # (a pytest worker after a site build), so ru_maxrss is not this interpreter's own peak.
    "rss_check_mb": int(re.search(r"VmHWM:\s+(\d+)", Path("/proc/self/status").read_text())[1])
    / 1024,
    "rss_worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
}, ensure_ascii=False))
"""


def _formula(i: int, tex: str) -> dict[str, Any]:
    return {"id": f"f{i}", "title": {"zh": f"公式{i}"}, "tex": tex, "text": {"zh": "说明"}}


def _tex_lines(file: Path) -> dict[str, tuple[int, int]]:
    """``formulas[i].tex`` → (line, column) where its value starts, read independently."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    root = yaml.compose(file.read_text(encoding="utf-8"), Loader=loader)
    assert isinstance(root, yaml.MappingNode)
    out: dict[str, tuple[int, int]] = {}
    for key, value in root.value:
        if key.value == "formulas":
            for i, item in enumerate(value.value):
                for k, v in item.value:
                    if k.value == "tex":
                        out[f"formulas[{i}].tex"] = (v.start_mark.line + 1, v.start_mark.column + 1)
    return out


def test_ten_thousand_generated_formulas_through_check(tmp_path: Path) -> None:
    rng = random.Random(13)
    site, base = load_base()
    algos, sources = [], {}
    for n in range(FILES):
        algo = dict(base, id=f"tex-{n:03d}")
        texs = [nested_tex(rng.randrange, MAX_TEX) for _ in range(PER_FILE)]
        algo["formulas"] = [_formula(i, t) for i, t in enumerate(texs)]
        algos.append(algo)
        sources[algo["id"]] = texs
    content = write_content(tmp_path, site, [])
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    for algo in algos:
        text = yaml.dump(algo, Dumper=dumper, allow_unicode=True, sort_keys=False)
        (content / "algorithms" / f"{algo['id']}.yaml").write_text(text, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", DRIVER, str(content), TODAY],
        capture_output=True,
        text=True,
        timeout=900,
    )
    # A native crash anywhere would end the driver with a signal and no figures.
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout)
    assert result["input_errors"] == []
    total = FILES * PER_FILE
    kinds: Counter[str] = Counter()
    refused: dict[tuple[str, str], dict[str, Any]] = {}
    for finding in result["tex"]:
        refused[(Path(finding["file"]).stem, finding["path"])] = finding
        kinds[finding["message"].split("：")[0][:24]] += 1
    # Every refusal is located at its formula: the line and column where the TeX starts.
    for stem in {stem for stem, _ in refused}:
        lines = _tex_lines(content / "algorithms" / f"{stem}.yaml")
        for (file_stem, path), finding in refused.items():
            if file_stem == stem:
                assert (finding["line"], finding["column"]) == lines[path], (stem, path)
    # What the nesting bound refuses is refused as too deep, before KaTeX sees it.
    too_deep = {
        (stem, f"formulas[{i}].tex")
        for stem, texs in sources.items()
        for i, tex in enumerate(texs)
        if len(tex) <= MAX_TEX and nesting_problem(tex)
    }
    assert too_deep and all("嵌套过深" in refused[k]["message"] for k in too_deep)
    deaths = [why for why, _ in result["lost"] if why != "内部错误"]
    seconds, tex = result["slowest"]
    print(
        f"\n10,000 formulas through check: {result['seconds']:.1f} s;"
        f" {total - len(refused)} typeset, {len(refused)} refused (all located):"
        f" {dict(kinds.most_common(6))}; {result['typeset']} sent to KaTeX,"
        f" {result['workers']} workers started, {len(result['lost'])} ended after an internal"
        f" KaTeX error, {len(deaths)} died or hung; peak RSS check {result['rss_check_mb']:.0f} MB,"
        f" worker {result['rss_worker_mb']:.0f} MB; slowest formula {seconds * 1000:.0f} ms:"
        f" {tex[:70]!r}"
    )
    assert deaths == []
    assert len(refused) < total and result["typeset"] >= total // 2
    assert result["rss_check_mb"] < 500 and result["rss_worker_mb"] < 500


# --- fake workers --------------------------------------------------------------------------

FAKE = """
import os, sys, time
from disclosure_gen.markup import texworker
real = texworker.typeset
def typeset(tex, display):
    if "\\\\crash" in tex:
        os.abort()
    if "\\\\hang" in tex:
        time.sleep(3600)
    return real(tex, display)
texworker.typeset = typeset
texworker.main()
"""


@pytest.fixture
def fake_worker(tmp_path: Path) -> tuple[str, ...]:
    script = tmp_path / "fake_texworker.py"
    script.write_text(FAKE, encoding="utf-8")
    return (sys.executable, str(script))


@pytest.mark.parametrize(
    ("marker", "message"),
    [
        ("\\crash", "排版进程崩溃（信号 SIGABRT），该公式无法排版"),
        ("\\hang", "排版超过 2 秒未完成，该公式无法排版"),
    ],
    ids=["crash", "hang"],
)
def test_a_worker_that_dies_or_hangs_costs_one_located_finding(
    tmp_path: Path, fake_worker: tuple[str, ...], marker: str, message: str
) -> None:
    site, algo = load_base()
    texs = ["a + b", f"x {marker} y", "\\frac{1}{2}", f"{marker}", "c^2"]
    algo["formulas"] = [_formula(i, t) for i, t in enumerate(texs)]
    content = write_content(tmp_path, site, [algo])
    settings = TexSettings(timeout=2.0, worker=(*fake_worker, marker))
    checked = check_paths([content], CheckOptions(today=date.fromisoformat(TODAY), tex=settings))
    tex = {f.location.path: f for f in checked.report.findings if f.code == "DG-TEX"}
    assert {p: f.message for p, f in tex.items()} == {
        "formulas[1].tex": message,
        "formulas[3].tex": message,
    }
    lines = _tex_lines(content / "algorithms" / "base.yaml")
    assert all((f.location.line, f.location.column) == lines[p] for p, f in tex.items())
    # Each bad formula: its worker, then one fresh worker for the retry; the rest typeset.
    ts = typesetter(settings.timeout, settings.worker)
    assert ts.workers_started == 5
    assert [why for why, _ in ts.lost].count(message.split("，")[0]) == 4
    ts.close()


# --- the cache -----------------------------------------------------------------------------


@pytest.fixture
def poisoned(tmp_path: Path) -> dict[str, str]:
    """An environment whose ``pykatex`` aborts the process that imports it."""
    folder = tmp_path / "poison"
    folder.mkdir()
    (folder / "pykatex.py").write_text("import os\nos.abort()\n", encoding="utf-8")
    return {**os.environ, "PYTHONPATH": str(folder)}


def _cli(project: Path, *args: str, env: dict[str, str] | None = None) -> Any:
    return subprocess.run(
        [*CLI, *args], cwd=project, env=env, capture_output=True, text=True, timeout=600
    )


@pytest.fixture
def formula_project(tmp_path: Path) -> Iterator[Path]:
    project = small_project(tmp_path / "p")
    site, algo = load_base()
    algo["formulas"] = [_formula(i, f"S_{{{i}}} = \\sum_k P_k W_k^{{{i}}}") for i in range(20)]
    algo["formulas"][0]["symbols"] = [{"symbol": "P_k", "meaning": {"zh": "可能性"}}]
    write_content(project, site, [algo])
    yield project


def test_a_warm_check_and_a_build_after_it_typeset_nothing(
    formula_project: Path, poisoned: dict[str, str]
) -> None:
    cold = _cli(formula_project, "check", "--today", TODAY, "--format", "json")
    assert cold.returncode in (0, 1), cold.stderr
    entries = sorted((formula_project / ".disclosure-gen-cache" / "tex").glob("*.json"))
    assert len(entries) == 21  # 20 formulas and one symbol
    warm = _cli(formula_project, "check", "--today", TODAY, "--format", "json", env=poisoned)
    assert (warm.returncode, warm.stdout) == (cold.returncode, cold.stdout), warm.stderr
    built = _cli(formula_project, "build", "--today", TODAY, "--allow-errors", env=poisoned)
    assert built.returncode == 0, built.stderr[-2000:]
    page = (formula_project / "site" / "algorithms" / "base" / "index.html").read_text("utf-8")
    assert page.count('class="katex-display"') == 20
    # Control: without the cache the poisoned KaTeX is asked, and every formula fails.
    fresh = _cli(formula_project, "build", "--today", TODAY, "--no-cache", env=poisoned)
    assert fresh.returncode == 1 and "DG-TEX" in fresh.stderr


RENDER = """
import sys
from datetime import date
from pathlib import Path
from disclosure_gen.check.engine import CheckOptions, check_paths
from disclosure_gen.markup.math import TexSettings
from disclosure_gen.site.render import workers
content, cache = Path(sys.argv[1]), Path(sys.argv[2])
checked = check_paths([content], CheckOptions(today=date(2026, 11, 25), tex=TexSettings(cache)))
with workers.worker_pool(1) as pool:
    pages = workers.ParallelPages(
        pool, checked.algorithms, ["zh"], draft=True, svg_cache=None, jobs=1, tex_cache=cache
    )
    page = pages[(checked.algorithms[0].id, "zh")]
print(page.markdown.count('class="katex-display"'))
"""


def test_render_workers_read_what_check_typeset(
    formula_project: Path, poisoned: dict[str, str]
) -> None:
    cache = formula_project / ".disclosure-gen-cache" / "tex"
    content = formula_project / "content"
    cold = subprocess.run(
        [sys.executable, "-c", RENDER, str(content), str(cache)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert cold.returncode == 0 and cold.stdout.strip() == "20", cold.stderr[-2000:]
    # The spawned worker inherits the poisoned path: it could not typeset a single formula.
    warm = subprocess.run(
        [sys.executable, "-c", RENDER, str(content), str(cache)],
        capture_output=True,
        text=True,
        env=poisoned,
        timeout=600,
    )
    assert warm.returncode == 0 and warm.stdout.strip() == "20", warm.stderr[-2000:]


def test_concurrent_checks_share_the_cache_without_tearing_an_entry(tmp_path: Path) -> None:
    project = small_project(tmp_path / "p")
    site, algo = load_base()
    rng = random.Random(7)
    algo["formulas"] = [_formula(i, nested_tex(rng.randrange, 400)) for i in range(PER_FILE)]
    write_content(project, site, [algo])
    runs = [
        subprocess.Popen(
            [*CLI, "check", "--today", TODAY, "--format", "json"],
            cwd=project,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    outputs = [run.communicate(timeout=600) for run in runs]
    assert {run.returncode for run in runs} <= {0, 1}, [err for _, err in outputs]
    assert len({out for out, _ in outputs}) == 1  # the same report from each
    folder = project / ".disclosure-gen-cache" / "tex"
    entries = sorted(folder.iterdir())
    assert entries and all(p.suffix == ".json" for p in entries)  # no temp file left
    for entry in entries:
        record = json.loads(entry.read_bytes())
        assert set(record) in ({"html"}, {"error", "offset", "fix"}), entry
    # A later check reads them all and reports the same.
    again = _cli(project, "check", "--today", TODAY, "--format", "json")
    assert again.stdout == outputs[0][0]
