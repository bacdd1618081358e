"""A build killed at any moment never damages the published site, and the next run cleans up.

Two kinds of kill, both SIGKILL to the build process only (its SSG child is left running, the
harsher case):

* ``disclosure-gen build`` after seeded random delays spread over a whole build;
* the library build (``build_site``) stopped at named points: after each phase it reports
  through ``BuildOptions.on_phase``, and after each rename of the swap (a test-side hook on
  ``os.rename`` in the child), where the window between two renames would be.

The builds alternate between two contents, so "unchanged" and "replaced" are told apart by a
hash of the whole tree. Figures: ``pytest tests/hardening/test_kill.py -s``.
"""

from __future__ import annotations

import fcntl
import os
import random
import signal
import subprocess
import sys
from pathlib import Path

from hardening.hardening_support import CLI, TODAY, SmallRefs, cli, digest, leftovers

SEED = 20261125
RANDOM_KILLS = 6
#: Kill points of the library build, in order; the phases are BuildOptions.on_phase's names.
POINTS = (
    "after-render",
    "after-write",
    "after-ssg",
    "after-postcheck",
    "renamed-site.old",
    "renamed-site",
    "after-swap",
)
#: Up to here the new tree is not published yet: the old one must be there, whole.
BEFORE_PUBLISHING = frozenset(POINTS[:5])

HOOKED_BUILD = """
import os, sys, time
from datetime import date
from pathlib import Path

from disclosure_gen.site.build import BuildOptions, build_site, read_user_config
from disclosure_gen.check.engine import CheckOptions, check_paths
from disclosure_gen.publish.history import read_history

project, site_dir, stop_at = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]


def point(name):
    print("AT", name, flush=True)
    if name == stop_at:
        time.sleep(120)  # the test kills the process here


rename = os.rename


def traced_rename(src, dst, *args, **kwargs):
    rename(src, dst, *args, **kwargs)
    if Path(dst).parent == site_dir.parent:
        point("renamed-" + Path(dst).name)


os.rename = traced_rename
content = project / "content"
checked = check_paths([content], CheckOptions(today=date.fromisoformat(sys.argv[4])))
# What `disclosure-gen build` passes, so that both give the same site.
options = BuildOptions(
    site_dir=site_dir,
    env=os.environ,
    user=read_user_config(project / "mkdocs.yml", content),
    history=read_history(content, checked.site, os.environ),
    on_phase=lambda name, s: point("after-" + name),
)
build_site(checked.site, checked.algorithms, options)
point("done")
"""


def _kill_at_marker(argv: list[str], cwd: Path, marker: str) -> bool:
    """Run ``argv``; SIGKILL it when it prints ``AT <marker>``. False if it never did."""
    proc = subprocess.Popen(
        argv, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    assert proc.stdout is not None
    reached = False
    for line in proc.stdout:
        if line.strip() == f"AT {marker}":
            reached = True
            os.kill(proc.pid, signal.SIGKILL)
            break
    proc.stdout.close()
    proc.wait(timeout=120)
    return reached


def _kill_after(argv: list[str], cwd: Path, delay: float) -> int | None:
    """Run ``argv``; SIGKILL it after ``delay`` seconds. Returns its exit code if it ended first."""
    proc = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        return proc.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)
        return None


def test_killed_builds_leave_the_published_site_whole(
    tmp_path: Path, small_refs: SmallRefs
) -> None:
    projects, expected, duration = small_refs.projects, small_refs.digests, small_refs.seconds

    work = tmp_path / "work"
    work.mkdir()
    site = work / "site"
    published = cli(projects["a"], "build", "--today", TODAY, "--no-cache", "--site-dir", str(site))
    assert published.returncode == 0, published.stderr
    current = "a"
    hook = tmp_path / "hooked_build.py"
    hook.write_text(HOOKED_BUILD, encoding="utf-8")
    rng = random.Random(SEED)
    log: list[str] = []

    def after_kill(target: str, label: str, before_publishing: bool) -> str:
        now = digest(site)
        # (A third tree would also show if the library build stopped giving the CLI's site.)
        assert now in (expected[current], expected[target]), f"{label}: site damaged"
        if before_publishing:
            assert now == expected[current], f"{label}: published too early"
        log.append(f"{label}: {'replaced' if now == expected[target] else 'unchanged'}")
        return target if now == expected[target] else current

    # Random moments of the real command, over the length of a whole build.
    for i in range(RANDOM_KILLS):
        target = "b" if current == "a" else "a"
        delay = rng.uniform(0.05, duration)
        argv = [*CLI, "build", "--today", TODAY, "--no-cache", "--site-dir", str(site)]
        code = _kill_after(argv, projects[target], delay)
        assert code in (None, 0), code
        current = after_kill(target, f"random {i} after {delay:.2f} s", before_publishing=False)

    # Named points of the library build.
    reached = []
    for name in POINTS:
        target = "b" if current == "a" else "a"
        argv = [sys.executable, str(hook), str(projects[target]), str(site), name, TODAY]
        hit = _kill_at_marker(argv, projects[target], name)
        if hit:
            reached.append(name)
        label = f"at {name}" if hit else f"{name} (no such step: ran to the end)"
        current = after_kill(target, label, before_publishing=hit and name in BEFORE_PUBLISHING)

    print(f"\nKilled {RANDOM_KILLS + len(reached)} builds: " + "; ".join(log))
    # Every phase boundary exists; of the two renames only the first is optional (an atomic
    # exchange has a single step).
    assert set(POINTS) - set(reached) <= {"renamed-site.old", "renamed-site"}
    assert {"after-postcheck", "after-swap"} <= set(reached)

    # The next run finishes what the killed ones left and cleans up after them.
    target = "b" if current == "a" else "a"
    final = cli(projects[target], "build", "--today", TODAY, "--no-cache", "--site-dir", str(site))
    assert final.returncode == 0, final.stderr
    assert digest(site) == expected[target]
    assert leftovers(work) == [".site.lock"]
    # The lock file stays by design (output.dir_lock), but nobody holds it.
    fd = os.open(work / ".site.lock", os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    finally:
        os.close(fd)
