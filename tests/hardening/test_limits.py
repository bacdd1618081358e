"""Hostile sizes: each is refused with a located message or handled, in bounded time and memory.

Each case runs `disclosure-gen` in a fresh interpreter, started from a small probe interpreter
that reports the wall time and the peak RSS of its children (``ru_maxrss`` also counts a child's
life before ``exec``, so measuring from the big pytest process would report pytest's size).
The bounds are generous on purpose: they catch blow-ups (exponential aliases, recursion,
quadratic parsing), not slowness. ``pytest tests/hardening/test_limits.py -s`` prints the
measured figures.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hardening.hardening_support import CLI, TODAY, small_project
from support import load_base, write_content

SECONDS = 30.0
MEGABYTES = 500.0
BUILD_SECONDS = 120.0

PROBE = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
with open(".probe-out", "wb") as out, open(".probe-err", "wb") as err:
    code = subprocess.run(sys.argv[1:], stdout=out, stderr=err).returncode
seconds = time.perf_counter() - start
print(json.dumps([code, seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024]))
"""


def _measure(project: Path, *args: str) -> tuple[int, float, float, str]:
    """(exit code, seconds, peak MB of the CLI and its children, stderr + stdout)."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *CLI, *args],
        cwd=project,
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    code, seconds, megabytes = json.loads(done.stdout)
    text = (project / ".probe-err").read_text("utf-8") + (project / ".probe-out").read_text("utf-8")
    return code, seconds, megabytes, text


def _with(tmp_path: Path, name: str, change: dict[str, Any]) -> Path:
    site, algo = load_base()
    algo = copy.deepcopy(algo)
    algo.update(change)
    project = tmp_path / name
    small_project(project)
    write_content(project, site, [algo])
    return project


def _billion_laughs() -> bytes:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    return ("\n".join(lines) + "\n").encode()


#: name → (file content, what the located error says)
REFUSED = {
    "billion-laughs": (_billion_laughs, ":1:5: error 不允许使用 YAML 锚点"),
    "nesting-flow-sequences": (lambda: b"a: " + b"[" * 100_000 + b"]" * 100_000, "嵌套过深"),
    "nesting-flow-mappings": (
        lambda: b"a: " + b"{a: " * 100_000 + b"1" + b"}" * 100_000,
        "嵌套过深",
    ),
    "nesting-block-sequences": (lambda: b"a:\n  " + b"- " * 100_000 + b"x\n", "嵌套过深"),
    "file-50-mb": (
        lambda: b"id: big\nname: {zh: '" + b"x" * (50 * 1024 * 1024) + b"'}\n",
        "文件过大",
    ),
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_hostile_yaml_is_refused_quickly_with_a_location(tmp_path: Path, name: str) -> None:
    make, words = REFUSED[name]
    project = small_project(tmp_path / "p")
    bad = project / "content" / "algorithms" / f"{name}.yaml"
    bad.write_bytes(make())
    code, seconds, megabytes, text = _measure(project, "check", "--today", TODAY)
    print(f"\n{name} ({bad.stat().st_size:,} B): exit {code}, {seconds:.2f} s, {megabytes:.0f} MB")
    assert code == 2
    first = text.splitlines()[0]
    assert first.startswith(f"content/algorithms/{name}.yaml:") and words in first, first
    assert "Traceback" not in text
    assert seconds < SECONDS and megabytes < MEGABYTES


def test_a_100000_character_field_is_a_schema_finding(tmp_path: Path) -> None:
    project = _with(tmp_path, "long", {"principles": {"zh": "推荐算法" * 25_000}})
    code, seconds, megabytes, text = _measure(project, "check", "--today", TODAY)
    print(f"\n100,000-character field: exit {code}, {seconds:.2f} s, {megabytes:.0f} MB")
    assert code == 1
    assert "DG-SCHEMA" in text and "[principles.zh]" in text and "上限 20000" in text
    assert seconds < SECONDS and megabytes < MEGABYTES


def test_the_longest_allowed_fields_check_and_build(tmp_path: Path) -> None:
    # 20,000 and 40,000 characters (the schema's limits), plus texts that stress Markdown
    # parsing: delimiter runs, unclosed brackets and backticks.
    sentence = "算法根据你的观看记录估计兴趣，并把可能喜欢的内容排在前面。"
    change = {
        "principles": {
            "zh": (sentence * 700)[:20_000],
            "en": ("Interest is estimated. " * 1800)[:40_000],
        },
        "purpose": {"zh": "*" * 20_000},
        "diversity": {"zh": "[" * 10_000 + "`" * 10_000},
        "scenarios": {"zh": "<" * 20_000},
    }
    project = _with(tmp_path, "longest", change)
    code, seconds, megabytes, _ = _measure(project, "check", "--today", TODAY)
    print(f"\nLongest fields, check: exit {code}, {seconds:.2f} s, {megabytes:.0f} MB")
    assert code in (0, 1) and seconds < SECONDS and megabytes < MEGABYTES
    code, seconds, megabytes, text = _measure(
        project, "build", "--today", TODAY, "--no-cache", "--allow-errors"
    )
    print(f"Longest fields, build: exit {code}, {seconds:.2f} s, {megabytes:.0f} MB")
    assert code == 0, text[-2000:]
    assert seconds < BUILD_SECONDS and megabytes < MEGABYTES


def _formulas(n: int, symbols: int = 0) -> list[dict[str, Any]]:
    return [
        {
            "id": f"f{i}",
            "title": {"zh": f"公式{i}"},
            "tex": f"S_{{{i}}} = \\sum_k P_k W_k",
            "text": {"zh": "说明"},
            **(
                {
                    "symbols": [
                        {"symbol": f"P_{{{j}}}", "meaning": {"zh": "可能性"}}
                        for j in range(symbols)
                    ]
                }
                if symbols
                else {}
            ),
        }
        for i in range(n)
    ]


def test_ten_thousand_formulas_are_refused_by_the_schema(tmp_path: Path) -> None:
    # 10,000 formulas fit under the 1 MiB file limit; typesetting them took about 14 s per
    # check. The schema allows 50 (maxItems), far more than any disclosure uses.
    project = _with(tmp_path, "many", {"formulas": _formulas(10_000)})
    size = (project / "content" / "algorithms" / "base.yaml").stat().st_size
    assert size < 1024 * 1024
    code, seconds, megabytes, text = _measure(project, "check", "--today", TODAY)
    print(f"\n10,000 formulas ({size:,} B): exit {code}, {seconds:.2f} s, {megabytes:.0f} MB")
    assert code == 1
    assert "DG-SCHEMA" in text and "[formulas]" in text and "上限 50" in text
    assert seconds < SECONDS and megabytes < MEGABYTES


def test_the_most_formulas_allowed_check_and_build(tmp_path: Path) -> None:
    project = _with(tmp_path, "fifty", {"formulas": _formulas(50, symbols=10)})
    code, seconds, megabytes, text = _measure(project, "check", "--today", TODAY)
    print(f"\n50 formulas × 10 symbols, check: exit {code}, {seconds:.2f} s, {megabytes:.0f} MB")
    assert code in (0, 1) and "DG-SCHEMA" not in text and "DG-TEX" not in text
    assert seconds < SECONDS and megabytes < MEGABYTES
    code, seconds, megabytes, text = _measure(
        project, "build", "--today", TODAY, "--no-cache", "--allow-errors"
    )
    print(f"50 formulas × 10 symbols, build: exit {code}, {seconds:.2f} s, {megabytes:.0f} MB")
    assert code == 0, text[-2000:]
    html = (project / "site" / "algorithms" / "base" / "index.html").read_text("utf-8")
    assert html.count('class="katex-display"') >= 50
    assert seconds < BUILD_SECONDS and megabytes < MEGABYTES
