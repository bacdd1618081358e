"""The MkDocs plugin: `mkdocs build`/`mkdocs serve` on the user's mkdocs.yml give the same site."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import date
from pathlib import Path

from sitekit import CLI, TODAY, make_project, tree
from support import ROOT, load_base, unset_path, write_content

from disclosure_gen.check.engine import CheckOptions, check_paths
from disclosure_gen.site.build import source_date_epoch


def _mkdocs(
    project: Path, *args: str, epoch: int | None = None
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if epoch is not None:
        env["SOURCE_DATE_EPOCH"] = str(epoch)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def _article(html: str) -> str:
    match = re.search(r"<article\b.*?</article>", html, re.DOTALL)
    assert match, "no <article> in page"
    return match.group(0)


def test_mkdocs_build_gives_the_same_pages_as_disclosure_gen_build(
    demo_project: Path, tmp_path: Path
) -> None:
    project = make_project(tmp_path / "p")
    checked = check_paths([project / "content"], CheckOptions(today=date.fromisoformat(TODAY)))
    epoch = source_date_epoch(checked.algorithms)
    result = _mkdocs(project, "build", "--strict", "-d", str(tmp_path / "out"), epoch=epoch)
    assert result.returncode == 0, result.stderr
    ours, theirs = tree(demo_project / "site"), tree(tmp_path / "out")
    html = sorted(k for k in ours if k.endswith(".html"))
    assert html == sorted(k for k in theirs if k.endswith(".html"))
    for rel in html:
        assert _article(theirs[rel].decode()) == _article(ours[rel].decode()), rel
    # Not only the articles: with the same SOURCE_DATE_EPOCH the whole trees agree, including
    # nav, <html lang> on English pages, the a11y overrides, search index and sitemaps.
    assert sorted(ours) == sorted(theirs)
    assert [k for k in ours if ours[k] != theirs[k]] == []


def test_mkdocs_build_refuses_content_that_fails_the_check(tmp_path: Path) -> None:
    site, algo = load_base()
    unset_path(algo, "principles")
    project = tmp_path / "p"
    write_content(project, site, [algo])
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    result = _mkdocs(project, "build", "-d", str(tmp_path / "out"))
    assert result.returncode != 0
    assert "disclosure-gen check" in result.stderr
    assert not (tmp_path / "out" / "index.html").exists()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def _wait_for(predicate, proc: subprocess.Popen, timeout: float = 180.0) -> bool:  # type: ignore[no-untyped-def,type-arg]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        if predicate():
            return True
        time.sleep(0.5)
    return False


def _session_alive(sid: int) -> bool:
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == sid:  # field 6 of /proc/<pid>/stat: the session id
            return True
    return False


def test_serve_binds_127_0_0_1_and_reloads_on_yaml_edits(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    log = (tmp_path / "serve.log").open("w")
    proc = subprocess.Popen(
        [*CLI, "serve", "--port", str(port)],
        cwd=project,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        page = base + "algorithms/feed-recommendation/"
        assert _wait_for(lambda: (_get(page) or "").count("青禾短视频个性化推荐算法") > 0, proc), (
            tmp_path / "serve.log"
        ).read_text()
        feed = project / "content" / "algorithms" / "feed-recommendation.yaml"
        text = feed.read_text(encoding="utf-8")
        feed.write_text(
            text.replace("zh: 青禾短视频个性化推荐算法", "zh: 青禾短视频推荐算法新版"), "utf-8"
        )
        assert _wait_for(lambda: "青禾短视频推荐算法新版" in (_get(page) or ""), proc)
        assert f"127.0.0.1:{port}" in (tmp_path / "serve.log").read_text()
        # A supervisor stops the server with SIGTERM to the process it started, not the group.
        proc.terminate()
        proc.wait(30)
        deadline = time.monotonic() + 10
        while _session_alive(proc.pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not _session_alive(proc.pid), "serve left a server running after SIGTERM"
    finally:
        if _session_alive(proc.pid):
            os.killpg(proc.pid, signal.SIGKILL)
        log.close()


def test_serve_needs_the_plugin_in_mkdocs_yml(tmp_path: Path, run_cli) -> None:
    project = make_project(tmp_path / "p")
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(text.replace("  - disclosure_gen\n", ""), "utf-8")
    result = run_cli("serve", cwd=project)
    assert result.exit_code == 2
    assert "disclosure_gen" in result.stderr
