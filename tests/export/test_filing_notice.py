"""拟公示内容 rows and counts; in-app notices and their length limit."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from support import TODAY

from disclosure_gen.export.blocks import plain_rich
from disclosure_gen.export.filing import filing_sheet
from disclosure_gen.export.notice import NoticeTooLong, shorten

DAY = TODAY.isoformat()
ROW = re.compile(r"^【(?P<label>[^】]+)】（(?P<chars>\d+) 字）$")


def _rows(text: str) -> dict[str, list[tuple[str, int, str]]]:
    """Parse filing text back into {algorithm heading: [(label, stated count, body)]}."""
    out: dict[str, list[tuple[str, int, str]]] = {}
    current = ""
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if i + 1 < len(lines) and lines[i + 1].startswith("-" * 40):
            current = line
            out[current] = []
            i += 2
            continue
        match = ROW.match(line)
        if match:
            body = []
            i += 1
            while i < len(lines) and lines[i] and not ROW.match(lines[i]):
                body.append(lines[i])
                i += 1
            out[current].append((match["label"], int(match["chars"]), "\n".join(body)))
            continue
        i += 1
    return out


def test_filing_rows_counts_and_texts(render_demo, demo) -> None:
    parsed = _rows(render_demo("filing-txt").decode("utf-8"))
    assert len(parsed) == len(demo[1])
    for algo in demo[1]:
        rows = parsed[f"{algo.name.zh}（{algo.id}）"]
        labels = [r[0] for r in rows]
        assert labels == [
            "算法名称",
            "算法基本原理",
            "算法运行机制",
            "算法应用场景",
            "算法目的意图",
            "备案编号",
        ]
        for _label, stated, body in rows:
            assert stated == len(body), (algo.id, _label)
        by_label = {r[0]: r[2] for r in rows}
        assert by_label["算法基本原理"] == plain_rich(algo.principles.zh)
        assert by_label["算法目的意图"] == plain_rich(algo.purpose.zh)
        assert by_label["算法应用场景"] == plain_rich(algo.scenarios.zh)
        assert by_label["备案编号"] == algo.filing.number
        for n, m in enumerate(algo.mechanisms, start=1):
            assert f"{n}. {m.title.zh}：" in by_label["算法运行机制"]


def test_filing_number_row_only_when_filed(demo) -> None:
    from dataclasses import replace

    algo = demo[1][0]
    pending = replace(algo, filing=replace(algo.filing, status="pending", number=""))
    assert "备案编号" not in [r.label for r in filing_sheet(pending).rows]
    assert filing_sheet(algo).rows[-1].chars == len(algo.filing.number)


def test_notice_json_has_a_text_per_placement(render_demo, demo) -> None:
    data = json.loads(render_demo("notice-json"))
    assert [a["id"] for a in data["algorithms"]] == [a.id for a in demo[1]]
    for rec, algo in zip(data["algorithms"], demo[1], strict=True):
        assert len(rec["placements"]) == len(algo.notice.placements)
        for p in rec["placements"]:
            assert p["text"] == plain_rich(algo.notice.text.zh)
            assert p["chars"] == len(p["text"]) and not p["truncated"]


def test_max_chars_cuts_at_a_sentence_end(run_cli, demo_root: Path) -> None:
    result = run_cli(
        "export",
        "--format",
        "notice-json",
        "--algorithm",
        "feed-recommendation",
        "--max-chars",
        "25",
        "--today",
        DAY,
        cwd=demo_root,
    )
    assert result.exit_code == 0, result.stderr
    rec = json.loads(result.stdout)["algorithms"][0]
    for p in rec["placements"]:
        assert p["truncated"] and p["chars"] <= 25 and p["text"].endswith("。")
    assert "截短" in result.stderr


def test_max_chars_refuses_when_the_first_sentence_is_too_long(run_cli, demo_root: Path) -> None:
    result = run_cli(
        "export", "--format", "notice-txt", "--max-chars", "5", "--today", DAY, cwd=demo_root
    )
    assert result.exit_code == 2
    assert "第一句" in result.stderr and "notice.text" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("一二三。四五六。", 100, "一二三。四五六。"),
        ("一二三。四五六。", 7, "一二三。"),
        ("他说「好。」然后走了。", 7, "他说「好。」"),
        ("First one. Second one.", 15, "First one."),
        ("Version 1.5 is out. More.", 12, None),
    ],
)
def test_shorten(text: str, limit: int, expected: str | None) -> None:
    if expected is None:
        with pytest.raises(NoticeTooLong):
            shorten(text, limit)
    else:
        assert shorten(text, limit) == expected
