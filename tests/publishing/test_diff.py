"""`disclosure-gen diff`: field-by-field comparison of git revisions and folders."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from gitkit import ROOT, GitRepo

FEED = "content/algorithms/feed-recommendation.yaml"
NEW_VERSION = """  - version: "2.1"
    date: "2026-11-20"
    changes: {zh: 说明同一作者的视频不会连续出现, en: Said that videos by one creator are spaced}
"""


def second_commit(repo: GitRepo) -> str:
    """Change the principles and the review date, and add a version entry."""
    repo.edit(
        FEED, "优先级高的视频排在前面。", "优先级高的视频排在前面，同一作者的视频不会连续出现。"
    )
    repo.edit(FEED, 'review_by: "2027-08-31"', 'review_by: "2027-12-31"')
    text = (repo.root / FEED).read_text(encoding="utf-8")
    (repo.root / FEED).write_text(text.rstrip("\n") + "\n" + NEW_VERSION, encoding="utf-8")
    return repo.commit("Explain creator spacing", day="2026-11-20")


def changes(result_json: str) -> set[tuple[str, str, str]]:
    data = json.loads(result_json)
    return {
        (doc["id"] or doc["kind"], c["path"], c["change"])
        for doc in data["documents"]
        for c in doc["changes"]
    }


def test_diff_between_two_commits_names_each_changed_field(
    demo_repo: Callable[[], GitRepo], run_cli: Any
) -> None:
    repo = demo_repo()
    second_commit(repo)
    result = run_cli("diff", "HEAD~1", "HEAD", "--format", "json", cwd=repo.root)
    assert result.exit_code == 0, result.stderr
    assert changes(result.stdout) == {
        ("feed-recommendation", "principles.zh", "changed"),
        ("feed-recommendation", "review_by", "changed"),
        ("feed-recommendation", "versions[3]", "added"),
    }
    text = run_cli("diff", "HEAD~1", "HEAD", cwd=repo.root).stdout
    assert "算法 feed-recommendation「青禾短视频个性化推荐算法」" in text
    assert "修改 基本原理（中文） [principles.zh]" in text
    assert "~ 优先级高的视频排在前面{+，同一作者的视频不会连续出现+}。" in text
    assert "修改 复核截止日期 [review_by]：2027-08-31 → 2027-12-31" in text
    assert (
        "新增 版本记录「2.1」 [versions[3]]：2.1，2026-11-20，说明同一作者的视频不会连续出现"
        in text
    )
    md = run_cli("diff", "HEAD~1", "HEAD", "--format", "md", cwd=repo.root).stdout
    assert "+优先级高的视频排在前面，同一作者的视频不会连续出现。" in md
    assert "```diff" in md


def test_rev2_defaults_to_the_work_tree(demo_repo: Callable[[], GitRepo], run_cli: Any) -> None:
    repo = demo_repo()
    repo.edit(FEED, 'review_by: "2027-08-31"', 'review_by: "2028-01-31"')
    result = run_cli("diff", "HEAD", "--format", "json", cwd=repo.root)
    assert changes(result.stdout) == {("feed-recommendation", "review_by", "changed")}
    assert json.loads(result.stdout)["new"] == "工作区"


def test_layout_only_edits_are_no_change(demo_repo: Callable[[], GitRepo], run_cli: Any) -> None:
    repo = demo_repo()
    repo.edit(FEED, 'review_by: "2027-08-31"', "review_by: '2027-08-31'   # re-quoted")
    result = run_cli("diff", "HEAD", cwd=repo.root)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1] == "没有变化"


def test_two_directories_and_added_or_removed_algorithms(tmp_path: Path, run_cli: Any) -> None:
    old = tmp_path / "old"
    new = tmp_path / "new"
    shutil.copytree(ROOT / "content", old / "content")
    shutil.copytree(ROOT / "content", new)  # a content folder itself works too
    (new / "algorithms" / "trending-list.yaml").unlink()
    result = run_cli("diff", str(old), str(new), "--format", "json", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    docs = json.loads(result.stdout)["documents"]
    assert [(d["id"], d["status"]) for d in docs] == [("trending-list", "removed")]
    text = run_cli("diff", str(new), str(old), cwd=tmp_path).stdout
    assert "新增算法 trending-list" in text


def test_an_inserted_list_item_is_one_addition(tmp_path: Path, run_cli: Any) -> None:
    old = tmp_path / "old"
    new = tmp_path / "new"
    shutil.copytree(ROOT / "content", old)
    shutil.copytree(ROOT / "content", new)
    path = new / "algorithms" / "feed-recommendation.yaml"
    text = path.read_text(encoding="utf-8")
    assert "\nfaq:\n" in text
    path.write_text(
        text.replace("\nfaq:\n", "\nfaq:\n  - q: {zh: 新问题}\n    a: {zh: 新回答}\n", 1),
        encoding="utf-8",
    )
    result = run_cli("diff", str(old), str(new), "--format", "json", cwd=tmp_path)
    assert changes(result.stdout) == {("feed-recommendation", "faq[0]", "added")}


def test_markdown_escapes_values(tmp_path: Path, run_cli: Any) -> None:
    old = tmp_path / "old"
    new = tmp_path / "new"
    shutil.copytree(ROOT / "content", old)
    shutil.copytree(ROOT / "content", new)
    path = new / "algorithms" / "feed-recommendation.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "explanation: {channel: {zh: '<b>x</b> *y*'}}\n", encoding="utf-8")
    md = run_cli("diff", str(old), str(new), "--format", "md", cwd=tmp_path).stdout
    assert "&lt;b&gt;x&lt;/b&gt; \\*y\\*" in md
    assert "<b>" not in md


def test_unusable_input_exits_2(
    demo_repo: Callable[[], GitRepo], run_cli: Any, tmp_path: Path
) -> None:
    repo = demo_repo()
    result = run_cli("diff", "no-such-rev", cwd=repo.root)
    assert result.exit_code == 2
    assert "找不到版本 `no-such-rev`" in result.stderr
    (repo.root / FEED).write_text("id: [unclosed\n", encoding="utf-8")
    repo.commit("broken", day="2026-11-03")
    result = run_cli("diff", "HEAD~1", "HEAD", cwd=repo.root)
    assert result.exit_code == 2
    assert "HEAD (" in result.stderr and "algorithms/feed-recommendation.yaml:" in result.stderr
    outside = tmp_path / "not-a-repo"
    outside.mkdir()
    result = run_cli("diff", "HEAD", cwd=outside)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ")


def test_git_variables_of_a_hook_do_not_leak(
    demo_repo: Callable[[], GitRepo], run_cli: Any, monkeypatch: Any
) -> None:
    repo = demo_repo()
    second_commit(repo)
    # pre-commit and git hooks export these; git must still read this repository.
    monkeypatch.setenv("GIT_INDEX_FILE", str(repo.root / "nonexistent-index"))
    monkeypatch.setenv("GIT_DIR", str(repo.root / "nowhere"))
    result = run_cli("diff", "HEAD~1", "HEAD", "--format", "json", cwd=repo.root)
    assert result.exit_code == 0, result.stderr
    assert ("feed-recommendation", "review_by", "changed") in changes(result.stdout)
