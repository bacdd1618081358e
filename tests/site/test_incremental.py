"""Incremental builds render only what changed, and give a full build's site, file by file.

A full build here is the plain path (no cache: ``python -m mkdocs build --strict`` over the whole
generated project). Each test edits the content as a push would, builds with the cache (the
page cache, the site store and ``mkdocs_driver``) and compares every file of both sites,
``search/search_index.json``, ``sitemap.xml(.gz)`` and ``404.html`` included.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
import yaml
from sitekit import CLI, TODAY, make_project, tree

from disclosure_gen.check.engine import CheckOptions, check_paths
from disclosure_gen.publish.history import read_history
from disclosure_gen.site import verdicts
from disclosure_gen.site.build import BuildOptions, BuildResult, build_site, read_user_config
from disclosure_gen.site.postcheck import SiteFacts, scan_file
from disclosure_gen.site.render.project import build_project

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

from synth import generate  # noqa: E402


def _build(project: Path, site: str, *, cache: bool = True, **options: Any) -> BuildResult:
    content = project / "content"
    checked = check_paths([content], CheckOptions(today=date.fromisoformat(TODAY)))
    assert checked.site is not None and not checked.input_errors
    return build_site(
        checked.site,
        checked.algorithms,
        BuildOptions(
            site_dir=project / site,
            env=os.environ,
            user=read_user_config(project / "mkdocs.yml", content),
            history=read_history(content, checked.site, os.environ),  # as the CLI passes
            cache_dir=project / ".cache" if cache else None,
            **options,
        ),
    )


def _same_as_full_build(project: Path, **options: Any) -> BuildResult:
    """Build incrementally into site/, fully into full/; assert the trees are identical."""
    result = _build(project, "site", **options)
    _build(project, "full", cache=False, **options)
    built, full = tree(project / "site"), tree(project / "full")
    assert sorted(built) == sorted(full)
    differing = [rel for rel in built if built[rel] != full[rel]]
    assert differing == []
    for rel in ("search/search_index.json", "sitemap.xml", "sitemap.xml.gz", "404.html"):
        assert rel in built
    assert (project / "site").stat().st_mode & 0o777 == 0o755  # readable by a web server
    return result


def _edit(project: Path, algo_id: str, change: Callable[[dict[str, Any]], None]) -> None:
    path = project / "content" / "algorithms" / f"{algo_id}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _pages(result: BuildResult) -> set[str]:
    return {rel for rel in result.written if rel.endswith(".html") and rel != "404.html"}


def _chart_and_step(data: dict[str, Any]) -> None:
    data["charts"][0]["series"][0]["values"][0] += 1
    data["mechanisms"][0]["title"]["zh"] += "（已更新）"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Five algorithms (the demo's four, cloned and varied), built once with the cache."""
    root = make_project(tmp_path_factory.mktemp("incremental") / "p")
    shutil.rmtree(root / "content")
    generate(5, root)
    first = _same_as_full_build(root)
    assert first.mode == "full" and first.rendered == first.pages
    return root


@pytest.fixture
def project(built: Path, tmp_path: Path) -> Path:
    """A copy of the built project: content, cache (site store included) and sites.

    ``cp -a`` keeps the hard links between the published site and the store, and mtimes.
    """
    copy = tmp_path / "p"
    subprocess.run(["cp", "-a", str(built), str(copy)], check=True)
    return copy


def _with_chart(project: Path) -> str:
    for path in sorted((project / "content" / "algorithms").glob("*.yaml")):
        if "charts:" in path.read_text(encoding="utf-8"):
            return path.stem
    raise AssertionError("no algorithm with a chart")


def test_nothing_changed_renders_no_page(project: Path) -> None:
    result = _same_as_full_build(project)
    assert (result.mode, result.rendered) == ("incremental", 0)
    assert _pages(result) == set()


def test_one_changed_file_renders_its_pages_only(project: Path) -> None:
    algo = _with_chart(project)
    _edit(project, algo, _chart_and_step)
    result = _same_as_full_build(project)
    assert result.mode == "incremental"
    assert _pages(result) == {f"algorithms/{algo}/index.html", f"en/algorithms/{algo}/index.html"}
    assert "search/search_index.json" in result.written  # its entries were replaced


def test_a_new_title_in_the_nav_renders_every_page(project: Path) -> None:
    # Five algorithms are under nav_page_limit: their names are in every page's nav.
    algo = _with_chart(project)
    _edit(project, algo, lambda d: d["name"].update(zh=d["name"]["zh"] + "（新名）"))
    result = _same_as_full_build(project)
    assert result.mode == "full" and result.rendered == result.pages


def test_a_name_outside_the_nav_renders_the_pages_that_show_it(project: Path) -> None:
    _same_as_full_build(project, nav_page_limit=0)  # the nav lists categories only
    algo = _with_chart(project)
    _edit(project, algo, lambda d: d["name"].update(zh=d["name"]["zh"] + "（新名）"))
    result = _same_as_full_build(project, nav_page_limit=0)
    assert result.mode == "incremental"
    pages = _pages(result)
    assert f"algorithms/{algo}/index.html" in pages and "index.html" in pages
    assert 0 < result.rendered < result.pages / 2


def test_added_and_removed_algorithms(project: Path) -> None:
    options = {"nav_page_limit": 0}
    _same_as_full_build(project, **options)
    folder = project / "content" / "algorithms"
    first, second = sorted(folder.glob("*.yaml"))[:2]
    data = yaml.safe_load(first.read_text(encoding="utf-8"))
    data["id"] = "added-algorithm"
    data["name"]["zh"] += "（新增）"
    data["filing"]["algorithm_name"] = data["name"]["zh"]
    (folder / "added-algorithm.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    second.unlink()
    result = _same_as_full_build(project, **options)
    assert result.mode == "incremental"
    assert "algorithms/added-algorithm/index.html" in _pages(result)
    assert not (project / "site" / "algorithms" / second.stem).exists()


def test_a_new_version_moves_the_sitemap_date_and_adds_an_archive_page(project: Path) -> None:
    algo = _with_chart(project)

    def new_version(data: dict[str, Any]) -> None:
        data["versions"].append(
            {
                "version": "9.0",
                "date": "2026-11-20",
                "changes": {"zh": "调整权重", "en": "Reweighted"},
            }
        )

    _edit(project, algo, new_version)
    result = _same_as_full_build(project)
    assert result.mode == "incremental"
    archived = {rel for rel in _pages(result) if rel.startswith(f"algorithms/{algo}/v")}
    assert archived  # the page of the version it replaced
    assert b"2026-11-20" in (project / "site" / "sitemap.xml").read_bytes()


def test_site_wide_changes(project: Path) -> None:
    site = project / "content" / "site.yaml"
    data = yaml.safe_load(site.read_text(encoding="utf-8"))
    data["complaints"]["phone"] = "400-000-0001"
    site.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    _same_as_full_build(project)
    user = project / "mkdocs.yml"
    text = user.read_text(encoding="utf-8").replace("copyright: 演示内容", "copyright: 示例内容")
    user.write_text(text, encoding="utf-8")
    result = _same_as_full_build(project)
    assert result.mode == "full"  # the generated mkdocs.yml changed: every page embeds it
    draft = _same_as_full_build(project, draft=True)  # a banner on every page
    assert draft.rendered == draft.pages


def test_a_site_file_edited_in_place_is_rendered_again(project: Path) -> None:
    # Published files share their inode with the store: an edit in place reaches the store too.
    page = project / "site" / "index.html"
    with open(page, "ab") as fh:
        fh.write(b"<script>alert(1)</script>")
    result = _same_as_full_build(project)
    assert _pages(result) == {"index.html"}
    assert b"alert(1)" not in page.read_bytes()


def test_a_damaged_store_falls_back_to_rendering(project: Path) -> None:
    state = project / ".cache" / "site"
    for obj in sorted((state / "objects").iterdir())[::3]:
        obj.unlink()
    assert _same_as_full_build(project).mode == "incremental"
    (state / "manifest.json").write_text("{not json", encoding="utf-8")
    result = _same_as_full_build(project)
    assert result.mode == "full" and result.rendered == result.pages


def test_postcheck_scans_only_what_is_new(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    scanned: list[str] = []
    judged: list[int] = []  # search index entries judged, per fragment
    real_scan, real_entries = verdicts.scan_file, verdicts.search_entry_problems

    def counting(rel: str, data: bytes, facts: SiteFacts) -> Any:
        scanned.append(rel)
        return real_scan(rel, data, facts)

    def entries(rel: str, docs: Any, facts: SiteFacts, first: int = 0) -> Any:
        judged.append(len(docs))
        return real_entries(rel, docs, facts, first)

    monkeypatch.setattr(verdicts, "scan_file", counting)
    monkeypatch.setattr(verdicts, "search_entry_problems", entries)
    algo = _with_chart(project)
    _edit(project, algo, _chart_and_step)
    result = _same_as_full_build(project)
    ours = [rel for rel in scanned if not rel.startswith("assets/")]
    # Full build's postcheck is EarlyScan (another module); ours saw the changed files only.
    assert set(ours) <= {*result.written} - {"search/search_index.json"}
    assert f"algorithms/{algo}/index.html" in scanned
    assert "index.html" not in scanned
    # The index is new, but only the rewritten pages' fragments are judged.
    index = json.loads((project / "site" / "search" / "search_index.json").read_bytes())
    assert 0 < len(judged) <= len(_pages(result)) and 0 < sum(judged) < len(index["docs"])


def test_search_fragments_are_judged_as_the_whole_index_is(tmp_path: Path) -> None:
    docs = [
        {"location": "", "title": "首页", "text": "<p>算法 &amp; 推荐</p>"},
        {"location": "a/", "title": "A", "text": "<p>ok</p>"},
        {"location": "b/", "title": "B<img src=x onerror=alert(1)>", "text": ""},
        {"location": "c/", "title": "C", "text": '<a href="javascript:alert(1)">x</a>'},
    ]
    pages = [docs[:2], [], docs[2:3], docs[3:]]  # entries per page, one page without any
    head = b'{"config":{"lang":["zh"],"separator":"x","pipeline":[],"fields":{}},"docs":['
    body, search, pos = b"", [], len(head)
    for entries in pages:
        frag = ",".join(json.dumps(e, separators=(",", ":")) for e in entries).encode()
        if frag and body:
            body += b","
            pos += 1
        search.append([verdicts.digest(frag), len(entries), pos, pos + len(frag)])
        body += frag
        pos += len(frag)
    index = head + body + b"]}"
    site = tmp_path / "site"
    (site / "search").mkdir(parents=True)
    (site / "search" / "search_index.json").write_bytes(index)
    files = {"search/search_index.json": verdicts.digest(index)}
    facts = SiteFacts("https://example.org/")
    kept = verdicts.Verdicts(tmp_path / "v.json", verdicts.facts_key(facts))
    whole = scan_file("search/search_index.json", index, facts).problems
    assert [p.file for p in whole] == [
        "search/search_index.json#docs[2].title",
        "search/search_index.json#docs[3].text",
    ]
    assert verdicts.gate(site, files, facts, kept, search=search) == list(whole)
    assert kept.fragments == {search[0][0], search[1][0]}  # the clean ones
    kept.save(set(files.values()), search)
    again = verdicts.Verdicts.load(tmp_path / "v.json", kept.key)
    assert again.fragments == kept.fragments
    assert verdicts.gate(site, files, facts, again, search=search) == list(whole)


def test_carried_verdicts_still_need_the_scripts_a_page_loads(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "assets" / "dg").mkdir(parents=True)
    page = (
        b'<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>t</title></head>'
        b'<body><script src="assets/dg/explorable.js"></script></body></html>'
    )
    (site / "index.html").write_bytes(page)
    shipped = files("disclosure_gen").joinpath("site", "render", "assets", "explorable.js")
    (site / "assets" / "dg" / "explorable.js").write_bytes(shipped.read_bytes())
    facts = SiteFacts("", frozenset({"assets/dg/explorable.js"}))
    kept = verdicts.Verdicts(tmp_path / "v.json", verdicts.facts_key(facts))
    digests = {"index.html": "a" * 40, "assets/dg/explorable.js": "b" * 40}
    assert verdicts.gate(site, digests, facts, kept) == []
    assert kept.clean == {"a" * 40: ["assets/dg/explorable.js"], "b" * 40: []}
    (site / "assets" / "dg" / "explorable.js").unlink()
    problems = verdicts.gate(site, {"index.html": "a" * 40}, facts, kept)
    assert [p.message for p in problems] == ["站点中缺少脚本 assets/dg/explorable.js"]


def test_the_page_cache_gives_the_same_project(tmp_path: Path) -> None:
    content = generate(5, tmp_path)
    checked = check_paths([content], CheckOptions(today=date.fromisoformat(TODAY)))
    assert checked.site is not None
    plain = build_project(checked.site, checked.algorithms).tree()
    store: dict[str, bytes] = {}
    first = build_project(checked.site, checked.algorithms, page_cache=store)
    assert first.tree() == plain
    reads: list[str] = []

    class Counting(dict[str, bytes]):
        def __getitem__(self, key: str) -> bytes:
            reads.append(key)
            return super().__getitem__(key)

    again = build_project(checked.site, checked.algorithms, page_cache=Counting(store))
    assert again.cache is not None and again.cache.misses == 0
    assert not any(key.startswith("blob-") for key in reads)  # reused bytes not read yet
    assert again.tree() == plain
    assert all(again.digest(rel) == first.digest(rel) for rel in plain if rel != "mkdocs.yml")


def test_builds_sharing_a_cache_take_turns(project: Path) -> None:
    _edit(project, _with_chart(project), _chart_and_step)
    procs = [
        subprocess.Popen(
            [*CLI, "build", "--today", TODAY, "--site-dir", name],
            cwd=project,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("one", "two")
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err
    _build(project, "full", cache=False)
    full = tree(project / "full")
    assert tree(project / "one") == full and tree(project / "two") == full


def test_killed_incremental_builds_leave_a_whole_site(project: Path) -> None:
    argv = [*CLI, "build", "--today", TODAY, "--site-dir", "cli-site"]
    assert subprocess.run(argv, cwd=project, capture_output=True).returncode == 0
    site = project / "cli-site"
    before = tree(site)
    algo = _with_chart(project)
    _edit(project, algo, _chart_and_step)
    seen = []
    for delay in (0.3, 0.8, 1.5, 2.5, 4.0):
        proc = subprocess.Popen(
            argv, cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(delay)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)
        seen.append(tree(site))
    assert subprocess.run(argv, cwd=project, capture_output=True).returncode == 0
    _build(project, "full", cache=False)
    after = tree(project / "full")
    assert tree(site) == after
    assert all(state in (before, after) for state in seen)  # never a mixed or partial site
