from __future__ import annotations

import hashlib
import html
import itertools
import json
import os
import posixpath
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from render_support import parse, to_html
from support import load_base, set_path

from disclosure_gen.content.loader import load_file
from disclosure_gen.content.model.algorithm import Algorithm
from disclosure_gen.content.model.site import Site
from disclosure_gen.content.model.text import fingerprint
from disclosure_gen.export.to_json import CATALOGUE_PATH
from disclosure_gen.markup.math import render_tex
from disclosure_gen.site.render.chartspec import format_number
from disclosure_gen.site.render.pages import (
    CATEGORY_SLUGS,
    Page,
    category_slug,
    changelog_page,
    render_pages,
    static_assets,
)

Demo = tuple[Site, tuple[Algorithm, ...]]
ROOT = Path(__file__).resolve().parents[2]

PAYLOADS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    '{: onclick="alert(3)" }',
    "[x](javascript:alert(4))",
    "[y](JAVASCRIPT:alert(5))",
    "[z](jav&#x61;script:alert(6))",
    "[d](data:text/html,<script>alert(7)</script>)",
    "</title><script>alert(8)</script>",
    "</math><svg onload=alert(9)>",
    '--8<-- "/etc/passwd"',
)
RICH = "\n\n".join(PAYLOADS)
PLAIN = " ".join(PAYLOADS)
ALGO_SECTIONS = (
    "overview",
    "principles",
    "purpose",
    "scenarios",
    "mechanisms",
    "diversity",
    "formulas",
    "charts",
    "inputs",
    "minors",
    "controls",
    "explanation",
    "complaints",
    "filing",
    "faq",
    "glossary",
    "versions",
    "legal-basis",
)


def pages_by_path(site: Site, algos: tuple[Algorithm, ...], **kw: Any) -> dict[str, Page]:
    out: dict[str, Page] = {}
    for lang in ("zh", "en"):
        out.update({p.path: p for p in render_pages(site, algos, lang=lang, **kw)})
    return out


def feed(demo: Demo) -> Algorithm:
    return next(a for a in demo[1] if a.id == "feed-recommendation")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_feed_recommendation_page_matches_golden(
    demo: Demo, golden: Callable[[str, bytes], None], lang: str
) -> None:
    page = next(
        p for p in render_pages(*demo, lang=lang) if p.path.endswith("feed-recommendation.md")
    )
    assert page.path == ("en/" if lang == "en" else "") + "algorithms/feed-recommendation.md"
    golden(f"pages/feed-recommendation.{lang}.md", page.markdown.encode("utf-8"))


def test_every_page_of_both_languages_is_listed(demo: Demo) -> None:
    site, algos = demo
    paths = list(pages_by_path(site, algos))
    slugs = sorted({category_slug(a.category) for a in algos})
    expected = [
        "index.md",
        *(f"categories/{s}.md" for s in slugs),
        *(f"algorithms/{a.id}.md" for a in algos),
        "controls.md",
        "complaints.md",
        "filing.md",
        "changelog.md",
        *(["ai-labels.md"] if any(a.generative for a in algos) else []),
    ]
    assert sorted(paths) == sorted(expected + ["en/" + p for p in expected])


def test_algorithm_page_has_the_fixed_section_ids_in_order(demo: Demo) -> None:
    page = render_pages(demo[0], (feed(demo),), lang="zh")[2]
    ids = re.findall(r"^## .* \{ #([a-z-]+) \}$", page.markdown, flags=re.M)
    assert ids == [s for s in ALGO_SECTIONS if s != "explanation"]
    assert "\n### 申请说明 { #explanation }\n" in page.markdown
    assert page.markdown.startswith("# 青禾短视频个性化推荐算法 { #title }\n")


def test_html_blocks_reach_the_page_verbatim(demo: Demo) -> None:
    """Every non-heading line is raw HTML that Python-Markdown copies unchanged."""
    for page in pages_by_path(*demo).values():
        html_lines = set(to_html(page.markdown).split("\n"))
        for line in page.markdown.split("\n"):
            if not line.strip() or line.startswith("#"):
                continue
            assert line in html_lines, f"{page.path}: line was changed: {line[:80]}"
        lines = page.markdown.split("\n")
        for i, line in enumerate(lines):
            if line.startswith("#"):
                # Headings stand alone: blank lines around them keep HTML blocks separate.
                assert lines[i + 1] == "" and (i == 0 or lines[i - 1] == ""), page.path
            elif line and (i == 0 or lines[i - 1] == ""):
                assert line.startswith("<") and not line.startswith("<span"), page.path


def test_headings_are_in_order_and_have_ascii_ids(demo: Demo) -> None:
    for page in pages_by_path(*demo).values():
        tags = parse(to_html(page.markdown)).tags
        levels = [(int(t[1]), a.get("id", "")) for t, a in tags if re.fullmatch(r"h[1-6]", t)]
        assert levels[0][0] == 1 and [lv for lv, _ in levels].count(1) == 1, page.path
        for (before, _), (after, ident) in itertools.pairwise(levels):
            assert after <= before + 1, f"{page.path}: h{before} → h{after}"
            assert re.fullmatch(r"[a-z0-9][a-z0-9-]*", ident), f"{page.path}: id {ident!r}"


def test_internal_links_and_images_resolve(demo: Demo) -> None:
    """Relative hrefs work with use_directory_urls: page URLs are directories."""
    pages = pages_by_path(*demo)
    # The catalogue JSON is added beside the pages by render/project.py.
    files = set(static_assets()) | {k for p in pages.values() for k in p.assets} | {CATALOGUE_PATH}
    ids = {
        path: {a["id"] for _, a in parse(to_html(p.markdown)).tags if "id" in a}
        for path, p in pages.items()
    }

    def url_of(path: str) -> str:
        return path[: -len("index.md")] if path.endswith("index.md") else path[:-3] + "/"

    by_url = {url_of(p): p for p in pages}
    checked = 0
    for path, page in pages.items():
        for tag, attrs in parse(to_html(page.markdown)).tags:
            ref = attrs.get("href") or (attrs.get("src") if tag == "img" else None)
            if not ref or ref.startswith(("https://", "mailto:")):
                continue
            target, _, anchor = ref.partition("#")
            base = url_of(path)
            resolved = posixpath.normpath(posixpath.join(base, target)) if target else base
            resolved = "" if resolved == "." else resolved
            if tag == "img" or resolved in files:
                assert resolved in files, f"{path}: {ref}"
            else:
                resolved = resolved + "/" if resolved and not resolved.endswith("/") else resolved
                assert resolved in by_url, f"{path}: {ref}"
                assert not anchor or anchor in ids[by_url[resolved]], f"{path}: {ref}"
            checked += 1
    assert checked > 100


def payload_algorithm() -> tuple[Site, Algorithm]:
    """The rule base with every text, URL and formula field carrying the payloads."""
    site_data, data = load_base()
    rich = {"zh": RICH, "en": RICH}
    plain = {"zh": PLAIN, "en": PLAIN}
    for dotted in (
        "summary",
        "principles",
        "purpose",
        "scenarios",
        "objectives",
        "diversity",
        "mechanisms[0].description",
        "inputs[0].source",
        "inputs[0].use",
        "user_controls.personalisation.effect",
        "user_controls.not_interested.description",
        "notice.text",
        "complaints.entry",
        "complaints.process",
        "minors.protections",
        "elderly.services",
        "workers.pay",
        "ranking_list.worked_example",
        "pricing.description",
    ):
        set_path(data, dotted, rich)
    for dotted in ("name", "mechanisms[0].title", "inputs[0].category"):
        set_path(data, dotted, plain)
    set_path(data, "inputs[0].examples", {"zh": list(PAYLOADS), "en": list(PAYLOADS)})
    set_path(data, "user_controls.personalisation.paths[0].steps", {"zh": list(PAYLOADS)})
    set_path(data, "complaints.url", "javascript:alert(10)")
    set_path(data, "complaints.response_time", {"value": 1, "unit": "days"})
    set_path(data, "pricing.features", list(PAYLOADS))
    set_path(data, "ranking_list.factors", [{"name": plain, "description": rich}])
    set_path(data, "glossary", [{"term": PLAIN, "definition": rich}])
    set_path(data, "faq", [{"q": plain, "a": rich}])
    set_path(data, "versions[0].changes", rich)
    set_path(
        data,
        "filing",
        {"status": "filed", "number": PLAIN, "public_info_link": "javascript:alert(11)"},
    )
    set_path(
        data,
        "formulas",
        [
            {
                "id": "f",
                "title": plain,
                "tex": r"x = \text{<img src=x onerror=alert(12)>}",
                "text": rich,
                "symbols": [
                    {"symbol": r"\href{javascript:alert(13)}{x}", "meaning": rich},
                    {"symbol": r"\text{</math><script>}", "meaning": rich},
                ],
                "relative_importance": rich,
                "explorable": {
                    "combine": "sum",
                    "result": plain,
                    "rows": [
                        {
                            "label": plain,
                            "factors": [
                                {"label": plain, "min": 0, "max": 1, "step": 0.1, "value": 0.5}
                            ],
                        }
                    ],
                },
            },
            {"id": "g", "title": plain, "tex": r"\href{javascript:alert(14)}{y}"},
        ],
    )
    set_path(
        data,
        "charts",
        [
            {
                "id": "c",
                "title": plain,
                "kind": "bar",
                "caption": rich,
                "categories": {"zh": list(PAYLOADS[:3])},
                "series": [{"name": plain, "values": [1, 2, 3]}],
                "x_label": plain,
            }
        ],
    )
    site_data["explanation"] = {"channel": rich, "url": "javascript:alert(15)"}
    site = Site.from_data(site_data)
    return site, Algorithm.from_data(data, site)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_payloads_come_out_inert(lang: str) -> None:
    site, algo = payload_algorithm()
    for page in render_pages(site, (algo,), lang=lang, draft=True):
        md = page.markdown
        assert "<script" not in md.lower(), page.path
        assert "<img src=x" not in md and "<svg onload" not in md, page.path
        assert "--8<--" not in md, page.path
        for line in md.split("\n"):
            if line.startswith("#"):
                # Headings are ours; the only YAML text there is the entity-encoded title.
                assert not re.search(r"[<>{}\[\]*`]", line.split(" { #")[0][2:]), line
        parsed = parse(to_html(md))
        for tag, attrs in parsed.tags:
            assert tag not in ("script", "iframe", "object", "embed"), page.path
            for name, value in attrs.items():
                assert not name.startswith("on"), f"{page.path}: <{tag} {name}>"
                if name in ("href", "src", "action", "formaction"):
                    assert re.match(r"(https://|mailto:|#|\.\./|\./|[a-z0-9])", value), value
                    assert not re.match(r"\s*(javascript|data|vbscript):", value, re.I), value
        assert "alert(1)" in "".join(parsed.text), "payload text should show as text"
        assert set(page.title) & set("<>&\"'{}[]`") == set(), page.title


def test_payload_name_is_the_h1_text_exactly() -> None:
    site, algo = payload_algorithm()
    page = next(p for p in render_pages(site, (algo,), lang="zh") if "algorithms/" in p.path)
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", to_html(page.markdown))
    assert h1 is not None
    assert "".join(parse(h1.group(1)).text) == PLAIN


def test_untranslated_and_stale_english_are_marked(demo: Demo) -> None:
    site = demo[0]
    algo = feed(demo)
    zh_only = algo.__class__.from_data(
        {**_raw(algo), "purpose": {"zh": algo.purpose.zh}},
        site,
    )
    page = next(p for p in render_pages(site, (zh_only,), lang="en") if "algorithms/" in p.path)
    purpose = page.markdown.split("{ #purpose }")[1].split("\n## ")[0]
    assert "Not yet translated" in purpose and "未翻译" in purpose
    assert '<div lang="zh-CN">' in purpose and algo.purpose.zh.split("\n")[0] in purpose
    assert "Not yet translated" not in page.markdown.split("{ #purpose }")[0]
    # The Chinese page never shows markers.
    zh_page = next(p for p in render_pages(site, (zh_only,), lang="zh") if "algorithms/" in p.path)
    assert "Not yet translated" not in zh_page.markdown

    stale = algo.__class__.from_data(
        {**_raw(algo), "purpose": {"zh": "新的中文", "en": "Old", "en_source": "0" * 8}},
        site,
    )
    fresh = algo.__class__.from_data(
        {
            **_raw(algo),
            "purpose": {"zh": "新的中文", "en": "Old", "en_source": fingerprint("新的中文")},
        },
        site,
    )
    stale_md = next(p for p in render_pages(site, (stale,), lang="en") if "algorithms/" in p.path)
    fresh_md = next(p for p in render_pages(site, (fresh,), lang="en") if "algorithms/" in p.path)
    assert "Translation may be out of date" in stale_md.markdown
    assert "Translation may be out of date" not in fresh_md.markdown


def _raw(algo: Algorithm) -> dict[str, Any]:
    """The YAML data of a demo algorithm (re-read: models do not keep it)."""
    return dict(load_file(ROOT / "content" / "algorithms" / f"{algo.id}.yaml").data)


def test_draft_banner_is_on_every_page_only_in_drafts(demo: Demo) -> None:
    for page in pages_by_path(*demo, draft=True).values():
        assert '<div class="dg-draft" role="note">' in page.markdown, page.path
        first_block = page.markdown.split("\n\n")[1]
        assert "dg-draft" in first_block, page.path
    for page in pages_by_path(*demo).values():
        assert "dg-draft" not in page.markdown, page.path


def test_explorable_table_shows_the_computed_result(demo: Demo) -> None:
    site, algos = demo
    seen = 0
    for algo in algos:
        md = render_pages(site, (algo,), lang="zh")[2].markdown
        for formula in algo.formulas:
            ex = formula.explorable
            if ex is None:
                continue
            section = md.split(f'<h3 id="formula-{formula.id}">')[1]
            box = section.split('<div class="dg-explorable"')[1].split("</table>")[0]
            result = re.search(r'<output class="dg-explorable__result">([^<]*)</output>', box)
            assert result is not None and result.group(1) == format_number(ex.evaluate())
            assert "<caption>示例数值，非真实参数</caption>" in box
            raw = re.search(r'data-dg-explorable="([^"]*)"', box)
            assert raw is not None
            data = json.loads(html.unescape(raw.group(1)))
            assert data["combine"] == ex.combine
            assert [f["value"] for r in data["rows"] for f in r["factors"]] == [
                f.value for r in ex.rows for f in r.factors
            ]
            seen += 1
    assert seen >= 2


def test_line_breaks_inside_chinese_text_are_dropped(demo: Demo) -> None:
    """A soft break between two CJK characters would show as a stray space."""
    md = render_pages(demo[0], (feed(demo),), lang="zh")[2].markdown
    assert "「不感兴趣」\n则是负面信号" in feed(demo).principles.zh
    assert "「不感兴趣」则是负面信号" in md


def test_formula_has_katex_words_and_symbol_table(demo: Demo) -> None:
    algo = feed(demo)
    md = render_pages(demo[0], (algo,), lang="zh")[2].markdown
    formulas = md.split("{ #formulas }")[1].split("\n## ")[0]
    assert render_tex(algo.formulas[0].tex) in formulas
    assert algo.formulas[0].text.zh in formulas
    assert render_tex("P_k", display=False) in formulas
    assert "<caption>符号说明</caption>" in formulas


def test_mechanism_diagram_alt_lists_the_stages_in_order(demo: Demo) -> None:
    algo = feed(demo)
    for lang in ("zh", "en"):
        page = next(p for p in render_pages(demo[0], (algo,), lang=lang) if "algorithms/" in p.path)
        pattern = r'<img src="[^"]*pipeline\.' + lang + r'\.svg" alt="([^"]*)"'
        alt = re.search(pattern, page.markdown)
        assert alt is not None
        titles = [m.title.get(lang) for m in algo.mechanisms]
        positions = [alt.group(1).index(t) for t in titles]
        assert positions == sorted(positions)
        svg = page.assets[f"assets/dg/{algo.id}/pipeline.{lang}.svg"]
        assert svg.startswith(b"<?xml") and b"<title>" in svg


def test_every_image_has_alt_text_and_charts_have_captions_and_data(demo: Demo) -> None:
    for page in pages_by_path(*demo).values():
        tags = parse(to_html(page.markdown)).tags
        for tag, attrs in tags:
            if tag == "img":
                assert len(attrs.get("alt", "")) > 10, page.path
                assert attrs["src"].endswith(".svg") and attrs["width"] and attrs["height"]
    algo = feed(demo)
    md = render_pages(demo[0], (algo,), lang="zh")[2].markdown
    chart = md.split('<h3 id="chart-sources">')[1].split("\n\n")[0]
    caption = algo.charts[0].caption.zh.strip()
    assert f'alt="{caption}"' in chart and f"<figcaption>{caption}</figcaption>" in chart
    assert '<tr><th scope="row">兴趣匹配</th><td>61</td></tr>' in chart


def test_home_lists_every_algorithm_with_filing_and_date(demo: Demo) -> None:
    site, algos = demo
    home = render_pages(site, algos, lang="zh")[0]
    assert home.path == "index.md"
    rows = re.findall(r"<tr><td><a href=\"algorithms/([a-z0-9-]+)/\">", home.markdown)
    ordered = [a.id for a in sorted(algos, key=lambda a: (a.category, a.id))]
    # All algorithms, then the AI features again in their own table.
    generative = [i for i in ordered if next(a for a in algos if a.id == i).generative]
    assert rows == ordered + generative
    for algo in algos:
        assert algo.filing.number in home.markdown
        assert algo.latest_date is not None and algo.latest_date.isoformat() in home.markdown


def test_changelog_is_newest_first(demo: Demo) -> None:
    site, algos = demo
    page = changelog_page(site, algos, lang="en")
    assert page.path == "en/changelog.md"
    dates = re.findall(r"<tr><td>(\d{4}-\d{2}-\d{2})</td>", page.markdown)
    assert len(dates) == sum(len(a.versions) for a in algos)
    assert dates == sorted(dates, reverse=True)


def test_category_slugs_are_ascii_and_custom_categories_get_one(demo: Demo) -> None:
    assert CATEGORY_SLUGS["个性化推送类"] == "personalised-push"
    assert all(re.fullmatch(r"[a-z-]+", s) for s in CATEGORY_SLUGS.values())
    assert category_slug("自定义类") == category_slug("自定义类")
    assert re.fullmatch(r"category-[0-9a-f]{8}", category_slug("自定义类"))


def test_filing_page_is_neutral_and_links_to_the_public_query(demo: Demo) -> None:
    site, algos = demo
    page = next(p for p in render_pages(site, algos, lang="zh") if p.path == "filing.md")
    assert "备案不是监管部门对算法的评价、认证或推荐" in page.markdown
    assert f'<a href="{site.site.filing_query_url}"' in page.markdown
    for algo in algos:
        assert algo.filing.number in page.markdown


def test_svg_cache_is_consulted_and_filled(demo: Demo) -> None:
    site, algos = demo
    cache: dict[str, bytes] = {}
    first = render_pages(site, algos, lang="zh", svg_cache=cache)
    assert cache and all(re.fullmatch(r"[0-9a-f]{64}", k) for k in cache)
    poisoned = dict.fromkeys(cache, b"<svg/>")
    again = render_pages(site, algos, lang="zh", svg_cache=poisoned)
    assert {v for p in again for v in p.assets.values()} == {b"<svg/>"}
    assert [p.markdown for p in again] != [] and [p.path for p in again] == [p.path for p in first]


def test_static_assets_are_self_contained() -> None:
    assets = static_assets()
    css = assets["assets/dg/katex/katex.min.css"].decode("utf-8")
    refs = re.findall(r"url\(([^)]+)\)", css)
    assert refs and all(r.endswith(".woff2") for r in refs)
    assert all(f"assets/dg/katex/{r}" in assets for r in refs)
    assert b"MIT License" in assets["assets/dg/katex/LICENSE"]
    extra = assets["assets/dg/extra.css"].decode("utf-8")
    assert "--md-text-font" in extra and ".md-copyright" in extra and "url(" not in extra
    js = assets["assets/dg/explorable.js"].decode("utf-8")
    assert "innerHTML" not in js and "http" not in js
    assert list(assets).index("assets/dg/katex/katex.min.css") < list(assets).index(
        "assets/dg/extra.css"
    )


def test_katex_output_matches_the_bundled_css() -> None:
    """PyKaTeX's layout classes all exist in the shipped katex.min.css (same KaTeX version)."""
    css = static_assets()["assets/dg/katex/katex.min.css"].decode("utf-8")
    known = set(re.findall(r"\.([a-zA-Z_][\w-]*)", css))
    # Atom classes carry meaning for assistive tech and are not styled by KaTeX's CSS.
    semantic = {"mord", "mbin", "mrel", "mopen", "mclose", "mpunct", "minner", "mop", "mtight"}
    semantic |= {"text", "cjk_fallback"}
    html = "".join(
        render_tex(t)
        for t in (r"S = \sum_{k} P_k \times W_k", r"\frac{a}{b}\sqrt{x}\hat{y}\text{文}")
    )
    used = {c for group in re.findall(r'class="([^"]*)"', html) for c in group.split()}
    assert used - semantic <= known, used - semantic - known


def test_output_is_identical_across_processes(demo: Demo) -> None:
    code = (
        "import hashlib, sys\n"
        "sys.path.insert(0, 'tests')\n"
        "from datetime import date\n"
        "from pathlib import Path\n"
        "from disclosure_gen.check.engine import CheckOptions, check_paths\n"
        "from disclosure_gen.site.render.pages import render_pages\n"
        "c = check_paths([Path('content')], CheckOptions(today=date(2026, 11, 25)))\n"
        "h = hashlib.sha256()\n"
        "for lang in ('zh', 'en'):\n"
        "    for p in render_pages(c.site, c.algorithms, lang=lang):\n"
        "        h.update(p.path.encode() + p.title.encode() + p.markdown.encode())\n"
        "        for k, v in sorted(p.assets.items()):\n"
        "            h.update(k.encode() + v)\n"
        "print(h.hexdigest())\n"
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
        for seed in ("1", "4242")
    }
    assert len(digests) == 1 and len(next(iter(digests))) == 64
    local = hashlib.sha256()
    site, algos = demo
    for lang in ("zh", "en"):
        for p in render_pages(site, algos, lang=lang):
            local.update(p.path.encode() + p.title.encode() + p.markdown.encode())
            for k, v in sorted(p.assets.items()):
                local.update(k.encode() + v)
    assert digests == {local.hexdigest()}


def test_importing_the_page_renderer_does_not_import_matplotlib() -> None:
    code = (
        "import sys\nimport disclosure_gen.site.render.pages\nprint('matplotlib' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
