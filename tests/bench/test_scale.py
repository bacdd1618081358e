"""The large-catalogue paths give exactly what the in-process paths give.

Worker processes for check and render, and the postcheck that runs while MkDocs writes, only
change how long things take: these tests compare their results with the sequential ones on a
synthetic catalogue just above the thresholds.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from datetime import date
from pathlib import Path

import pytest

from disclosure_gen.check.engine import PARALLEL_FROM as CHECK_FROM
from disclosure_gen.check.engine import CheckOptions, check_paths
from disclosure_gen.site.build import BuildOptions, build_site
from disclosure_gen.site.mkdocs_incremental import FORK_FROM
from disclosure_gen.site.postcheck import EarlyScan, postcheck
from disclosure_gen.site.render.project import ProjectOptions, build_project
from disclosure_gen.site.render.workers import PARALLEL_FROM as RENDER_FROM

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

from synth import generate  # noqa: E402

TODAY = date(2026, 11, 25)


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(max(CHECK_FROM, RENDER_FROM), tmp_path_factory.mktemp("synth"))


def test_check_in_workers_equals_check_in_process(content: Path) -> None:
    one = check_paths([content], CheckOptions(today=TODAY, jobs=1))
    two = check_paths([content], CheckOptions(today=TODAY, jobs=2))
    assert len(one.algorithms) == CHECK_FROM
    assert two.report == one.report
    assert two.algorithms == one.algorithms
    assert two.input_errors == one.input_errors


def test_check_in_workers_reports_broken_files_in_order(tmp_path: Path) -> None:
    folder = generate(CHECK_FROM, tmp_path)
    files = sorted((folder / "algorithms").glob("*.yaml"))
    files[3].write_text("id: [unclosed\n", encoding="utf-8")
    files[-2].write_text("id: 3\n", encoding="utf-8")
    one = check_paths([folder], CheckOptions(today=TODAY, jobs=1))
    two = check_paths([folder], CheckOptions(today=TODAY, jobs=2))
    assert one.input_errors and two.input_errors == one.input_errors
    assert two.report == one.report and any(f.code == "DG-SCHEMA" for f in two.report.findings)


def test_pages_rendered_by_workers_equal_pages_rendered_here(content: Path) -> None:
    checked = check_paths([content], CheckOptions(today=TODAY))
    assert checked.site is not None
    here_cache: dict[str, bytes] = {}
    workers_cache: dict[str, bytes] = {}
    here = build_project(
        checked.site, checked.algorithms, options=ProjectOptions(jobs=1), svg_cache=here_cache
    )
    there = build_project(
        checked.site, checked.algorithms, options=ProjectOptions(jobs=2), svg_cache=workers_cache
    )
    assert there.tree() == here.tree()
    assert workers_cache == here_cache
    # A warm cache is read, not redrawn: poisoned entries show up in the pages.
    poisoned = dict.fromkeys(workers_cache, b'<svg viewBox="0 0 1 1"/>')
    again = build_project(
        checked.site, checked.algorithms, options=ProjectOptions(jobs=2), svg_cache=poisoned
    )
    assert {v for k, v in again.tree().items() if k.endswith(".svg")} == {
        b'<svg viewBox="0 0 1 1"/>'
    }


def test_pages_from_workers_through_the_page_cache_equal_pages_rendered_here(
    content: Path,
) -> None:
    checked = check_paths([content], CheckOptions(today=TODAY))
    assert checked.site is not None
    here = build_project(checked.site, checked.algorithms, options=ProjectOptions(jobs=1)).tree()
    store: dict[str, bytes] = {}
    cold = build_project(
        checked.site, checked.algorithms, options=ProjectOptions(jobs=2), page_cache=store
    )
    assert cold.tree() == here
    assert cold.cache is not None and cold.cache.hits == 0
    warm = build_project(
        checked.site, checked.algorithms, options=ProjectOptions(jobs=2), page_cache=store
    )
    assert warm.tree() == here
    assert warm.cache is not None and warm.cache.misses == 0


def test_the_driver_in_forked_workers_builds_what_plain_mkdocs_builds(
    content: Path, tmp_path: Path
) -> None:
    # Hundreds of pages to render: the cold incremental build forks workers (FORK_FROM).
    checked = check_paths([content], CheckOptions(today=TODAY))
    assert checked.site is not None
    forked = build_site(
        checked.site,
        checked.algorithms,
        BuildOptions(site_dir=tmp_path / "forked", env=os.environ, cache_dir=tmp_path / "c"),
    )
    assert forked.mode == "full" and forked.rendered >= FORK_FROM
    build_site(
        checked.site,
        checked.algorithms,
        BuildOptions(site_dir=tmp_path / "plain", env=os.environ),
    )
    ours, theirs = _tree(tmp_path / "forked"), _tree(tmp_path / "plain")
    assert sorted(ours) == sorted(theirs)
    assert [rel for rel in ours if ours[rel] != theirs[rel]] == []


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


HEAD = '<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>t</title></head>'
CLEAN = HEAD + "<body><p>ok</p></body></html>\n"
BAD = HEAD + '<body><p onclick="x()">ok</p></body></html>\n'


def _wait_scanned(early: EarlyScan, rel: str) -> None:
    for _ in range(500):
        if rel in early.seen:
            return
        time.sleep(0.01)
    raise AssertionError(f"{rel} was never scanned")


def test_early_scan_gives_postcheck_verdict_for_files_changed_after_scanning(
    tmp_path: Path,
) -> None:
    site = tmp_path / "site"
    site.mkdir()
    early = EarlyScan(site, interval=0.01)
    with early:
        (site / "a.html").write_text(CLEAN, encoding="utf-8")
        (site / "b.html").write_text(BAD, encoding="utf-8")
        (site / "en").mkdir()
        (site / "en" / "c.html").write_text(CLEAN, encoding="utf-8")
        for rel in ("a.html", "b.html", "en/c.html"):
            _wait_scanned(early, rel)
        # Rewritten after their scan: a clean page turns bad (same length), a bad one clean.
        (site / "a.html").write_text(BAD.replace("onclick", "onkeyup"), encoding="utf-8")
        (site / "b.html").write_text(CLEAN, encoding="utf-8")
        (site / "d.html").write_text(
            CLEAN.replace("<p>", '<script src="gone.js"></script><p>'), encoding="utf-8"
        )
    assert early.seen["en/c.html"].clean
    found = early.finish(jobs=1)
    assert found == postcheck(site, jobs=1)
    assert sorted({p.file for p in found}) == ["a.html", "d.html"]


def test_early_scan_meanwhile_a_writer_thread(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    pages = [(f"p{i:03d}.html", BAD if i % 17 == 0 else CLEAN) for i in range(120)]

    def writer() -> None:
        for name, text in pages:
            (site / name).write_text(text, encoding="utf-8")

    early = EarlyScan(site, interval=0.001)
    with early:
        thread = threading.Thread(target=writer)
        thread.start()
        thread.join()
    assert early.finish(jobs=1) == postcheck(site, jobs=1) != []


def test_workers_fill_and_read_the_disk_cache_as_this_process_does(
    content: Path, tmp_path: Path
) -> None:
    from disclosure_gen.site import output

    checked = check_paths([content], CheckOptions(today=TODAY))
    assert checked.site is not None
    cold = output.DiskCache(tmp_path / "svg")
    first = build_project(
        checked.site, checked.algorithms, options=ProjectOptions(jobs=2), svg_cache=cold
    )
    svgs = [k for k in first.tree() if k.endswith(".svg")]  # one spec (key) per SVG file
    assert cold.misses == len(cold.stored) == len(set(cold.stored)) == len(svgs)
    warm = output.DiskCache(tmp_path / "svg")
    again = build_project(
        checked.site, checked.algorithms, options=ProjectOptions(jobs=2), svg_cache=warm
    )
    assert again.tree() == first.tree()
    assert (warm.misses, warm.stored, warm.hits) == (0, [], len(svgs))
    assert warm.prune() == 0
