"""Site content → page Markdown (Jinja2, autoescape on) and the files those pages need.

Page Markdown is Markdown headings with fixed text and ASCII ids, plus HTML blocks. YAML text only
ever appears inside HTML blocks, escaped or rendered by ``richtext``; the one exception is the H1,
which MkDocs needs as the page title, and there every character that could be Markdown or HTML
syntax is written as a numeric character reference. Each HTML block is one top-level element at
column 0 with blank lines around it, which Python-Markdown passes through verbatim.

Links between pages and to assets are relative hrefs for ``use_directory_urls: true`` (MkDocs'
default): ``algorithms/x.md`` is served at ``algorithms/x/``.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from collections.abc import Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any, TypeVar

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from disclosure_gen.content.model.algorithm import Algorithm, Version
from disclosure_gen.content.model.filing import Placement
from disclosure_gen.content.model.generative import (
    FORM_NAMES,
    IMPLICIT_FIELD_NAMES,
    MODALITY_NAMES,
    MODEL_KIND_NAMES,
    POSITION_NAMES,
)
from disclosure_gen.content.model.method import Explorable
from disclosure_gen.content.model.site import PLATFORM_LABELS, Site
from disclosure_gen.markup.math import render_tex
from disclosure_gen.markup.richtext import safe_link
from disclosure_gen.site.render import charts, chartspec
from disclosure_gen.site.render.history import ArchiveView, SiteHistory, changelog_notes
from disclosure_gen.site.render.i18n import (
    APPEAL_COVERS,
    CATEGORY_NAMES,
    FILING_STATUS,
    LOG_FIELDS,
    Tr,
    label,
    one_line,
)
from disclosure_gen.site.render.legal import (
    ai_labelling_law,
    citation_label,
    filing_law,
    legal_basis,
)

#: A page rendered elsewhere (a worker, an earlier build), handed to ``render_pages``.
Prerendered = TypeVar("Prerendered")

#: Article 2 categories → fixed ASCII slugs for ``categories/<slug>.md``.
CATEGORY_SLUGS: dict[str, str] = {zh: slug for zh, (slug, _) in CATEGORY_NAMES.items()}
# Characters that Markdown, its common extensions or HTML could read as syntax in a heading.
_NAV_UNSAFE = re.compile(r"[<>&\"'{}\[\]`]")
_HEADING_SYNTAX = re.compile(r"[\\`*_{}\[\]#+!<>&\"'|~^=:@$%]")


@dataclass(frozen=True)
class Page:
    """One generated page: where it goes under docs/, its nav title, source and files."""

    path: str
    title: str
    markdown: str
    assets: dict[str, bytes] = field(default_factory=dict)
    in_nav: bool = True


def category_slug(category: str) -> str:
    """The ASCII slug of a category; custom categories get a stable hash-based slug."""
    known = CATEGORY_SLUGS.get(category)
    return known or "category-" + hashlib.sha256(category.encode("utf-8")).hexdigest()[:8]


def static_assets() -> dict[str, bytes]:
    """KaTeX CSS, fonts and licence, extra.css and explorable.js, keyed by path under docs/."""
    root = resources.files("disclosure_gen.site.render") / "assets"
    # KaTeX first and extra.css after it: a config listing stylesheets in this order lets our
    # rules override KaTeX's.
    order = {"katex": 0, "extra.css": 1}
    paths = sorted(_walk(root), key=lambda p: (order.get(p.split("/")[0], 2), p))
    return {"assets/dg/" + path: (root / path).read_bytes() for path in paths}


def render_pages(
    site: Site,
    algorithms: Sequence[Algorithm],
    *,
    lang: str,
    draft: bool = False,
    svg_cache: MutableMapping[str, bytes] | None = None,
    history: SiteHistory | None = None,
    prerendered: Mapping[tuple[str, str], Page | Prerendered] | None = None,
) -> list[Page | Prerendered]:
    """Render every page of one language.

    Order: home, category indexes, algorithm pages, controls, complaints, filing, change log,
    and the AI-label page when an algorithm has a ``generative`` block (the archived past
    versions come from archive.py). Algorithm pages
    found in ``prerendered`` (by id and language; render/workers.py) are taken from there.
    """
    done = prerendered or {}
    algos = sorted(algorithms, key=lambda a: (a.category, a.id))
    prefix = "en/" if lang == "en" else ""
    ctx = _Ctx(site, tuple(algos), Tr(lang), draft, prefix)
    pages = [
        ctx.page(
            "index.md",
            "home.md.j2",
            ctx.tr.ui("home"),
            groups=[(c, [a for a in algos if a.category == c]) for c in ctx.categories()],
        ),
        *(
            ctx.page(
                f"categories/{category_slug(c)}.md",
                "category.md.j2",
                ctx.category(c),
                members=[a for a in algos if a.category == c],
            )
            for c in ctx.categories()
        ),
        *(
            done.get((a.id, lang)) or algorithm_page(a, lang=lang, draft=draft, svg_cache=svg_cache)
            for a in algos
        ),
        ctx.page("controls.md", "controls.md.j2", ctx.tr.ui("controls_page")),
        ctx.page("complaints.md", "complaints.md.j2", ctx.tr.ui("complaints_page")),
        ctx.page(
            "filing.md",
            "filing.md.j2",
            ctx.tr.ui("filing_page"),
            filing_law=filing_law(),
        ),
        changelog_page(site, algos, lang=lang, draft=draft, history=history),
    ]
    features = [a for a in algos if a.generative is not None]
    if features:
        # Only a catalogue with AI features gets the page, so other sites stay as they were.
        pages.append(
            ctx.page(
                "ai-labels.md",
                "ai-labels.md.j2",
                ctx.tr.ui("ai_labels_page"),
                features=features,
                law=ai_labelling_law(),
            )
        )
    return pages


def algorithm_page(
    algo: Algorithm,
    *,
    lang: str,
    draft: bool = False,
    svg_cache: MutableMapping[str, bytes] | None = None,
    archive: ArchiveView | None = None,
) -> Page:
    """The page of one algorithm, with its pipeline diagram and chart SVGs.

    ``archive`` renders a past version instead: at its own path, with its own asset names
    and a banner saying which version it is.
    """
    tr = Tr(lang)
    ctx = _Ctx(algo.site, (algo,), tr, draft, "en/" if lang == "en" else "")
    path = archive.path if archive else f"algorithms/{algo.id}.md"
    assets: dict[str, bytes] = {}
    figures: dict[str, dict[str, Any]] = {
        name: ctx.figure(path, asset, spec, alt, svg_cache, assets)
        for name, asset, spec, alt in figure_specs(algo, lang=lang, archive=archive)
    }
    markdown = ctx.render(
        path,
        "algorithm.md.j2",
        algo=algo,
        figures=figures,
        basis=legal_basis(algo),
        archive=archive,
    )
    return Page(
        ctx.prefix + path, nav_title(tr.raw(algo.name)), markdown, dict(sorted(assets.items()))
    )


def figure_specs(
    algo: Algorithm, *, lang: str, archive: ArchiveView | None = None
) -> list[tuple[str, str, chartspec.ChartSpec | chartspec.DiagramSpec, str]]:
    """(figure name, asset under assets/dg/, spec, alt text) for each SVG of an algorithm page.

    Pure and cheap, so a caller can look the SVGs up in a cache before rendering the pages.
    """
    tr = Tr(lang)
    stem = f"{algo.id}/{archive.slug}" if archive else algo.id
    out: list[tuple[str, str, chartspec.ChartSpec | chartspec.DiagramSpec, str]] = []
    if algo.mechanisms:
        steps = tuple(tr.raw(m.title) for m in algo.mechanisms)
        alt = tr.ui("pipeline_alt", n=len(steps)) + "；".join(
            f"{i} {s}" for i, s in enumerate(steps, 1)
        )
        spec = chartspec.DiagramSpec(steps, alt, f"{algo.id}-pipeline")
        out.append(("pipeline", f"{stem}/pipeline.{lang}.svg", spec, alt))
    for chart in algo.charts:
        series = tuple((tr.raw(s.name), s.values) for s in chart.series)
        spec = chartspec.ChartSpec(
            chart.kind,
            tr.item_strings(chart.categories),
            series,
            tr.alt(chart.caption),
            tr.raw(chart.x_label),
            tr.raw(chart.y_label),
            f"{algo.id}-{chart.id}",
        )
        out.append((chart.id, f"{stem}/chart-{chart.id}.{lang}.svg", spec, tr.alt(chart.caption)))
    return out


def changelog_page(
    site: Site,
    algorithms: Sequence[Algorithm],
    *,
    lang: str,
    draft: bool = False,
    history: SiteHistory | None = None,
) -> Page:
    """Every version of every algorithm, newest date first (ties: category, id, file order).

    With a ``history``, each row also names the fields that changed and links the archived
    page, and changes committed without a new version get a table of their own.
    """
    algos = sorted(algorithms, key=lambda a: (a.category, a.id))
    ctx = _Ctx(site, tuple(algos), Tr(lang), draft, "en/" if lang == "en" else "")
    entries = [(v.date, n, -i, a, v) for n, a in enumerate(algos) for i, v in enumerate(a.versions)]
    entries.sort(key=lambda e: (-e[0].toordinal(), e[1], e[2]))
    return ctx.page(
        "changelog.md",
        "changelog.md.j2",
        ctx.tr.ui("changelog_page"),
        entries=[(a, v) for *_, a, v in entries],
        notes=changelog_notes(algos, history, lang) if history is not None else None,
    )


def template_page(
    site: Site,
    algorithms: Sequence[Algorithm],
    path: str,
    template: str,
    title: str,
    *,
    lang: str,
    draft: bool = False,
    **extra: Any,
) -> Page:
    """One page from one template, for modules that add pages (render/history.py)."""
    ctx = _Ctx(site, tuple(algorithms), Tr(lang), draft, "en/" if lang == "en" else "")
    return ctx.page(path, template, title, **extra)


def nav_title(text: str) -> str:
    """A name for the nav: the schema already bars these characters; a draft build may not."""
    return " ".join(_NAV_UNSAFE.sub(" ", text).split())


def heading_text(text: str) -> Markup:
    """Plain text for a Markdown heading: syntax characters become numeric references."""
    text = " ".join(text.split())
    return Markup(_HEADING_SYNTAX.sub(lambda m: f"&#{ord(m.group(0))};", text))


def href(from_path: str, to_path: str, anchor: str = "") -> str:
    """Relative href from one docs/ Markdown file to another (or to an asset)."""

    def url_dir(path: str) -> str:
        if path.endswith("index.md"):
            return path[: -len("index.md")]
        return path[:-3] + "/" if path.endswith(".md") else path

    base = url_dir(from_path).rstrip("/") or "."
    target = url_dir(to_path)
    if target == url_dir(from_path) and anchor:
        return "#" + anchor
    rel = _relpath(target.rstrip("/") or ".", base)
    rel = "./" if rel == "." else rel + ("/" if target.endswith("/") or not target else "")
    return rel + ("#" + anchor if anchor else "")


def _relpath(path: str, start: str) -> str:
    """``posixpath.relpath`` for the clean relative paths pages use, without its abspath calls.

    The aggregate pages link every algorithm: 21,000 calls at 1,000 algorithms took 0.5 s.
    """
    parts = [] if path == "." else path.split("/")
    base = [] if start == "." else start.split("/")
    if any(p in ("", ".", "..") for p in (*parts, *base)):
        return posixpath.relpath(path, start)
    common = 0
    for a, b in zip(parts, base, strict=False):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(base) - common) + parts[common:]) or "."


def explorable_view(ex: Explorable, tr: Tr) -> dict[str, Any]:
    """The static table (values computed in Python) and the widget's JSON description."""
    rows = []
    for row in ex.rows:
        product = 1.0
        for f in row.factors:
            product *= f.value
        rows.append(
            (
                tr.plain(row.label),
                [(tr.plain(f.label), chartspec.format_number(f.value)) for f in row.factors],
                chartspec.format_number(product),
            )
        )
    data = {
        "combine": ex.combine,
        "result": tr.raw(ex.result),
        "rows": [
            {
                "label": tr.raw(r.label),
                "factors": [
                    {
                        "label": tr.raw(f.label),
                        "min": f.min,
                        "max": f.max,
                        "step": f.step,
                        "value": f.value,
                    }
                    for f in r.factors
                ],
            }
            for r in ex.rows
        ],
        "ui": {k: tr.ui(k) for k in ("explorable_product", "explorable_reset")},
    }
    return {
        "rows": rows,
        "result": chartspec.format_number(ex.evaluate()),
        "combine": tr.ui("combine_" + ex.combine),
        "json": json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")),
    }


@dataclass(frozen=True)
class _Ctx:
    site: Site
    algos: tuple[Algorithm, ...]
    tr: Tr
    draft: bool
    prefix: str

    def categories(self) -> list[str]:
        return list(dict.fromkeys(a.category for a in self.algos))

    def category(self, category: str) -> str:
        return label({k: (k, v[1]) for k, v in CATEGORY_NAMES.items()}, category, self.tr.lang)

    def page(self, path: str, template: str, title: str, **extra: Any) -> Page:
        markdown = self.render(path, template, title=title, **extra)
        return Page(self.prefix + path, nav_title(title), markdown)

    def render(self, path: str, template: str, **extra: Any) -> str:
        lang = self.tr.lang
        other = "zh" if lang == "en" else "en"
        other_path = ("" if lang == "en" else "en/") + path
        values = {
            "site": self.site,
            "algos": self.algos,
            "tr": self.tr,
            "ui": self.tr.ui,
            "lang": lang,
            "draft": self.draft,
            "path": path,
            "other": other if other in self.site.site.languages or lang == "en" else "",
            "other_href": href(self.prefix + path, other_path),
            "other_tag": "zh-CN" if other == "zh" else other,
            "href": lambda to, anchor="": href(self.prefix + path, self.prefix + to, anchor),
            # Shared by both languages, so never under the en/ prefix.
            "root_href": lambda to: href(self.prefix + path, to),
            "algo_href": lambda a, anchor="": href(
                self.prefix + path, f"{self.prefix}algorithms/{a.id}.md", anchor
            ),
            "category_href": lambda c: href(
                self.prefix + path, f"{self.prefix}categories/{category_slug(c)}.md"
            ),
            "heading": heading_text,
            "category": self.category,
            "products": self.products,
            "placement": self.placement,
            "list_sep": "; " if lang == "en" else "；",
            "status": lambda f: label(FILING_STATUS, f.status, lang) if f.status else "",
            "platform": lambda p: PLATFORM_LABELS.get(p, (p, p))[1 if lang == "en" else 0],
            "covers": lambda c: label(APPEAL_COVERS, c, lang),
            "modality": lambda k: label(MODALITY_NAMES, k, lang),
            "position": lambda k: label(POSITION_NAMES, k, lang),
            "form": lambda k: label(FORM_NAMES, k, lang),
            "implicit_field": lambda k: label(IMPLICIT_FIELD_NAMES, k, lang),
            "model_kind": lambda k: label(MODEL_KIND_NAMES, k, lang),
            "log_field": lambda c: label(LOG_FIELDS, c, lang),
            "math": _math,
            "url": _safe_url,
            "explorable": lambda ex: explorable_view(ex, self.tr),
            "citation": lambda c: citation_label(c, lang),
            "latest": lambda a: a.latest_date.isoformat() if a.latest_date else "",
            "fmt": chartspec.format_number,
            "controls": _controls,
            "versions": _versions,
            "sep": "、" if lang == "zh" else ", ",
        }
        text = _env().get_template(template).render(values, **extra)
        return _tidy(text)

    def products(self, algo: Algorithm) -> list[Markup]:
        """「青禾（推荐页、搜索）」 for each product the algorithm runs in."""
        return [self.where(ref.product, ref.surfaces) for ref in algo.products]

    def where(self, product_id: str, surface_ids: Sequence[str]) -> Markup:
        product = self.site.product(product_id)
        if product is None:
            return escape(product_id)
        names = {s.id: s for s in product.surfaces}
        surfaces = [self.tr.plain(names[s].name) if s in names else escape(s) for s in surface_ids]
        if not surfaces:
            return self.tr.plain(product.name)
        sep = Markup(", ") if self.tr.lang == "en" else Markup("、")
        inner = Markup(" ({})" if self.tr.lang == "en" else "（{}）").format(sep.join(surfaces))
        return self.tr.plain(product.name) + inner

    def placement(self, place: Placement) -> Markup:
        """Product and surface, then the exact location: 「青禾（设置）：我的 → 设置」."""
        where = self.where(place.product, (place.surface,) if place.surface else ())
        colon = Markup(": ") if self.tr.lang == "en" else Markup("：")
        return where + colon + self.tr.inline(place.location)

    def figure(
        self,
        page_path: str,
        asset: str,
        spec: chartspec.ChartSpec | chartspec.DiagramSpec,
        alt: str,
        cache: MutableMapping[str, bytes] | None,
        assets: dict[str, bytes],
    ) -> dict[str, Any]:
        svg = charts.render_svg(spec, cache)
        path = "assets/dg/" + asset
        assets[path] = svg
        box = re.search(rb'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg)
        # The SVG is sized in points; at 96 px per inch its natural size keeps text readable.
        width, height = (
            (round(float(box.group(1)) * 4 / 3), round(float(box.group(2)) * 4 / 3))
            if box
            else (0, 0)
        )
        return {
            "src": href(self.prefix + page_path, path),
            "alt": alt,
            "width": width,
            "height": height,
        }


def _controls(algo: Algorithm) -> list[tuple[str, Any]]:
    """(UI key, control) for each control the algorithm declares, in a fixed order."""
    c = algo.user_controls
    pers = c.personalisation
    kind = pers.kind if pers else ""
    if kind == "off_switch" and algo.generative is not None:
        kind = "ai_off_switch"  # an AI feature's switch turns the feature off
    items = [
        (kind, pers),
        ("tag_select", c.tag_select),
        ("tag_delete", c.tag_delete),
        ("not_interested", c.not_interested),
        ("push_optout", c.push_optout),
    ]
    return [(key, ctl) for key, ctl in items if ctl is not None]


def _versions(algo: Algorithm) -> list[Version]:
    """Newest first; among equal dates, the later entry in the file first."""
    indexed = sorted(enumerate(algo.versions), key=lambda e: (e[1].date, e[0]), reverse=True)
    return [v for _, v in indexed]


def _math(tex: str, display: bool = True) -> Markup | None:
    try:
        return Markup(render_tex(tex, display=display))
    except ValueError:
        return None


def _safe_url(url: str) -> str:
    """Only https: and mailto: URLs become links (the schema says so; this double-checks)."""
    url = url.strip()
    if url.lower().startswith(("https://", "mailto:")) and safe_link(url):
        return url
    return ""


def _walk(root: Any, prefix: str = "") -> list[str]:
    out: list[str] = []
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if entry.is_dir():
            out += _walk(entry, prefix + entry.name + "/")
        elif not entry.name.startswith("."):
            out.append(prefix + entry.name)
    return out


def _tidy(text: str) -> str:
    """Collapse runs of blank lines (outside <pre>) and end with one newline.

    Lines inside a <pre> (code from rich text) are joined with ``&#10;``, the same newline to an
    HTML parser: Python-Markdown's fenced_code reads the whole page, HTML blocks included, so a
    line of that code starting with ``` or ~~~ would otherwise be taken for a fence.
    """
    out: list[str] = []
    in_pre = False
    for line in text.split("\n"):
        if in_pre:
            out[-1] += "&#10;" + line
        elif not line.strip() and out and not out[-1].strip():
            continue
        else:
            out.append(line.rstrip())
        in_pre = (in_pre or "<pre" in line) and "</pre>" not in line
    return "\n".join(out).strip("\n") + "\n"


def _in_one_line(value: Any) -> Any:
    """Plain strings printed by a template go through ``i18n.one_line``."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return one_line(value)
    return value


@cache
def _env() -> Environment:
    folder = resources.files("disclosure_gen.site.render") / "templates"
    return Environment(
        loader=FileSystemLoader(str(folder)),
        autoescape=True,
        finalize=_in_one_line,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


__all__ = [
    "CATEGORY_SLUGS",
    "Page",
    "algorithm_page",
    "category_slug",
    "changelog_page",
    "render_pages",
    "static_assets",
    "template_page",
]
