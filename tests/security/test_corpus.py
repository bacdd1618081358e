"""The XSS corpus through check, build and every export: a finding, or output with nothing active.

The hostile catalogue (conftest.py) carries every payload in every string field of the demo
algorithm, and the payloads spread over site.yaml and the other demo algorithms. Figures:
``pytest tests/security -s`` prints payloads × fields and the outcome counts.
"""

from __future__ import annotations

import collections
import csv
import io
import json
import re
import warnings
import zipfile
from pathlib import Path

import pytest
from hardening.site_scan import Page, active_content, read_page, read_site
from markdown_it import MarkdownIt
from security_support import DEMO, TODAY, Hostile, cli, load_corpus
from support import ROOT, load_base, write_content

from disclosure_gen.export import EXPORT_FORMATS
from disclosure_gen.export.run import ZH_ONLY_FORMATS, ExportRequest, export
from disclosure_gen.markup.math import MAX_SIZE_EM, render_tex
from disclosure_gen.site.render.charts import render_svg
from disclosure_gen.site.render.chartspec import ChartSpec, DiagramSpec

THEME_SCRIPTS = re.compile(
    r"(^|/)assets/(javascripts/bundle\.[0-9a-f]{8,}\.min\.js|dg/explorable\.js)$"
)
REQUIRED_CATEGORIES = {
    "script",
    "event-handler",
    "url-scheme",
    "svg-mathml",
    "markdown",
    "latex",
    "fence",
    "unicode",
}
#: The classes issue 13 found past the old gate: parser differentials, foreign content, URLs
#: as the WHATWG parser reads them, CSS as a CSS tokenizer reads it.
ISSUE_13_CATEGORIES = {"parser-differential", "foreign-content", "url-whatwg", "css-escape"}
#: Characters the schema refuses in names (algorithm, provider, site title, filing name).
NAME_FORBIDDEN = set("<>&\"'{}[]`\n")


def test_corpus_is_large_varied_and_well_formed() -> None:
    payloads = load_corpus()
    assert len(payloads) >= 220
    ids = [p.id for p in payloads]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i) for i in ids)
    counts = collections.Counter(p.category for p in payloads)
    assert set(counts) >= REQUIRED_CATEGORIES, counts
    assert all(counts[c] >= 3 for c in REQUIRED_CATEGORIES), counts
    assert all(counts[c] >= 20 for c in ISSUE_13_CATEGORIES), counts
    assert sum(counts[c] for c in ISSUE_13_CATEGORIES) >= 100, counts
    assert len({p.text for p in payloads}) == len(payloads)
    assert load_corpus("input_payloads")


def test_every_payload_reaches_every_field(hostile: Hostile) -> None:
    ledger = hostile.ledger
    fields = {where for pairs in ledger.pairs.values() for where, _, _ in pairs}
    demo_fields = {f for f in fields if f.startswith(f"{DEMO}:")}
    per_payload = {
        pid: sum(w.startswith(f"{DEMO}:") for w, _, _ in v) for pid, v in ledger.pairs.items()
    }
    print(
        f"\nXSS corpus: {len(hostile.payloads)} payloads × {len(demo_fields)} fields of {DEMO}"
        f" + {len(fields) - len(demo_fields)} fields of site.yaml and 3 algorithms"
        f" = {ledger.tried} pairs; schema refused {ledger.refused}"
        f" (DG-SCHEMA finding), {ledger.tried - ledger.refused} reached the renderers"
    )
    assert set(per_payload) == {p.id for p in hostile.payloads}
    assert set(per_payload.values()) == {len(demo_fields)}
    assert len(demo_fields) >= 250
    # Text fields take every payload (a single-line field refuses multi-line ones).
    for payload in hostile.payloads:
        accepted = {w for w, _, ok in ledger.pairs[payload.id] if ok}
        assert f"{DEMO}:principles.zh" in accepted, payload.id
        assert f"{DEMO}:charts[0].categories.zh[0]" in accepted, payload.id
        assert f"{DEMO}:formulas[0].tex" in accepted, payload.id
        assert f"{DEMO}:formulas[0].symbols[0].symbol" in accepted, payload.id


def test_names_refuse_markup_and_accept_the_rest(hostile: Hostile) -> None:
    for payload in hostile.payloads:
        outcome = {w: ok for w, _, ok in hostile.ledger.pairs[payload.id]}
        for name in (f"{DEMO}:name.zh", f"{DEMO}:name.en", f"{DEMO}:filing.algorithm_name"):
            refused = not outcome[name]
            must = bool(NAME_FORBIDDEN & set(payload.text))
            assert refused or not must, (payload.id, name)
            if refused and not must:
                # Other limits (length, a single line) may refuse it too: never silently kept.
                assert len(payload.text) > 40 or "\n" in payload.text, (payload.id, name)


def test_outcomes_are_findings_or_inert_drafts(hostile: Hostile) -> None:
    errors = {
        file: sorted({f["code"] for f in found if f["severity"] == "error"})
        for file, found in hostile.findings.items()
    }
    copies = [f"xss-{n:03d}.yaml" for n in range(len(hostile.payloads))]
    with_findings = [c for c in copies if errors.get(c)]
    codes = collections.Counter(code for c in copies for code in errors.get(c, []))
    print(
        f"\nOutcomes: {len(with_findings)} of {len(copies)} payload copies fail check"
        f" (build refuses) {dict(codes)}; all {len(copies)} render inert as a forced draft"
    )
    # KaTeX's console warnings (bidi marks, zero-width spaces in formulas) stay out of the output.
    assert "No character metrics" not in hostile.build_stdout + hostile.build_stderr
    assert hostile.build_stdout.strip().endswith("index.html")
    # The demo text the payloads replaced carried the rule evidence, so most copies fail check;
    # the ones that do not still go through the same renderers below.
    tex = [p for p in hostile.payloads if "\\href" in p.text or "\\url" in p.text]
    for payload in tex:
        n = hostile.payloads.index(payload)
        assert "DG-TEX" in errors.get(copies[n], []), payload.id


def test_build_without_allow_errors_refuses_and_leaves_the_site(hostile: Hostile) -> None:
    before = {p: p.stat().st_mtime_ns for p in hostile.site.rglob("*") if p.is_file()}
    result = cli(hostile.project, "build", "--today", TODAY, "--no-cache")
    assert result.returncode == 1
    assert "未发布站点" in result.stderr and "Traceback" not in result.stderr
    assert {p: p.stat().st_mtime_ns for p in hostile.site.rglob("*") if p.is_file()} == before


@pytest.fixture(scope="module")
def hostile_pages(hostile: Hostile) -> dict[str, Page]:
    return read_site(hostile.site)


def test_built_html_and_svg_carry_nothing_active(
    hostile: Hostile, hostile_pages: dict[str, Page]
) -> None:
    pages = hostile_pages
    assert len(pages) >= 2 * len(hostile.payloads)
    problems = {rel: active_content(p, theme_scripts=THEME_SCRIPTS) for rel, p in pages.items()}
    assert {k: v for k, v in problems.items() if v} == {}
    svgs = sorted(hostile.site.rglob("*.svg"))
    assert len(svgs) >= 2 * len(hostile.payloads)
    for svg in svgs:
        page = read_page(svg.name, svg.read_text(encoding="utf-8"))
        assert not page.scripts and not [t for t, _ in page.tags if t in ("a", "foreignobject")]
        assert active_content(page, theme_scripts=THEME_SCRIPTS) == [], svg
    # The sitemaps hold URLs only: the page paths are ids, never YAML text.
    for sitemap in hostile.site.rglob("sitemap.xml"):
        assert not re.search(rb"alert|<script|javascript:", sitemap.read_bytes()), sitemap
    print(f"\nScanned {len(pages)} HTML pages and {len(svgs)} SVGs of the hostile build")


def test_words_stay_visible_as_text(hostile: Hostile, hostile_pages: dict[str, Page]) -> None:
    pages = hostile_pages
    missing = []
    for n, payload in enumerate(hostile.payloads):
        if "alert(1)" not in payload.text:
            continue
        text = "".join(pages[f"algorithms/xss-{n:03d}/index.html"].text)
        if "alert(1)" not in text:
            missing.append(payload.id)
    assert missing == []


def test_search_index_holds_text_not_markup(hostile: Hostile) -> None:
    index = json.loads((hostile.site / "search" / "search_index.json").read_text("utf-8"))
    tags: set[str] = set()
    for doc in index["docs"]:
        # The theme renders title and text of the index as HTML: read them as a browser would.
        page = read_page(doc["location"], doc["title"] + doc["text"])
        assert active_content(page, theme_scripts=THEME_SCRIPTS) == [], doc["location"]
        assert not page.scripts, doc["location"]
        tags |= {t for t, _ in page.tags}
    assert tags <= {"p", "ul", "ol", "li", "pre", "code", "strong", "em", "a", "span"}, tags


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_export_of_the_hostile_catalogue_is_inert(hostile: Hostile, lang: str) -> None:
    formats = [f for f, _ in EXPORT_FORMATS if not (f in ZH_ONLY_FORMATS and lang == "en")]
    # python-docx needs ~0.2 s per algorithm here; tests/export/test_xss.py puts every payload
    # through DOCX one by one, so the whole catalogue's DOCX takes a sample of every eighth.
    sample = tuple(a.id for a in hostile.algorithms[::8])
    # The AI sections take only AI features: their sample is every eighth of those.
    ai_sample = tuple(a.id for a in hostile.algorithms if a.generative is not None)[::8]
    assert ai_sample
    for fmt in formats:
        ids = (ai_sample if fmt.startswith("ai-") else sample) if fmt.endswith("-docx") else ()
        request = ExportRequest(fmt, lang, ids)
        data = export(hostile.site_model, hostile.algorithms, request).data
        if fmt.endswith("-html"):
            page = read_page(fmt, data.decode("utf-8"))
            assert active_content(page, theme_scripts=THEME_SCRIPTS) == []
            assert not [t for t, _ in page.tags if t in ("script", "style", "img", "svg", "math")]
        elif fmt.endswith("-md"):
            # Rendered the most permissive way (raw HTML on): still nothing active.
            html = MarkdownIt("commonmark", {"html": True}).enable("table").render(data.decode())
            page = read_page(fmt, html)
            assert active_content(page, theme_scripts=THEME_SCRIPTS) == []
            assert not [t for t, _ in page.tags if t in ("script", "style", "img", "iframe")]
        elif fmt.endswith("-docx"):
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                rels = "".join(z.read(n).decode() for n in z.namelist() if n.endswith(".rels"))
            external = re.findall(r'Target="([^"]*)"[^>]*TargetMode="External"', rels)
            assert external and all(t.startswith(("https://", "mailto:")) for t in external)
        elif fmt in ("json", "notice-json"):
            json.loads(data)
        elif fmt == "csv":
            rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
            assert len(rows) > len(hostile.payloads)
            formula = [c for r in rows for c in r if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
            assert formula == []
        else:
            assert data.decode("utf-8")


def test_every_payload_draws_as_chart_labels_and_diagram_steps() -> None:
    texts = tuple(p.text for p in load_corpus())
    with warnings.catch_warnings():
        # A glyph the fonts lack (private use, C1) is drawn as a box: a warning, not a failure.
        warnings.simplefilter("ignore", UserWarning)
        chart = ChartSpec("bar", texts, (("s", tuple(1.0 for _ in texts)),), "t", "x", "y", "c")
        svgs = [render_svg(chart), render_svg(DiagramSpec(texts, "t", "d"))]
        svgs += [
            render_svg(ChartSpec("line", (t,), (("s", (1.0,)),), "t", t, t, "l")) for t in texts
        ]
    for n, svg in enumerate(svgs):
        page = read_page(f"svg-{n}", svg.decode("utf-8"))
        assert not page.scripts and active_content(page, theme_scripts=THEME_SCRIPTS) == []
        assert not [t for t, _ in page.tags if t in ("a", "foreignobject", "image")]
        assert all(a.get("xlink:href", "#").startswith("#") for t, a in page.tags if t == "use")


def test_input_payloads_are_refused_with_a_location(tmp_path: Path, run_cli) -> None:
    site, algo = load_base()
    for payload in load_corpus("input_payloads"):
        algo["purpose"] = {"zh": payload.text}
        content = write_content(tmp_path / payload.id, site, [algo])
        result = run_cli("check", str(content), "--today", TODAY)
        assert result.exit_code == 2, payload.id
        first = result.stderr.splitlines()[0]
        assert re.match(r"^\S+base\.yaml:\d+:\d+: error .*U\+[0-9A-F]{4}", first), first
        assert "Traceback" not in result.stderr


def test_formula_characters_katex_cannot_measure_keep_stdout_clean(tmp_path: Path) -> None:
    # KaTeX prints "No character metrics" for ℃, €, ½ or a zero-width space through C stdout;
    # before render/math.py silenced it, that text broke `check --format json` and exports.
    site, algo = load_base()
    algo["formulas"] = [
        {
            "id": "f",
            "title": {"zh": "公式"},
            "tex": "T = 20 \\text{℃ € ½ \u200b}",
            "text": {"zh": "说明"},
        }
    ]
    write_content(tmp_path, site, [algo])
    (tmp_path / "mkdocs.yml").write_bytes((ROOT / "mkdocs.yml").read_bytes())
    report = cli(tmp_path, "check", "--today", TODAY, "--format", "json")
    assert report.returncode in (0, 1), report.stderr
    assert json.loads(report.stdout)["findings"] is not None
    exported = cli(tmp_path, "export", "--format", "json", "--allow-errors", "--today", TODAY)
    assert exported.returncode == 0, exported.stderr
    assert json.loads(exported.stdout)


@pytest.mark.parametrize(
    "tex",
    [
        r"\rule{100000em}{100000em}",
        r"x \hspace{5000em} y \kern{9000em} z",
        r"\Huge \rule{2000em}{3000em}",
        r"\mathrlap{\rule{999em}{999em}} x",
    ],
)
def test_formulas_cannot_ask_for_huge_sizes(tex: str) -> None:
    # Before maxSize, \rule{100000em}{100000em} drew a black box 1.6 million pixels tall.
    html = render_tex(tex)
    shown = re.sub(r"<annotation[^>]*>.*?</annotation>", "", html, flags=re.S)
    sizes = [float(v) for v in re.findall(r"(\d+(?:\.\d+)?)em", shown)]
    assert sizes and max(sizes) <= MAX_SIZE_EM * 2.5, max(sizes)  # \Huge scales by 2.49
