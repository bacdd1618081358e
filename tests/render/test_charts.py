from __future__ import annotations

import os
import re
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from disclosure_gen.site.render.charts import render_svg
from disclosure_gen.site.render.chartspec import (
    ChartSpec,
    DiagramSpec,
    display_width,
    format_number,
    spec_key,
    wrap,
)

ROOT = Path(__file__).resolve().parents[2]

MIXED = ChartSpec(
    kind="bar",
    categories=("兴趣匹配", "Followed creators", "探索 new topics", "同城热门（%）"),
    series=(("本季度", (61.0, 21.0, 12.0, 6.0)), ("Last quarter", (58.0, 24.0, 11.5, 6.5))),
    title="推荐页内容来源 & <sources>",
    x_label="来源 Source",
    y_label="占比（%）",
    salt="feed-sources",
)
PIPELINE = DiagramSpec(
    steps=("收集信号", "Recalling candidates", "预估与排序：按下方公式算出推荐优先级并排序" * 3),
    title="运行流程图，共 3 步",
    salt="feed-pipeline",
)
SPECS = [
    MIXED,
    ChartSpec("barh", ("等待出餐", "Riding"), (("分钟", (9.0, 14.0)),), "t", "分钟", "", "a-b"),
    ChartSpec("line", ("1月", "2月", "3月"), (("A", (1.0, 2.5, 2.0)),), "t", "月", "值", "a-c"),
    PIPELINE,
]


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: getattr(s, "kind", "diagram"))
def test_svg_is_byte_identical_across_renders_without_missing_glyphs(
    spec: ChartSpec | DiagramSpec,
) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        first = render_svg(spec)
        second = render_svg(spec)
    assert [str(w.message) for w in caught] == []
    assert first == second
    assert first.startswith(b"<?xml") and b"<svg " in first


def test_svg_is_byte_identical_across_processes() -> None:
    code = (
        "import hashlib, sys\n"
        "from disclosure_gen.site.render.charts import render_svg\n"
        "from disclosure_gen.site.render.chartspec import ChartSpec, DiagramSpec\n"
        "specs = [ChartSpec('bar', ('兴趣匹配', 'Follow'), (('本季度', (61.0, 21.0)),),\n"
        "                   't', '来源', '占比', 'x-y'),\n"
        "         DiagramSpec(('收集信号', 'Ranking'), 'flow', 'x-pipeline')]\n"
        "print(hashlib.sha256(b''.join(render_svg(s) for s in specs)).hexdigest())\n"
    )
    digests = {
        subprocess.run(
            [sys.executable, "-c", code],
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        for seed in ("0", "987")
    }
    assert len(digests) == 1 and len(next(iter(digests))) == 64


def test_more_values_than_categories_are_cut_to_the_categories() -> None:
    for kind in ("bar", "barh", "line"):
        svg = render_svg(ChartSpec(kind, ("甲", "乙"), (("s", (1.0, 2.0, 3.0)),), "t"))
        assert svg.startswith(b"<?xml")


def test_svg_names_itself_and_carries_nothing_active() -> None:
    svg = render_svg(MIXED).decode("utf-8")
    assert '<svg role="img" ' in svg
    assert "<title>推荐页内容来源 &amp; &lt;sources&gt;</title>" in svg
    assert "<script" not in svg and "onload" not in svg
    # No links to other hosts: only the XML namespaces, the SVG DTD and RDF vocabularies.
    hosts = set(re.findall(r"https?://([^/\"]+)", svg))
    assert hosts <= {"www.w3.org", "purl.org", "creativecommons.org"}, hosts
    assert "Date" not in svg and "Matplotlib v" not in svg


def test_text_is_drawn_as_paths_not_fonts() -> None:
    svg = render_svg(PIPELINE).decode("utf-8")
    assert "<text" not in svg and "font-family" not in svg
    assert re.search(r'<path id="NotoSansSC-Regular-[0-9a-f]+"', svg)
    assert re.search(r'<path id="DejaVuSans-[0-9a-f]+"', svg)


def test_salt_changes_ids_and_nothing_else_changes_without_input() -> None:
    a = render_svg(ChartSpec("bar", ("甲",), (("s", (1.0,)),), "t", salt="one"))
    b = render_svg(ChartSpec("bar", ("甲",), (("s", (1.0,)),), "t", salt="two"))
    assert a != b
    assert re.sub(rb'"[^"]*"', b"", a).count(b"<") == re.sub(rb'"[^"]*"', b"", b).count(b"<")


def test_matplotlib_global_settings_are_untouched() -> None:
    import matplotlib

    before = {k: matplotlib.rcParams[k] for k in ("svg.fonttype", "svg.hashsalt", "font.family")}
    render_svg(MIXED)
    after = {k: matplotlib.rcParams[k] for k in before}
    assert before == after


def test_cache_key_covers_what_changes_the_svg() -> None:
    assert spec_key(MIXED) == spec_key(ChartSpec(**{**MIXED.__dict__}))
    assert re.fullmatch(r"[0-9a-f]{64}", spec_key(MIXED))
    variants = [
        ChartSpec(**{**MIXED.__dict__, "categories": ("x", "y", "z", "w")}),
        ChartSpec(**{**MIXED.__dict__, "salt": "other"}),
        ChartSpec(**{**MIXED.__dict__, "kind": "barh"}),
        ChartSpec(**{**MIXED.__dict__, "title": "other"}),
    ]
    assert len({spec_key(v) for v in variants} | {spec_key(MIXED)}) == 5
    assert spec_key(DiagramSpec(("a",), "t", "s")) != spec_key(DiagramSpec(("b",), "t", "s"))


def test_cache_is_filled_then_used() -> None:
    cache: dict[str, bytes] = {}
    svg = render_svg(PIPELINE, cache)
    assert cache == {spec_key(PIPELINE): svg}
    cache[spec_key(PIPELINE)] = b"cached"
    assert render_svg(PIPELINE, cache) == b"cached"


def test_long_labels_wrap_by_display_width() -> None:
    assert display_width("中文ab") == 6
    lines = wrap("预估与排序：按下方公式算出推荐优先级并排序" * 3, 20)
    assert len(lines) == 3 and lines[-1].endswith("…")
    assert all(display_width(line) <= 21 for line in lines)
    assert wrap("Recalling candidates along several routes", 20) == [
        "Recalling candidates",
        "along several routes",
    ]


def test_numbers_show_without_float_noise() -> None:
    assert [format_number(v) for v in (1.25, 30.0, -4.0, 0.1 + 0.2, -0.0)] == [
        "1.25",
        "30",
        "-4",
        "0.3",
        "0",
    ]


@pytest.mark.parametrize("kind", ["bar", "barh", "line"])
def test_dollar_signs_are_drawn_as_text_not_mathtext(kind: str) -> None:
    # Two `$` in one label made matplotlib parse mathtext: unknown commands crashed the build,
    # known ones drew something other than what the author wrote.
    labels = ("售价 $5 到 $10", r"$\notacommand{x}$", "$$<img src=x onerror=alert(1)>$$")
    spec = ChartSpec(kind, labels, (("$a$", (1.0, 2.0, 3.0)),), "t", "$x$", r"\$y$", "dollar")
    svg = render_svg(spec)
    assert b"<svg " in svg and b"<img" not in svg
    diagram = DiagramSpec(("$\\alpha$ and $\\beta$", r"$\notacommand$"), "t", "dollar-d")
    assert b"<svg " in render_svg(diagram)
    # Under mathtext the Chinese between two `$` lost its glyphs (a warning, an error here).
