"""Two builds into one output folder at once: they take turns, and readers never see a gap.

``output.dir_lock`` serialises the builds; ``output.replace_dir`` swaps whole trees. A reader
polls the published site the whole time, as a web server would.
"""

from __future__ import annotations

import fcntl
import os
import subprocess
import threading
import time
from pathlib import Path

from hardening.hardening_support import CLI, TODAY, SmallRefs, cli, digest, leftovers


class _Reader(threading.Thread):
    """Reads site/index.html in a loop; counts reads, misses and pages cut short."""

    def __init__(self, site: Path) -> None:
        super().__init__(daemon=True)
        self.site = site
        self.stop = threading.Event()
        self.reads = 0
        self.missing = 0
        self.partial = 0

    def run(self) -> None:
        while not self.stop.is_set():
            try:
                html = (self.site / "index.html").read_bytes()
            except (FileNotFoundError, NotADirectoryError):
                self.missing += 1
                continue
            self.reads += 1
            if not html.rstrip().endswith(b"</html>"):
                self.partial += 1
            time.sleep(0.001)  # leave the CPU to the builds


class _Build(threading.Thread):
    """A `disclosure-gen build` whose stderr lines are collected as they come."""

    def __init__(self, project: Path, site: Path) -> None:
        super().__init__(daemon=True)
        self.proc = subprocess.Popen(
            [*CLI, "build", "--today", TODAY, "--no-cache", "--site-dir", str(site)],
            cwd=project,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: list[str] = []
        self.waiting = threading.Event()
        self.ended = 0.0

    def run(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.lines.append(line)
            if "等待另一个构建完成" in line:
                self.waiting.set()
        self.proc.stderr.close()
        self.proc.wait()
        self.ended = time.monotonic()


def test_two_builds_at_once_publish_one_whole_site(tmp_path: Path, small_refs: SmallRefs) -> None:
    projects, expected = small_refs.projects, small_refs.digests
    work = tmp_path / "work"
    work.mkdir()
    site = work / "site"
    first = cli(projects["a"], "build", "--today", TODAY, "--no-cache", "--site-dir", str(site))
    assert first.returncode == 0, first.stderr
    reader = _Reader(site)
    reader.start()
    # Hold the builds' lock until both are waiting for it: they then really run at once.
    fd = os.open(work / ".site.lock", os.O_RDWR)
    fcntl.flock(fd, fcntl.LOCK_EX)
    builds = {v: _Build(projects[v], site) for v in ("b", "c")}
    for build in builds.values():
        build.start()
    try:
        assert all(b.waiting.wait(120) for b in builds.values()), {
            v: b.lines for v, b in builds.items()
        }
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
    for build in builds.values():
        build.join(600)
        assert build.proc.returncode == 0, "".join(build.lines)
    reader.stop.set()
    reader.join(30)

    print(f"\nConcurrent builds: reader made {reader.reads} reads, {reader.missing} misses")
    # They took turns: the one that finished last published last, whole.
    last = max(builds, key=lambda v: builds[v].ended)
    assert digest(site) == expected[last]
    assert reader.reads > 0 and reader.missing == 0 and reader.partial == 0
    assert leftovers(work) == [".site.lock"]


def test_a_build_and_a_render_into_one_folder_take_turns(
    tmp_path: Path, small_refs: SmallRefs
) -> None:
    # `render --out` and `build --site-dir` share the lock and the swap: the later one wins whole.
    rendered = cli(small_refs.projects["b"], "render", "--today", TODAY, "--out", "render-ref")
    assert rendered.returncode == 0, rendered.stderr
    wholes = {
        digest(small_refs.projects["b"] / "render-ref"): "render",
        small_refs.digests["a"]: "build",
    }
    out = tmp_path / "out"
    build = subprocess.Popen(
        [*CLI, "build", "--today", TODAY, "--no-cache", "--site-dir", str(out)],
        cwd=small_refs.projects["a"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    render = cli(small_refs.projects["b"], "render", "--today", TODAY, "--out", str(out))
    _, err = build.communicate(timeout=600)
    assert build.returncode == 0, err
    assert render.returncode == 0, render.stderr
    assert digest(out) in wholes
    assert leftovers(tmp_path, "out") == [".out.lock"]
