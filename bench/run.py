"""Benchmark disclosure-gen on synthetic catalogues against PyYAML and plain MkDocs, in one run.

    python bench/run.py [--sizes 1000,5000] [--out bench/out] [--keep] [--naive listed|full]

For each size N, ``synth.generate`` writes N algorithms cloned from the demo into ``OUT/N`` and
every figure below is measured there, in this run, as wall time of a fresh subprocess:

* ``check``: ``disclosure-gen check`` cold (no ``.disclosure-gen-cache/``) and warm (the cache of
  the cold run), against a Python that only loads the same YAML files with PyYAML's C loader
  (the floor for reading them at all);
* ``build``: ``disclosure-gen build`` end to end (check, render, SSG, postcheck, swap): cold (no
  site, no cache), warm (run again, nothing changed) and after one algorithm file changed (a
  chart value and a mechanism step, with the cache and site of the builds before: what CI does
  on a push); against ``python -m mkdocs build --strict`` of the very Markdown and mkdocs.yml
  of the same content, rendered independently through the library (no page cache);
* identity: every file of our site against that plain MkDocs site, byte for byte, after the
  cold, the warm and the incremental build; any difference makes the run exit 1;
* growth: seconds per algorithm; output: HTML per algorithm page, the site in MB; pages the
  incremental build rendered and SVGs it drew;
* memory: peaks of the summed VmRSS and Pss of the whole process tree (sampled from /proc
  every 0.1 s);
* profile: the phase lines the build prints (render, write, ssg, postcheck, swap; the rest is
  start-up and check).

``--naive listed|full`` adds the naive MkDocs build of issue 8 (every algorithm page in the nav;
``full`` also without ``navigation.prune``). A table (Markdown) and the goals of issue 14
follow. Nothing here reads a clock other than ``time.perf_counter``; the content is
deterministic for a given N.
"""

from __future__ import annotations

import argparse
import os
import re
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
#: Above this many algorithms the naive build (quadratic in pages) is skipped.
NAIVE_MAX = 1000
PHASES = ("render", "write", "ssg", "postcheck", "swap")
COLUMNS = (
    ("algos", "algorithms"),
    ("pages", "pages built"),
    ("check cold s", "disclosure-gen check, no cache"),
    ("check s", "disclosure-gen check again, with the cache of the cold run"),
    ("YAML-C s", "PyYAML C loader over the same files"),
    ("check ×", "check (warm) / YAML-C (goal ≤ 1.5)"),
    ("mkdocs s", "python -m mkdocs build --strict of the same Markdown"),
    ("cold s", "disclosure-gen build, no cache, no site"),
    ("cold ×", "cold / mkdocs (goal ≤ 1.2)"),
    ("warm s", "disclosure-gen build again, nothing changed"),
    ("warm ×", "warm / mkdocs (goal ≤ 0.2)"),
    ("change s", "disclosure-gen build after one algorithm file changed"),
    ("change ×", "change / mkdocs of the changed Markdown (goal ≤ 0.1)"),
    ("rendered", "pages the incremental build rendered / pages"),
    ("SVGs redrawn", "SVGs the incremental build drew / SVGs of the changed algorithm"),
    ("cold ms/algo", "cold / algorithms"),
    ("change ms/algo", "change / algorithms"),
    ("KB/page", "HTML per algorithm page (zh and en)"),
    ("site MB", "the whole built site"),
    (
        "RSS MB",
        "peak of the summed resident sets of the build's process tree, over our three builds"
        " (pages forked workers share with their parent count once per process)",
    ),
    (
        "PSS MB",
        "peak of the summed proportional set sizes of the same tree (shared pages divided"
        " among the processes sharing them): the memory the build really holds"
        " (goal ≤ 2 GB at 5,000)",
    ),
    ("identical", "our sites equal plain MkDocs' file by file (cold, warm, change)"),
)


@dataclass
class Row:
    size: int
    values: dict[str, str] = field(default_factory=dict)
    numbers: dict[str, float] = field(default_factory=dict)
    #: build → phase → seconds, from the lines the build prints
    phases: dict[str, dict[str, float]] = field(default_factory=dict)
    #: build → the SSG's own steps, as it prints them
    steps: dict[str, str] = field(default_factory=dict)
    differences: list[str] = field(default_factory=list)

    def put(self, key: str, number: float | None, text: str | None = None) -> None:
        if number is not None:
            self.numbers[key] = number
        self.values[key] = text if text is not None else _fmt(number)


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_rss_mb: float
    peak_pss_mb: float
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
    """Samples the summed VmRSS and Pss of a process and its descendants until stopped."""

    def __init__(self, pid: int, interval: float = 0.1) -> None:
        self.pid = pid
        self.interval = interval
        self.peak_kb = 0
        self.peak_pss_kb = 0
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
            pids = _tree(self.pid)
            self.peak_kb = max(self.peak_kb, sum(_rss_kb(p) for p in pids))
            self.peak_pss_kb = max(self.peak_pss_kb, sum(_pss_kb(p) for p in pids))
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
    return _proc_kb(f"/proc/{pid}/status", "VmRSS:")


def _pss_kb(pid: int) -> int:
    # Forked workers share their parent's pages until they write them: VmRSS counts such a
    # page in every process, Pss divides it among them.
    return _proc_kb(f"/proc/{pid}/smaps_rollup", "Pss:")


def _proc_kb(path: str, key: str) -> int:
    """The kB figure of ``key`` in a /proc file; 0 once the process is gone."""
    try:
        with open(path) as fh:
            for line in fh:
                if line.startswith(key):
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
    return Run(seconds, rss.peak_kb / 1024, rss.peak_pss_kb / 1024, out, err)


def median_run(times: int, make: Callable[[], Run]) -> float:
    return statistics.median(make().seconds for _ in range(times))


def startup_seconds(times: int = 7) -> tuple[float, str]:
    """Median wall time of ``disclosure-gen --help`` (the console script when installed)."""
    script = shutil.which("disclosure-gen")
    argv = [script, "--help"] if script else [*CLI, "--help"]
    return median_run(times, lambda: run(argv, ROOT)), "disclosure-gen" if script else "python -c"


def mkdocs_env(epoch: int) -> dict[str, str]:
    """The environment our build gives MkDocs, so the comparison differs only in the build."""
    from disclosure_gen.site.build import ssg_env

    return ssg_env(os.environ, epoch)


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


def write_project(work: Path, content: Path, folder: str, naive_mode: str | None) -> int:
    """Render the project our build hands MkDocs into ``work/folder``; returns its epoch.

    Through the library as ``disclosure-gen build`` renders it (same check, user choices,
    history and SVG cache) but without the page cache, so the incremental build is compared
    with an independent render. With ``naive_mode``, a ``naive.yml`` beside its mkdocs.yml
    lists every algorithm page in the nav; ``full`` also drops ``navigation.prune``, so every
    page carries the whole nav (design §4.9).
    """
    from datetime import date

    from disclosure_gen.check.engine import CheckOptions, check_paths
    from disclosure_gen.check.findings import Severity
    from disclosure_gen.publish.history import read_history
    from disclosure_gen.site import output
    from disclosure_gen.site.build import read_user_config, source_date_epoch
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
    shutil.rmtree(work / folder, ignore_errors=True)
    output.write_tree(work / folder, project.tree())

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
    if naive_mode is not None:
        naive = config(10**9)
        if naive_mode == "full":
            naive["theme"]["features"].remove("navigation.prune")
        (work / folder / "naive.yml").write_bytes(dump_config(naive))
    return source_date_epoch(checked.algorithms)


def differences(ours: Path, theirs: Path) -> list[str]:
    """Paths whose bytes differ between two trees, or that only one has."""

    def files(root: Path) -> dict[str, Path]:
        return {p.relative_to(root).as_posix(): p for p in root.rglob("*") if p.is_file()}

    a, b = files(ours), files(theirs)
    out = sorted(set(a) ^ set(b))
    for rel in sorted(set(a) & set(b)):
        pa, pb = a[rel], b[rel]
        if pa.stat().st_size != pb.stat().st_size or pa.read_bytes() != pb.read_bytes():
            out.append(rel)
    return out


def phases(stderr: str) -> dict[str, float]:
    """The phase lines ``disclosure-gen build`` prints for large catalogues."""
    found = {}
    for name, seconds in re.findall(r"^build: (\w+) ([\d.]+) s$", stderr, re.MULTILINE):
        if name in PHASES:
            found[name] = float(seconds)
    return found


def driver_steps(stderr: str) -> str:
    """The incremental SSG's own steps (``step=seconds``), when it ran."""
    match = re.search(r"^build: mkdocs_driver (.*)$", stderr, re.MULTILINE)
    return match.group(1) if match else ""


def rendered(stderr: str) -> int | None:
    match = re.search(r"^build: (\d+) 页（重新渲染 (\d+) 页）", stderr, re.MULTILINE)
    return int(match.group(2)) if match else None


def plain_mkdocs(work: Path, folder: str, epoch: int, name: str = "mkdocs.yml") -> Run:
    argv = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"]
    out = work / f"{folder}-site"
    shutil.rmtree(out, ignore_errors=True)
    return run([*argv, "-f", f"{folder}/{name}", "-d", str(out)], work, mkdocs_env(epoch))


def measure(size: int, out: Path, *, naive_mode: str | None, say: Callable[[str], None]) -> Row:
    row = Row(size)
    work = out / str(size)
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    content = generate(size, work)
    shutil.copy2(ROOT / "mkdocs.yml", work / "mkdocs.yml")
    cache = work / ".disclosure-gen-cache"
    row.put("algos", size, str(size))
    build = [*CLI, "build", "--today", TODAY]

    say(f"[{size}] check (cold, then warm)")
    check = [*CLI, "check", "--today", TODAY]
    cold_check = run(check, work, ok=(0, 1))
    warm_check = run(check, work, ok=(0, 1))
    load = run([sys.executable, "-c", YAML_ONLY, str(content)], work)
    row.put("check cold s", cold_check.seconds)
    row.put("check s", warm_check.seconds)
    row.put("YAML-C s", load.seconds)
    row.put("check ×", warm_check.seconds / load.seconds)

    say(f"[{size}] build (cold)")
    shutil.rmtree(cache, ignore_errors=True)
    cold = run(build, work)
    pages, page_bytes, site_bytes = page_sizes(work / "site")
    row.put("pages", pages, str(pages))
    row.put("cold s", cold.seconds)
    row.put("cold ms/algo", cold.seconds / size * 1000)
    row.put("KB/page", page_bytes / 1000)
    row.put("site MB", site_bytes / 1e6)
    row.phases["cold"] = phases(cold.stderr)
    row.steps["cold"] = driver_steps(cold.stderr)

    say(f"[{size}] plain mkdocs")
    epoch = write_project(work, content, "project", naive_mode)
    plain = plain_mkdocs(work, "project", epoch)
    row.put("mkdocs s", plain.seconds)
    row.put("cold ×", cold.seconds / plain.seconds)
    row.numbers["mkdocs RSS MB"] = plain.peak_rss_mb
    row.numbers["mkdocs PSS MB"] = plain.peak_pss_mb
    row.differences += [f"cold: {d}" for d in differences(work / "site", work / "project-site")]
    if naive_mode is not None and size <= NAIVE_MAX:
        say(f"[{size}] naive mkdocs (every algorithm in the nav, {naive_mode})")
        naive = plain_mkdocs(work, "project", epoch, "naive.yml")
        row.numbers["naive s"] = naive.seconds

    say(f"[{size}] build (warm: nothing changed)")
    warm = run(build, work)
    row.put("warm s", warm.seconds)
    row.put("warm ×", warm.seconds / plain.seconds)
    row.phases["warm"] = phases(warm.stderr)
    row.steps["warm"] = driver_steps(warm.stderr)
    row.differences += [f"warm: {d}" for d in differences(work / "site", work / "project-site")]
    shutil.rmtree(work / "project-site", ignore_errors=True)

    say(f"[{size}] build (one file changed)")
    before = cache_entries(work)
    changed, svgs = change_one_file(content)
    change = run(build, work)
    redrawn = len(cache_entries(work) - before)
    row.put("change s", change.seconds)
    row.put("change ms/algo", change.seconds / size * 1000)
    row.phases["change"] = phases(change.stderr)
    row.steps["change"] = driver_steps(change.stderr)
    redone = rendered(change.stderr)
    row.put("rendered", redone, f"{redone} / {pages}" if redone is not None else "—")
    row.put("SVGs redrawn", redrawn, f"{redrawn} / {svgs}")
    row.numbers["changed svgs"] = svgs
    row.values["changed"] = changed

    say(f"[{size}] plain mkdocs (the changed Markdown)")
    epoch = write_project(work, content, "changed", None)
    plain_changed = plain_mkdocs(work, "changed", epoch)
    row.put("change ×", change.seconds / plain_changed.seconds)
    row.differences += [f"change: {d}" for d in differences(work / "site", work / "changed-site")]
    builds = {"cold": cold, "warm": warm, "change": change}
    for name, done in builds.items():
        row.numbers[f"{name} RSS MB"] = done.peak_rss_mb
        row.numbers[f"{name} PSS MB"] = done.peak_pss_mb
    row.put("RSS MB", max(b.peak_rss_mb for b in builds.values()))
    row.put("PSS MB", max(b.peak_pss_mb for b in builds.values()))
    row.put("identical", None, "no" if row.differences else "yes")
    return row


def table(rows: Sequence[Row]) -> str:
    heads = [c for c, _ in COLUMNS]
    lines = ["| " + " | ".join(heads) + " |", "|" + "|".join("---:" for _ in heads) + "|"]
    lines += ["| " + " | ".join(r.values.get(h, "—") for h in heads) + " |" for r in rows]
    return "\n".join(lines)


def profile(rows: Sequence[Row]) -> str:
    """Phase seconds of each build; "other" is start-up, check and reading git history."""
    heads = ["algos", "build", "total s", *PHASES, "other", "RSS MB", "PSS MB"]
    lines = ["| " + " | ".join(heads) + " |", "|" + "|".join("---:" for _ in heads) + "|"]
    for r in rows:
        for build in ("cold", "warm", "change"):
            found = r.phases.get(build, {})
            if not found:
                continue
            total = r.numbers[f"{build} s"]
            cells = [str(r.size), build, _fmt(total)]
            cells += [_fmt(found.get(p)) if p in found else "—" for p in PHASES]
            cells.append(_fmt(total - sum(found.values())))
            cells += [_fmt(r.numbers.get(f"{build} {m} MB")) for m in ("RSS", "PSS")]
            lines.append("| " + " | ".join(cells) + " |")
    for r in rows:
        for build, steps in r.steps.items():
            if steps:
                lines.append(f"\nssg of the {build} build @{r.size} (mkdocs_driver): {steps}")
    return "\n".join(lines)


def goals(rows: Sequence[Row], startup: float) -> list[str]:
    """Each goal of issue 14 with the measured figures and whether they meet it."""

    def mark(ok: bool) -> str:
        return "met" if ok else "NOT met"

    def at_most(key: str, limit: float, what: str) -> str:
        worst = max(r.numbers[key] for r in rows)
        return f"{what}: {_series(rows, key)} → {mark(worst <= limit)}"

    out = [
        at_most("change ×", 0.1, "one file changed ≤ 0.1× mkdocs"),
        at_most("warm ×", 0.2, "warm full build (nothing changed) ≤ 0.2× mkdocs"),
        at_most("cold ×", 1.2, "cold build ≤ 1.2× mkdocs"),
        at_most("check ×", 1.5, "warm check ≤ 1.5× YAML-C")
        + f" (cold check: {_series(rows, 'check cold s')} s)",
    ]
    big = [r for r in rows if r.size >= 1000]
    if len(big) >= 2:
        # Linear or better: time per algorithm may fall with size (fixed costs spread over
        # more algorithms), not rise by more than 20 %. Plain MkDocs' own growth is beside it.
        small, large = min(big, key=lambda r: r.size), max(big, key=lambda r: r.size)

        def growth(key: str) -> float:
            per = [
                r.numbers[key] / r.size if key == "mkdocs s" else r.numbers[key]
                for r in (small, large)
            ]
            return per[1] / per[0] - 1

        mkdocs_growth = growth("mkdocs s")
        for key in ("cold ms/algo", "change ms/algo"):
            out.append(
                f"{key} grows at most 20 % from 1,000 up: {_series(big, key)}"
                f" ({growth(key):+.1%}; plain MkDocs {mkdocs_growth:+.1%})"
                f" → {mark(growth(key) <= 0.2)}"
            )
    else:
        out.append("linear growth: not measured (needs two sizes from 1,000 up)")
    at_5000 = [r for r in rows if r.size >= 5000]
    if at_5000:
        pss, rss = at_5000[0].numbers["PSS MB"], at_5000[0].numbers["RSS MB"]
        out.append(
            f"peak memory ≤ 2 GB at {at_5000[0].size}: PSS {pss:.0f} MB (summed RSS {rss:.0f} MB)"
            f" → {mark(pss <= 2048)}"
        )
    else:
        out.append(f"peak memory ≤ 2 GB at 5,000: not measured ({_series(rows, 'PSS MB')} MB)")
    same = all(not r.differences for r in rows)
    out.append(f"incremental output equals a full build, file by file → {mark(same)}")
    exact = all(r.numbers["SVGs redrawn"] <= r.numbers["changed svgs"] for r in rows)
    out.append(
        f"incremental redraws only the changed file's SVGs: {_series(rows, 'SVGs redrawn')}"
        f" → {mark(exact)}"
    )
    out.append(f"`disclosure-gen --help` < 0.3 s: {startup:.3f} s → {mark(startup < 0.3)}")
    return out


def _series(rows: Sequence[Row], key: str) -> str:
    return ", ".join(f"{r.values.get(key, _fmt(r.numbers.get(key)))} @{r.size}" for r in rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,5000", help="comma-separated algorithm counts")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out", help="work folder")
    parser.add_argument("--keep", action="store_true", help="keep each size's work folder")
    parser.add_argument(
        "--naive",
        choices=("listed", "full"),
        default=None,
        help="also time the naive nav of issue 8 (up to 1,000 algorithms)",
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
        rows.append(measure(size, out, naive_mode=args.naive, say=say))
        if not args.keep:
            shutil.rmtree(out / str(size), ignore_errors=True)
    print(f"## disclosure-gen benchmark ({os.cpu_count()} CPUs, Python {sys.version.split()[0]})")
    print()
    print(table(rows))
    print()
    for head, meaning in COLUMNS:
        print(f"- {head}: {meaning}")
    print(f"- start-up: median of 7 `{how} --help` runs: {startup:.3f} s")
    for r in rows:
        if "naive s" in r.numbers:
            print(
                f"- naive ({args.naive}, {NAIVE_MODES[args.naive]}) @{r.size}: "
                f"{r.numbers['naive s']:.1f} s"
            )
        print(
            f"- plain mkdocs peak RSS / PSS @{r.size}: {r.numbers['mkdocs RSS MB']:.0f}"
            f" / {r.numbers['mkdocs PSS MB']:.0f} MB"
        )
    print()
    print("### Profile (seconds per phase, as the build prints them)")
    print()
    print(profile(rows))
    print()
    print("### Goals")
    print()
    for line in goals(rows, startup):
        print(f"- {line}")
    for r in rows:
        for difference in r.differences[:20]:
            print(f"- DIFFERS @{r.size}: {difference}")
    print()
    print(f"Whole run: {time.perf_counter() - start:.0f} s")
    return 1 if any(r.differences for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
