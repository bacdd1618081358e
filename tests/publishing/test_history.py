"""Versions and archive pages: git history → change log details and one page per past version."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from gitkit import ROOT, GitRepo
from test_diff import FEED, second_commit

from disclosure_gen.check.engine import CheckOptions, check_paths
from disclosure_gen.publish.history import changes, read_history
from disclosure_gen.site.render.history import (
    SiteHistory,
    archive_path,
    past_versions,
    version_slug,
)
from disclosure_gen.site.render.project import ProjectOptions, render_project

TODAY = date(2026, 11, 25)


def text_of(page: Path) -> str:
    """The visible text of a built page, whitespace collapsed."""
    raw = page.read_text(encoding="utf-8")
    body = raw[raw.index("<article") : raw.index("</article>")]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def rows(page: Path) -> list[str]:
    raw = page.read_text(encoding="utf-8")
    return [
        " ".join(html.unescape(re.sub(r"<[^>]+>", " ", r)).split())
        for r in re.findall(r"<tr>.*?</tr>", raw, re.S)
    ]


def checked(content: Path) -> Any:
    result = check_paths([content], CheckOptions(today=TODAY))
    assert not result.input_errors
    return result


def test_two_commits_diff_and_the_changelog_lists_the_change_with_its_date(
    demo_repo: Callable[[], GitRepo], run_cli: Any
) -> None:
    repo = demo_repo()
    second_commit(repo)  # principles and review_by changed, version 2.1 dated 2026-11-20
    diff = run_cli("diff", "HEAD~1", "HEAD", "--format", "json", cwd=repo.root)
    changed = {
        (c["path"], c["change"]) for d in json.loads(diff.stdout)["documents"] for c in d["changes"]
    }
    assert changed == {
        ("principles.zh", "changed"),
        ("review_by", "changed"),
        ("versions[3]", "added"),
    }
    built = run_cli("build", "--today", "2026-11-25", cwd=repo.root)
    assert built.exit_code == 0, built.stderr
    site = repo.root / "site"
    (row,) = [r for r in rows(site / "changelog" / "index.html") if " 2.1 " in f" {r} "]
    assert row.startswith("2026-11-20 青禾短视频个性化推荐算法 2.1 说明同一作者的视频不会连续出现")
    assert "变更内容：基本原理（中文）、复核截止日期" in row
    # The replaced version keeps a page with its full text as last committed.
    archived = site / "algorithms" / "feed-recommendation" / "v2-0" / "index.html"
    text = text_of(archived)
    assert "这是 2.0 版的存档，自 2026-09-01 起公示，2026-11-20 起被 2.1 版取代。" in text
    assert "优先级高的视频排在前面。" in text and "同一作者的视频不会连续出现" not in text
    (old_row,) = [r for r in rows(site / "changelog" / "index.html") if " 2.0 改写为通俗说明" in r]
    assert "查看 2.0 版存档" in old_row
    english = site / "en" / "algorithms" / "feed-recommendation" / "v2-0" / "index.html"
    assert "This is version 2.0, published from 2026-09-01 until 2026-11-20" in text_of(english)


def test_changes_without_a_new_version_get_their_commit_date(
    demo_repo: Callable[[], GitRepo],
) -> None:
    repo = demo_repo()
    repo.edit(FEED, "我们不以延长你的使用时间为目标", "我们从不以延长你的使用时间为目标")
    repo.commit("Wording", day="2026-10-12")
    result = checked(repo.root / "content")
    history = read_history(repo.root / "content", result.site, os.environ)
    found = changes(history.of("feed-recommendation"), "zh")
    assert [(c.date, c.version, c.fields) for c in found] == [
        (date(2026, 10, 12), "", ("目的意图（中文）",))
    ]
    tree = render_project(result.site, result.algorithms, options=ProjectOptions(history=history))
    changelog = tree["docs/changelog.md"].decode("utf-8")
    assert "未登记新版本号的修改" in changelog
    assert re.search(r"<td>2026-10-12</td>.*变更内容：目的意图（中文）", changelog)


def test_without_git_every_past_version_still_has_a_page(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "content", tmp_path / "content")
    result = checked(tmp_path / "content")
    history = read_history(tmp_path / "content", result.site, os.environ)
    assert history == SiteHistory()
    tree = render_project(result.site, result.algorithms, options=ProjectOptions(history=history))
    for algo in result.algorithms:
        versions = sorted(algo.versions, key=lambda v: v.date)
        for v in versions[:-1]:
            page = tree[f"docs/{archive_path(algo.id, v.version)}"].decode("utf-8")
            assert "这一版本的全文没有存档" in page
        current = f"docs/{archive_path(algo.id, versions[-1].version)}"
        assert current not in tree
    config = tree["mkdocs.yml"].decode("utf-8")
    assert "/algorithms/*/" in config  # the archive folders are left out of the nav


def test_without_history_the_pages_are_unchanged() -> None:
    result = checked(ROOT / "content")
    plain = render_project(result.site, result.algorithms)
    assert not [p for p in plain if re.search(r"/v\d", p)]
    assert "未登记新版本号的修改" not in plain["docs/changelog.md"].decode("utf-8")


def test_git_order_wins_over_dates_and_bad_states_are_skipped(
    demo_repo: Callable[[], GitRepo],
) -> None:
    repo = demo_repo()
    path = repo.root / FEED
    good = path.read_text(encoding="utf-8")
    path.write_text("id: [broken\n", encoding="utf-8")
    repo.commit("broken", day="2026-08-01")  # earlier date than the first commit
    path.write_text(good.replace("帮助你在大量视频中", "帮助你在海量视频中"), encoding="utf-8")
    repo.commit("fixed", day="2026-07-01")
    (repo.root / "content" / "algorithms" / "trending-list.yaml").unlink()
    repo.commit("retire the list", day="2026-10-01")
    result = checked(repo.root / "content")
    history = read_history(repo.root / "content", result.site, os.environ)
    feed = history.of("feed-recommendation")
    assert [r.date for r in feed] == [date(2026, 9, 1), date(2026, 7, 1)]  # broken one left out
    assert [c.fields for c in changes(feed, "en")] == [("Purpose and intent (Chinese)",)]
    assert len(history.of("trending-list")) == 1  # its deletion is no state


def test_past_versions_pick_the_last_commit_of_each_version(
    demo_repo: Callable[[], GitRepo],
) -> None:
    repo = demo_repo()
    repo.edit(FEED, "帮助你在大量视频中", "帮助你在海量视频中")
    repo.commit("wording of 2.0", day="2026-09-15")
    second_commit(repo)
    result = checked(repo.root / "content")
    history = read_history(repo.root / "content", result.site, os.environ)
    (feed,) = [a for a in result.algorithms if a.id == "feed-recommendation"]
    past = {p.version.version: p for p in past_versions(feed, history.of(feed.id))}
    assert sorted(past) == ["1.0", "1.1", "2.0"]
    assert past["1.0"].revision is None and past["1.1"].revision is None
    assert past["2.0"].revision is not None and past["2.0"].revision.date == date(2026, 9, 15)
    assert "海量视频" in past["2.0"].revision.algo.purpose.zh
    assert past["2.0"].replaced_by.version == "2.1"


def test_version_slugs_are_ascii_path_segments() -> None:
    assert version_slug("1.0") == "v1-0"
    assert version_slug("2024.10-RC") == "v2024-10-rc"
    assert archive_path("feed", "1.0") == "algorithms/feed/v1-0.md"
