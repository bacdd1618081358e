"""Untrusted YAML text through every export: it stays text, never markup, script or a bad link.

Each payload goes into every text field the schema lets it into (names and titles refuse
``<>[]{}`` and so end in DG-SCHEMA, tested below). The exports are rendered from the checked
models, then scanned: the HTML fragment with html.parser; the Markdown after rendering it with
CommonMark (raw HTML on, the most permissive setting) and with Python-Markdown plus the
extensions MkDocs users enable, including snippets; the DOCX and text by their words.
"""

from __future__ import annotations

import copy
import io
import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import docx
import markdown
import pytest
import yaml
from markdown_it import MarkdownIt
from support import ROOT, TODAY, load_base, write_content

from disclosure_gen.check.engine import CheckOptions, check_paths
from disclosure_gen.export.blocks import plain_rich
from disclosure_gen.export.run import ExportRequest, export

SECRET = "TOP-SECRET-SNIPPET"
PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<img/src=x/onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "[x](JAVASCRIPT:alert(1))",
    "[x](jav&#x61;script:alert(1))",
    "[x](data:text/html,<script>alert(1)</script>)",
    "[x](vbscript:msgbox(1))",
    "{: onclick=alert(1)}",
    "段落 {: onclick=alert(1) }",
    "</title><script>alert(1)</script>",
    "</math><script>alert(1)</script>",
    '--8<-- "secret.txt"',
    "![x](https://evil.example/track.png)",
    "<https://evil.example/x> and <javascript:alert(1)>",
    "a | b || c",
    "$\\href{javascript:alert(1)}{x}$",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
]
#: Fields whose schema forbids markup characters; a payload there is a DG-SCHEMA finding.
NAME_FIELDS = (
    ("name",),
    ("site", "provider", "name"),
    ("site", "site", "title"),
    ("generative", "models", "name"),
)
BAD_TAGS = {
    "script",
    "style",
    "iframe",
    "frame",
    "object",
    "embed",
    "link",
    "meta",
    "base",
    "img",
    "svg",
    "math",
    "form",
    "input",
    "button",
    "audio",
    "video",
    "source",
    "textarea",
}


def _corpus() -> list[str]:
    """Our payloads plus the site's security corpus, when it exists."""
    shared = ROOT / "tests" / "security" / "payloads.yaml"
    extra: list[str] = []
    if shared.is_file():
        data = yaml.safe_load(shared.read_text(encoding="utf-8"))
        items = data.get("payloads", data) if isinstance(data, dict) else data
        for item in items or ():
            value = item if isinstance(item, str) else (item or {}).get("payload")
            if isinstance(value, str) and "\n" not in value:
                extra.append(value)
    return list(dict.fromkeys(PAYLOADS + extra))


def _enrich(site: dict[str, Any], algo: dict[str, Any]) -> None:
    """Give the base documents every optional text field the exports show."""
    text = {"zh": "说明", "en": "text"}
    site["privacy"] = {"retention": dict(text), "rights": dict(text)}
    site["explanation"] = {"channel": dict(text), "url": "mailto:contact@example.cn"}
    site["provider"]["contact"]["address"] = dict(text)
    algo["formulas"] = [
        {
            "id": "f",
            "title": {"zh": "公式", "en": "F"},
            "tex": "x + y",
            "text": dict(text),
            "symbols": [{"symbol": "x", "meaning": dict(text)}],
            "relative_importance": dict(text),
        }
    ]
    algo["inputs"][0].update(
        {"examples": {"zh": ["例"], "en": ["e"]}, "use": dict(text), "sensitive": True}
    )
    algo["user_controls"]["personalisation"]["description"] = dict(text)
    algo["user_controls"]["tags"] = {
        "select": {
            "description": dict(text),
            "effect": dict(text),
            "paths": [{"platform": "web", "steps": {"zh": ["步"], "en": ["s"]}}],
        }
    }
    algo["complaints"] = {
        "entry": dict(text),
        "process": dict(text),
        "response_time": {"value": 3, "unit": "days"},
    }
    # An AI feature's block, every text field filled, for the ai-privacy/ai-agreement sections.
    algo["generative"] = {
        "outputs": ["text", "image"],
        "audience": {k: dict(text) for k in ("users", "occasions", "uses", "minors")},
        "models": [
            {
                "name": {"zh": "模型", "en": "Model"},
                "number": "Beijing-ShiLi-20240315",
                "holder": dict(text),
                "role": dict(text),
                "display": [{"product": "demo-app", "location": dict(text)}],
            }
        ],
        "labels": {
            "explicit": [
                {"modality": "image", "wording": dict(text), "position": "top", "where": dict(text)}
            ],
            "implicit": {"fields": ["content_attribute"], "carrier": dict(text)},
        },
        "agreement": {
            "url": "https://www.example.cn/terms",
            "clause": dict(text),
            "prompt": dict(text),
        },
        "reporting": {"entry": dict(text), "process": dict(text)},
    }


def _inject(node: Any, payload: str, path: tuple[str, ...] = ()) -> None:
    if isinstance(node, dict):
        if path in NAME_FIELDS:
            return
        if isinstance(node.get("zh"), str):
            node.update({"zh": f"前 {payload} 后", "en": f"before {payload} after"})
            node.pop("en_source", None)
            return
        if isinstance(node.get("zh"), list):
            node.update({"zh": [payload], "en": [payload]})
            return
        for key, value in node.items():
            _inject(value, payload, (*path, key))
    elif isinstance(node, list):
        for value in node:
            _inject(value, payload, path)


def _models(tmp: Path, payload: str):  # type: ignore[no-untyped-def]
    site, algo = load_base()
    _enrich(site, algo)
    doc = {"site": site, **algo}
    _inject(doc, payload)
    site = doc.pop("site")
    content = write_content(tmp, site, [doc])
    checked = check_paths([content], CheckOptions(today=TODAY))
    schema = [f for f in checked.report.findings if f.code == "DG-SCHEMA"]
    assert not schema, schema
    assert checked.site is not None and checked.algorithms
    return checked.site, checked.algorithms


class _Scan(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BAD_TAGS:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            low = (value or "").strip().lower()
            if name.startswith("on") or name in ("style", "src", "srcset", "action", "formaction"):
                self.problems.append(f"{tag}[{name}]")
            if name == "href" and not low.startswith(("https://", "mailto:")):
                self.problems.append(f"href={value!r}")
            if "javascript:" in low or "data:" in low or "vbscript:" in low:
                self.problems.append(f"{tag}[{name}={value!r}]")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def scan(html: str) -> tuple[list[str], str]:
    parser = _Scan()
    parser.feed(html)
    parser.close()
    return parser.problems, "".join(parser.text)


def _python_markdown(text: str, snippets: Path) -> str:
    return markdown.markdown(
        text,
        extensions=[
            "attr_list",
            "md_in_html",
            "tables",
            "def_list",
            "pymdownx.snippets",
            "pymdownx.arithmatex",
            "pymdownx.tilde",
            "pymdownx.caret",
            "pymdownx.mark",
        ],
        extension_configs={"pymdownx.snippets": {"base_path": [str(snippets)]}},
    )


def _words(value: str) -> str:
    return "".join(value.split())


@pytest.mark.parametrize("payload", _corpus())
def test_payload_stays_text_in_every_export(tmp_path: Path, payload: str) -> None:
    site, algos = _models(tmp_path, payload)
    (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")

    def out(fmt: str, lang: str = "zh") -> bytes:
        return export(site, algos, ExportRequest(fmt, lang)).data

    for lang in ("zh", "en"):
        html = out("privacy-html", lang).decode()
        problems, _ = scan(html)
        assert not problems, (lang, problems)

        md = out("privacy-md", lang).decode()
        commonmark = MarkdownIt("commonmark", {"html": True}).enable("table").render(md)
        python_md = _python_markdown(md, tmp_path)
        for rendered in (commonmark, python_md):
            problems, words = scan(rendered)
            assert not problems, (lang, problems)
            assert SECRET not in rendered
        # Escaping keeps the words: what the author typed is what readers see.
        _, cm_words = scan(commonmark)
        assert _words("before" if lang == "en" else "前") in _words(cm_words)
        assert "alert(1)" not in payload or "alert(1)" in cm_words

        for section in ("ai-privacy", "ai-agreement"):
            problems, _ = scan(out(f"{section}-html", lang).decode())
            assert not problems, (section, lang, problems)
            md = out(f"{section}-md", lang).decode()
            for rendered in (
                MarkdownIt("commonmark", {"html": True}).enable("table").render(md),
                _python_markdown(md, tmp_path),
            ):
                problems, _ = scan(rendered)
                assert not problems, (section, lang, problems)
                assert SECRET not in rendered

        text = out("privacy-txt", lang).decode()
        assert "前" in text or "before" in text
        words = "\n".join(
            p.text for p in docx.Document(io.BytesIO(out("privacy-docx", lang))).paragraphs
        )
        assert words

    # Plain-text and JSON outputs carry the text exactly; their consumers show it as text.
    notices = json.loads(out("notice-json"))["algorithms"][0]
    # Line breaks (e.g. from `&#10;`) are joined the notice's way; the characters stay.
    assert _words(notices["placements"][0]["text"]) == _words(plain_rich(f"前 {payload} 后"))
    json.loads(out("json"))


def test_literal_text_survives_escaping(tmp_path: Path) -> None:
    payload = "<script>alert(1)</script> [x](javascript:alert(1)) a|b {: x}"
    site, algos = _models(tmp_path, payload)
    md = export(site, algos, ExportRequest("privacy-md", "en")).data.decode()
    _, words = scan(MarkdownIt("commonmark").enable("table").render(md))
    assert "<script>alert(1)</script> [x](javascript:alert(1)) a|b {: x}" in words
    _, pm_words = scan(_python_markdown(md, tmp_path))
    assert "<script>alert(1)</script> [x](javascript:alert(1)) a|b {: x}" in pm_words


def test_emphasis_lists_and_safe_links_survive(tmp_path: Path) -> None:
    site, algo = load_base()
    algo["principles"] = {
        "zh": "算法会**预估**反应，见[说明](https://help.example.cn/a_(b))和*示例*："
        "\n\n- 第一\n- 第二\n",
    }
    content = write_content(tmp_path, site, [algo])
    checked = check_paths([content], CheckOptions(today=TODAY))
    assert checked.site is not None
    md = export(checked.site, checked.algorithms, ExportRequest("privacy-md")).data.decode()
    html = MarkdownIt("commonmark").render(md)
    assert "<strong>预估</strong>" in html and "<em>示例</em>" in html
    assert '<a href="https://help.example.cn/a_%28b%29">说明</a>' in html
    assert "<li>第一</li>" in html
    frag = export(checked.site, checked.algorithms, ExportRequest("privacy-html")).data.decode()
    assert "<strong>预估</strong>" in frag and 'href="https://help.example.cn/a_(b)"' in frag


def test_relative_links_become_absolute_or_text(tmp_path: Path) -> None:
    site, algo = load_base()
    algo["purpose"] = {"zh": "见[规则](/rules/a)。"}
    content = write_content(tmp_path, site, [algo])
    checked = check_paths([content], CheckOptions(today=TODAY))
    assert checked.site is not None
    base = checked.site.site.base_url.rstrip("/")
    for fmt in ("privacy-html", "privacy-md"):
        data = export(checked.site, checked.algorithms, ExportRequest(fmt)).data.decode()
        assert f"{base}/rules/a" in data and '"/rules/a"' not in data and "](/rules" not in data


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", {"zh": "</title><script>alert(1)</script>"}),
        ("filing", {"status": "filed", "number": "<script>"}),
    ],
)
def test_markup_in_names_is_refused(run_cli, tmp_path: Path, field: str, value: Any) -> None:
    site, algo = load_base()
    algo[field] = copy.deepcopy(value)
    write_content(tmp_path, site, [algo])
    result = run_cli(
        "export", "--format", "privacy-html", "--today", TODAY.isoformat(), cwd=tmp_path
    )
    assert result.exit_code == 1
    assert "DG-SCHEMA" in result.stderr and result.stdout == ""


def test_href_in_a_formula_is_refused(run_cli, tmp_path: Path) -> None:
    site, algo = load_base()
    algo["formulas"] = [
        {
            "id": "f",
            "title": {"zh": "公式"},
            "tex": r"\href{javascript:alert(1)}{x}",
            "text": {"zh": "文字"},
        }
    ]
    write_content(tmp_path, site, [algo])
    result = run_cli("export", "--format", "privacy-md", "--today", TODAY.isoformat(), cwd=tmp_path)
    assert result.exit_code == 1
    assert "DG-TEX" in result.stderr and result.stdout == ""
    forced = run_cli(
        "export",
        "--format",
        "privacy-html",
        "--allow-errors",
        "--today",
        TODAY.isoformat(),
        cwd=tmp_path,
    )
    assert forced.exit_code == 0
    problems, _ = scan(forced.stdout)
    assert not problems and "javascript" not in forced.stdout
