"""`disclosure-gen translations`: missing and stale English, and stamping en_source in place."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import yaml
from support import BASE

from disclosure_gen.content.model.text import fingerprint

BLOCK = """\
# yaml-language-server: $schema=../../schemas/algorithm.schema.json
id: base
name: {zh: 示例推荐算法, en: Example recommendation algorithm}
category: 个性化推送类
principles:
  # 用通俗的话说明
  zh: |
    根据你最近观看和点赞的内容，
    估计你对每条新视频感兴趣的可能性。
  en: |
    Estimates how likely you are
    to enjoy each new video.
purpose:
  en: To help you find what you want faster   # English first is fine
  zh: 帮助你更快找到想看的内容
mechanisms:
  - id: inputs
    stage: inputs
    title:
      zh: 收集信号
    description: {zh: 读取你的观看记录, en: Reads your viewing history  }
"""


def project(tmp_path: Path, algo_text: str | None = None) -> Path:
    shutil.copytree(BASE, tmp_path / "content")
    if algo_text is not None:
        (tmp_path / "content" / "algorithms" / "base.yaml").write_text(algo_text, encoding="utf-8")
    return tmp_path / "content" / "algorithms" / "base.yaml"


def without(text: str, needle: str) -> str:
    return "".join(line for line in text.splitlines(True) if needle not in line)


def test_stamping_block_mappings_inserts_lines_and_keeps_everything_else(
    tmp_path: Path, run_cli: Any
) -> None:
    path = project(tmp_path, BLOCK)
    result = run_cli("translations", "--stamp", "content/algorithms/base.yaml", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    after = path.read_text(encoding="utf-8")
    # Only whole en_source lines or entries were added; every other byte is unchanged.
    assert re.sub(r', en_source: "[0-9a-f]{8}"', "", without(after, "  en_source: ")) == BLOCK
    data = yaml.safe_load(after)
    assert data["principles"]["en_source"] == fingerprint(data["principles"]["zh"])
    assert data["purpose"]["en_source"] == fingerprint("帮助你更快找到想看的内容")
    desc = data["mechanisms"][0]["description"]
    assert desc["en_source"] == fingerprint("读取你的观看记录")
    assert "en_source" not in data["mechanisms"][0]["title"]  # no English, nothing to stamp
    assert data["name"]["en_source"] == fingerprint("示例推荐算法")
    assert run_cli("translations", "--stamp", cwd=tmp_path).stdout.endswith("共记录 0 处译文指纹\n")


def test_stamping_flow_mappings_appends_an_entry(tmp_path: Path, run_cli: Any) -> None:
    path = project(tmp_path)
    before = path.read_text(encoding="utf-8")
    assert run_cli("translations", "--stamp", cwd=tmp_path).exit_code == 0
    after = path.read_text(encoding="utf-8")
    zh = "此处内容由算法根据你的兴趣推荐"
    old = "  text: {zh: 此处内容由算法根据你的兴趣推荐, en: This feed is ordered by an algorithm}\n"
    assert old in before
    assert old.replace("}\n", f', en_source: "{fingerprint(zh)}"}}\n') in after
    assert before.count("\n") == after.count("\n")
    site = (tmp_path / "content" / "site.yaml").read_text(encoding="utf-8")
    assert "en_source" in site


def test_crlf_and_bom_survive(tmp_path: Path, run_cli: Any) -> None:
    path = project(tmp_path)
    raw = "\ufeff" + BLOCK.replace("\n", "\r\n")
    path.write_bytes(raw.encode("utf-8"))
    assert run_cli("translations", "--stamp", cwd=tmp_path).exit_code == 0
    after = path.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf")
    assert b"\n" not in after.replace(b"\r\n", b"")
    assert b'  en_source: "' in after


def test_listing_missing_and_stale_english(tmp_path: Path, run_cli: Any) -> None:
    path = project(tmp_path, BLOCK)
    listed = run_cli("translations", cwd=tmp_path)
    assert listed.exit_code == 1
    assert "content/algorithms/base.yaml:20:7: [mechanisms[0].title] 缺少英文" in listed.stdout
    run_cli("translations", "--stamp", cwd=tmp_path)
    text = path.read_text(encoding="utf-8").replace("估计你对每条新视频", "估计你对每一条新视频")
    path.write_text(text, encoding="utf-8")
    listed = run_cli("translations", cwd=tmp_path)
    assert "[principles] 英文已过期：中文改动后英文没有更新" in listed.stdout
    assert "1 处英文过期" in listed.stdout
    checked = run_cli("check", "--today", "2026-11-25", cwd=tmp_path)
    assert "DG-TRANSLATION-STALE" in checked.stdout and "[principles.en]" in checked.stdout


def test_restamping_stale_english_is_explicit_and_in_place(tmp_path: Path, run_cli: Any) -> None:
    path = project(tmp_path, BLOCK)
    run_cli("translations", "--stamp", cwd=tmp_path)
    text = path.read_text(encoding="utf-8")
    text = text.replace("估计你对每条新视频", "估计你对每一条新视频")
    text = text.replace("读取你的观看记录", "读取你的观看和搜索记录")
    path.write_text(text, encoding="utf-8")
    # Plain --stamp never hides staleness.
    run_cli("translations", "--stamp", cwd=tmp_path)
    assert path.read_text(encoding="utf-8") == text
    result = run_cli(
        "translations", "--stamp", "--include-stale", "--path", "principles", cwd=tmp_path
    )
    assert result.exit_code == 0
    after = path.read_text(encoding="utf-8")
    data = yaml.safe_load(after)
    assert data["principles"]["en_source"] == fingerprint(data["principles"]["zh"])
    desc = data["mechanisms"][0]["description"]
    assert desc["en_source"] != fingerprint(desc["zh"])  # outside --path: still stale
    assert after.count("en_source") == text.count("en_source")


def test_layouts_that_cannot_be_edited_safely_are_refused(tmp_path: Path, run_cli: Any) -> None:
    tricky = BLOCK.replace(
        "description: {zh: 读取你的观看记录, en: Reads your viewing history  }",
        "description: {zh: 读取你的观看记录, en: Reads your viewing history # note\n      }",
    )
    path = project(tmp_path, tricky)
    result = run_cli("translations", "--stamp", cwd=tmp_path)
    assert result.exit_code == 2
    assert "content/algorithms/base.yaml:1:1: 无法在保留原有格式的前提下写入 `en_source`" in (
        result.stderr
    )
    assert path.read_text(encoding="utf-8") == tricky


def test_chinese_only_sites_do_not_list_missing_english(tmp_path: Path, run_cli: Any) -> None:
    project(tmp_path, BLOCK)
    site = tmp_path / "content" / "site.yaml"
    site.write_text(
        site.read_text(encoding="utf-8").replace("languages: [zh, en]", "languages: [zh]"),
        encoding="utf-8",
    )
    listed = run_cli("translations", cwd=tmp_path)
    assert listed.exit_code == 0
    assert "缺少英文" not in listed.stdout
