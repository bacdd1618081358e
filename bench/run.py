"""Benchmark disclosure-gen on synthetic catalogues against PyYAML and plain MkDocs, in one run.

    python bench/run.py [--sizes 10,100,1000] [--out bench/out] [--keep]

For each size N, ``synth.generate`` writes N algorithms cloned from the demo into ``OUT/N`` and
every figure below is measured there, in this run, as wall time of a fresh subprocess:

* ``check``: ``disclosure-gen check``, against a Python that only loads the same YAML files
  with PyYAML's C loader (the floor for reading them at all);
* ``build``: ``disclosure-gen build`` end to end (check, render, MkDocs, postcheck, swap), cold
  (no site, no SVG cache) and warm: the incremental rebuild CI does on every change, after one
  algorithm file changed, with the cache and site of the cold build; against
  ``python -m mkdocs build`` of the very Markdown and mkdocs.yml our build generates, and
  against a naive build of the same pages whose nav lists every algorithm page (our generator
  with an unlimited ``nav_page_limit``; ``--naive full`` also drops ``navigation.prune``, so
  every page embeds the whole nav, as a plain MkDocs setup does);
* growth: build seconds per algorithm;
* incremental: how many SVGs the warm rebuild drew, against those of the changed file;
* output: HTML bytes per algorithm page, the whole site in MB;
* memory: peak resident set of the whole process tree (sampled from /proc every 0.1 s).

A table (Markdown) and the goals of issue 8 follow. Nothing here reads a clock other than
``time.perf_counter``; the content is deterministic for a given N.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import generate

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-25"
#: The CLI in a fresh interpreter (works without the console script on PATH).
CLI = [sys.executable, "-c", "from disclosure_gen.cli import main; main()"]
#: Only read the files: PyYAML's C loader over every YAML file under the content folder.
YAML_ONLY = (
    "import pathlib, sys, yaml\n"
    "for p in sorted(pathlib.Path(sys.argv[1]).rglob('*.yaml')):\n"
    "    yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader)\n"
)
NAIVE_MODES = {
    "listed": "every algorithm page in the nav, navigation.prune on as the generator sets it",
    "full": "every algorithm page in the nav and no navigation.prune: every page has the whole nav",
}
#: Above this many algorithms the naive build (quadratic in pages) is skipped by default.
NAIVE_MAX = 1000
COLUMNS = (
    ("algos", "algorithms"),
    ("pages", "pages built"),
    ("check s", "disclosure-gen check"),
    ("YAML-C s", "PyYAML C loader over the same files"),
    ("check ×", "check / YAML-C (goal ≤ 1.5)"),
    ("cold s", "disclosure-gen build, no cache, no site"),
    ("warm s", "incremental rebuild: one file changed, cache and site of the cold build"),
    ("mkdocs s", "python -m mkdocs build of the generated project"),
    ("cold ×", "cold / mkdocs"),
    ("warm ×", "warm / mkdocs (goal ≤ 1.2)"),
    ("naive s", "mkdocs build, every algorithm in the nav (see --naive)"),
    ("naive ÷ warm", "naive / warm (goal ≥ 4 at 1,000)"),
    ("cold s/algo", "cold / algorithms"),
    ("warm s/algo", "warm / algorithms (goal: flat within 20 % from 100 up)"),
    ("SVGs redrawn", "SVGs the warm rebuild drew / SVGs of the changed algorithm"),
    ("KB/page", "HTML per algorithm page (zh and en)"),
    ("site MB", "the whole built site"),
    ("RSS MB", "peak resident set of the whole process tree, cold or warm build"),
)


@dataclass
class Row:
    size: int
    values: dict[str, str] = field(default_factory=dict)
    numbers: dict[str, float] = field(default_factory=dict)

    def put(self, key: str, number: float | None, text: str | None = None) -> None:
        if number is not None:
            self.numbers[key] = number
        self.values[key] = text if text is not None else _fmt(number)


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_rss_mb: float
    stdout: str
    stderr: str


def _fmt(number: float | None) -> str:
    if number is None:
        return "—"
    if number >= 100:
        return f"{number:.0f}"
    if number >= 10:
        return f"{number:.1f}"
    if number >= 0.1:
        return f"{number:.2f}"
    return f"{number:.3f}"


class _TreeRss:
    """Samples the summed VmRSS of a process and its descendants until stopped."""

    def __init__(self, pid: int, interval: float = 0.1) -> None:
        self.pid = pid
        self.interval = interval
        self.peak_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def __enter__(self) -> _TreeRss:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.peak_kb = max(self.peak_kb, sum(_rss_kb(p) for p in _tree(self.pid)))
            self._stop.wait(self.interval)


def _tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        current = todo.pop()
        pids.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as fh:
                    todo += [int(c) for c in fh.read().split()]
        except OSError:
            continue
    return pids


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def run(argv: Sequence[str], cwd: Path, env: dict[str, str] | None = None, ok=(0,)) -> Run:
    """Run one command and time it; stop the benchmark if it fails."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        list(argv),
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    with _TreeRss(proc.pid) as rss:
        out, err = proc.communicate()
    seconds = time.perf_counter() - start
    if proc.returncode not in ok:
        raise SystemExit(f"bench: {' '.join(argv[-4:])} exited {proc.returncode}\n{out}\n{err}")
    return Run(seconds, rss.peak_kb / 1024, out, err)


def median_run(times: int, make: Callable[[], Run]) -> float:
    return statistics.median(make().seconds for _ in range(times))


def startup_seconds(times: int = 7) -> tuple[float, str]:
    """Median wall time of ``disclosure-gen --help`` (the console script when installed)."""
    script = shutil.which("disclosure-gen")
    argv = [script, "--help"] if script else [*CLI, "--help"]
    return median_run(times, lambda: run(argv, ROOT)), "disclosure-gen" if script else "python -c"


def mkdocs_env() -> dict[str, str]:
    """The environment our build gives MkDocs, so the comparison differs only in the build."""
    from disclosure_gen.site.build import ssg_env

    return ssg_env(os.environ, 0)


def cache_entries(project: Path) -> set[str]:
    folder = project / ".disclosure-gen-cache" / "svg"
    return {p.name for p in folder.glob("*.bin")} if folder.is_dir() else set()


def page_sizes(site: Path) -> tuple[int, float, int]:
    """(pages, mean bytes of an algorithm page, total site bytes)."""
    pages = list(site.rglob("*.html"))
    algos = [
        p
        for prefix in ("algorithms", "en/algorithms")
        for p in (site / prefix).glob("*/index.html")
    ]
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    mean = statistics.mean(p.stat().st_size for p in algos) if algos else 0.0
    return len([p for p in pages if p.name == "index.html"]), mean, total


def change_one_file(content: Path) -> tuple[str, int]:
    """Edit the first algorithm that has a chart: a chart value and a mechanism step.

    Returns its id and how many SVGs its pages have (a chart and a diagram per language).
    """
    for path in sorted((content / "algorithms").glob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        if data.get("charts") and data.get("mechanisms"):
            break
    else:
        raise SystemExit("bench: no algorithm with a chart to change")
    data["charts"][0]["series"][0]["values"][0] += 1
    step = data["mechanisms"][0]["title"]
    step["zh"] = step["zh"] + "（已更新）"
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    path.write_text(text, encoding="utf-8")
    languages = 2
    return data["id"], languages * (len(data["charts"]) + 1)


def write_projects(work: Path, content: Path, naive_mode: str) -> None:
    """The project our build hands MkDocs, and beside its mkdocs.yml a naive ``naive.yml``.

    Rendered through the library, as ``disclosure-gen build`` renders it (same check, user
    choices, history and SVG cache). ``naive.yml`` lists every algorithm page in the nav; in
    ``full`` mode it also drops ``navigation.prune``, so every page carries the whole nav: what
    a plain MkDocs setup does, and what the generator's index-page nav avoids (design §4.9).
    """
    from datetime import date

    from disclosure_gen.check.engine import CheckOptions, check_paths
    from disclosure_gen.check.findings import Severity
    from disclosure_gen.publish.history import read_history
    from disclosure_gen.site import output
    from disclosure_gen.site.build import read_user_config
    from disclosure_gen.site.render.pages import CATEGORY_SLUGS, static_assets
    from disclosure_gen.site.render.project import (
        LANG_NAMES,
        ProjectOptions,
        build_project,
        dump_config,
        project_config,
    )

    jobs = os.cpu_count() or 1
    checked = check_paths([content], CheckOptions(today=date.fromisoformat(TODAY), jobs=jobs))
    site = checked.site
    if site is None or checked.input_errors or checked.report.fails(Severity.ERROR):
        raise SystemExit("bench: the synthetic content does not pass check")
    options = ProjectOptions(
        user=read_user_config(work / "mkdocs.yml", content),
        history=read_history(content, site, os.environ),
        jobs=jobs,
    )
    cache = output.DiskCache(work / ".disclosure-gen-cache" / "svg")
    project = build_project(site, checked.algorithms, options=options, svg_cache=cache)
    output.write_tree(work / "project", project.tree())

    def config(nav_page_limit: int) -> dict:
        return project_config(
            site,
            checked.algorithms,
            project.pages,
            statics=list(static_assets()),
            slugs=CATEGORY_SLUGS,
            options=replace(options, nav_page_limit=nav_page_limit),
            languages=[lang for lang in LANG_NAMES if lang in site.site.languages] or ["zh"],
        )

    if config(options.nav_page_limit) != project.config:
        raise SystemExit("bench: cannot reproduce the generated mkdocs.yml")
    naive = config(10**9)
    if naive_mode == "full":
        naive["theme"]["features"].remove("navigation.prune")
    (work / "project" / "naive.yml").write_bytes(dump_config(naive))


def measure(
    size: int, out: Path, *, naive_max: int, naive_mode: str, say: Callable[[str], None]
) -> Row:
    row = Row(size)
    work = out / str(size)
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    content = generate(size, work)
    shutil.copy2(ROOT / "mkdocs.yml", work / "mkdocs.yml")
    repeat = 3 if size <= 10 else 1
    row.put("algos", size, str(size))

    say(f"[{size}] check")
    check = median_run(repeat, lambda: run([*CLI, "check", "--today", TODAY], work))
    load = median_run(repeat, lambda: run([sys.executable, "-c", YAML_ONLY, str(content)], work))
    row.put("check s", check)
    row.put("YAML-C s", load)
    row.put("check ×", check / load)

    say(f"[{size}] build (cold)")
    cold = run([*CLI, "build", "--today", TODAY], work)
    pages, page_bytes, site_bytes = page_sizes(work / "site")
    row.put("pages", pages, str(pages))
    row.put("cold s", cold.seconds)
    row.put("cold s/algo", cold.seconds / size)
    row.put("KB/page", page_bytes / 1000)
    row.put("site MB", site_bytes / 1e6)

    say(f"[{size}] plain mkdocs")
    write_projects(work, content, naive_mode)
    env = mkdocs_env()
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"]
    plain = run([*mkdocs, "-f", "project/mkdocs.yml", "-d", str(work / "plain-site")], work, env)
    row.put("mkdocs s", plain.seconds)
    row.put("cold ×", cold.seconds / plain.seconds)
    row.numbers["mkdocs RSS MB"] = plain.peak_rss_mb
    shutil.rmtree(work / "plain-site", ignore_errors=True)

    if size <= naive_max:
        say(f"[{size}] naive mkdocs (every algorithm in the nav, {naive_mode})")
        naive = run([*mkdocs, "-f", "project/naive.yml", "-d", str(work / "naive-site")], work, env)
        row.put("naive s", naive.seconds)
        shutil.rmtree(work / "naive-site", ignore_errors=True)

    say(f"[{size}] build (warm: one file changed)")
    before = cache_entries(work)
    changed, svgs = change_one_file(content)
    warm = run([*CLI, "build", "--today", TODAY], work)
    redrawn = len(cache_entries(work) - before)
    row.put("warm s", warm.seconds)
    row.put("warm ×", warm.seconds / plain.seconds)
    row.put("warm s/algo", warm.seconds / size)
    row.put("SVGs redrawn", redrawn, f"{redrawn} / {svgs}")
    row.put("RSS MB", max(cold.peak_rss_mb, warm.peak_rss_mb))
    row.numbers["changed svgs"] = svgs
    row.values["changed"] = changed
    if size <= naive_max:
        row.put("naive ÷ warm", naive.seconds / warm.seconds)
    else:
        row.put("naive s", None)
        row.put("naive ÷ warm", None)
    return row


def table(rows: Sequence[Row]) -> str:
    heads = [c for c, _ in COLUMNS]
    lines = ["| " + " | ".join(heads) + " |", "|" + "|".join("---:" for _ in heads) + "|"]
    lines += ["| " + " | ".join(r.values.get(h, "—") for h in heads) + " |" for r in rows]
    return "\n".join(lines)


def goals(rows: Sequence[Row], startup: float) -> list[str]:
    """Each goal of issue 8 with the measured figures and whether they meet it."""

    def mark(ok: bool) -> str:
        return "met" if ok else "NOT met"

    out: list[str] = []
    checks = [r.numbers["check ×"] for r in rows]
    out.append(f"check ≤ 1.5× YAML-C: {_series(rows, 'check ×')} → {mark(max(checks) <= 1.5)}")
    warm = [r.numbers["warm ×"] for r in rows]
    out.append(f"warm build ≤ 1.2× mkdocs: {_series(rows, 'warm ×')} → {mark(max(warm) <= 1.2)}")
    cold = [r.numbers["cold ×"] for r in rows]
    out.append(f"cold build ≤ 1.2× mkdocs: {_series(rows, 'cold ×')} → {mark(max(cold) <= 1.2)}")
    at_1000 = [r for r in rows if r.size >= 1000 and "naive ÷ warm" in r.numbers]
    if at_1000:
        speed = at_1000[0].numbers["naive ÷ warm"]
        out.append(f"naive nav ≥ 4× slower at {at_1000[0].size}: {speed:.2f}× → {mark(speed >= 4)}")
    else:
        out.append("naive nav ≥ 4× at 1,000: not measured (add 1000 to --sizes)")
    grown = [r for r in rows if r.size >= 100]
    for key in ("warm s/algo", "cold s/algo"):
        if len(grown) >= 2:
            per = [r.numbers[key] for r in grown]
            spread = max(per) / min(per) - 1
            out.append(
                f"{key} flat within 20 % from 100 up: {_series(grown, key)} "
                f"(spread {spread:.0%}) → {mark(spread <= 0.2)}"
            )
    exact = all(r.numbers["SVGs redrawn"] <= r.numbers["changed svgs"] for r in rows)
    out.append(
        f"incremental redraws only the changed file's SVGs: {_series(rows, 'SVGs redrawn')}"
        f" → {mark(exact)}"
    )
    out.append(f"`disclosure-gen --help` < 0.3 s: {startup:.3f} s → {mark(startup < 0.3)}")
    return out


def _series(rows: Sequence[Row], key: str) -> str:
    return ", ".join(f"{r.values[key]} @{r.size}" for r in rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10,100,1000", help="comma-separated algorithm counts")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out", help="work folder")
    parser.add_argument("--keep", action="store_true", help="keep each size's work folder")
    parser.add_argument(
        "--naive",
        choices=("listed", "full"),
        default="listed",
        help="naive nav: every algorithm listed (listed), and no navigation.prune either (full)",
    )
    parser.add_argument(
        "--naive-max",
        type=int,
        default=NAIVE_MAX,
        help=f"skip the quadratic naive build above this size (default {NAIVE_MAX})",
    )
    args = parser.parse_args(argv)
    try:
        sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        parser.error("--sizes takes comma-separated whole numbers")
    if not sizes or min(sizes) < 1:
        parser.error("--sizes needs at least one size ≥ 1")
    start = time.perf_counter()

    def say(message: str) -> None:
        print(f"bench: {message} ({time.perf_counter() - start:.0f} s)", file=sys.stderr)

    out = args.out.absolute()
    startup, how = startup_seconds()
    rows = []
    for size in sizes:
        rows.append(measure(size, out, naive_max=args.naive_max, naive_mode=args.naive, say=say))
        if not args.keep:
            shutil.rmtree(out / str(size), ignore_errors=True)
    print(f"## disclosure-gen benchmark ({os.cpu_count()} CPUs, Python {sys.version.split()[0]})")
    print()
    print(table(rows))
    print()
    for head, meaning in COLUMNS:
        print(f"- {head}: {meaning}")
    print(f"- naive mode: {args.naive} ({NAIVE_MODES[args.naive]})")
    print(f"- start-up: median of 7 `{how} --help` runs: {startup:.3f} s")
    print()
    print("### Goals")
    print()
    for line in goals(rows, startup):
        print(f"- {line}")
    print()
    print(f"Whole run: {time.perf_counter() - start:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
