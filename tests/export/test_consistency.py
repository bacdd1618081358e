"""One model, one set of facts: site page, policy section (4 formats), notice and JSON agree.

For each demo algorithm the filing number, category, principles/purpose/mechanism text, the
control steps of every platform and the complaint response time must appear, word for word,
in every output. Whitespace is ignored (renderers wrap lines; Chinese has no spaces), and
Markdown is rendered first, so escaping does not hide a difference.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
from markdown_it import MarkdownIt
from support import ROOT, TODAY

from disclosure_gen.content.model.algorithm import Algorithm
from disclosure_gen.export.blocks import plain_rich
from disclosure_gen.export.common import items, page_url, tx

LANGS = ("zh", "en")


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.hidden += tag in ("script", "style")

    def handle_endtag(self, tag: str) -> None:
        self.hidden -= tag in ("script", "style")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def html_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return "".join(parser.parts)


def norm(value: str) -> str:
    return "".join(value.split())


def docx_text(data: bytes) -> str:
    word = docx.Document(io.BytesIO(data))
    cells = [c.text for t in word.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in word.paragraphs] + cells)


def assert_facts(text: str, algo: Algorithm, lang: str, where: str) -> None:
    """Every fact of ``algo`` appears in ``text`` (whitespace ignored), steps in order."""
    flat = norm(text)
    facts = {
        "filing number": algo.filing.number,
        "category": algo.category,
        "principles": plain_rich(tx(algo.principles, lang)),
        "purpose": plain_rich(tx(algo.purpose, lang)),
        "response time": algo.complaints.response_time.label(lang),
    }
    for i, m in enumerate(algo.mechanisms):
        facts[f"mechanism {i} title"] = tx(m.title, lang)
        facts[f"mechanism {i}"] = plain_rich(tx(m.description, lang))
    for name, value in facts.items():
        for line in value.split("\n"):
            assert norm(line) in flat, f"{where}: {algo.id} {name} missing: {line[:60]}"
    uc = algo.user_controls
    controls = [uc.personalisation, uc.tag_select, uc.tag_delete, uc.not_interested, uc.push_optout]
    for control in (c for c in controls if c is not None):
        for path in control.paths:
            at = 0
            for step in items(path.steps, lang):
                found = flat.find(norm(step), at)
                assert found >= 0, f"{where}: {algo.id} {path.platform} step {step!r} missing"
                at = found + len(norm(step))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("fmt", ["privacy-md", "privacy-html", "privacy-txt", "privacy-docx"])
def test_policy_section_formats(render_demo, demo, fmt: str, lang: str) -> None:
    data = render_demo(fmt, lang=lang)
    if fmt == "privacy-md":
        text = html_text(MarkdownIt("commonmark").enable("table").render(data.decode()))
    elif fmt == "privacy-html":
        text = html_text(data.decode())
    elif fmt == "privacy-docx":
        text = docx_text(data)
    else:
        text = data.decode()
    for algo in demo[1]:
        assert_facts(text, algo, lang, f"{fmt}/{lang}")


@pytest.mark.parametrize("lang", LANGS)
def test_notice(render_demo, demo, lang: str) -> None:
    text = render_demo("notice-txt", lang=lang).decode()
    records = json.loads(render_demo("notice-json", lang=lang))["algorithms"]
    for algo, rec in zip(demo[1], records, strict=True):
        one = text[text.index(f"（{algo.id}）" if lang == "zh" else f"({algo.id})") :]
        one = one[: one.find("=" * 40, one.find("=" * 40) + 40)] if one.count("=" * 40) > 1 else one
        assert_facts(one, algo, lang, f"notice-txt/{lang}")
        assert_facts(json.dumps(rec, ensure_ascii=False), algo, lang, f"notice-json/{lang}")
        assert rec["filing_number"] == algo.filing.number
        assert rec["detail"]["complaints"]["response_time"] == algo.complaints.response_time.label(
            lang
        )


@pytest.mark.parametrize("lang", LANGS)
def test_catalogue_json(render_demo, demo, lang: str) -> None:
    data = json.loads(render_demo("json"))
    for algo, rec in zip(demo[1], data["algorithms"], strict=True):
        flat = json.dumps(rec, ensure_ascii=False)
        assert_facts(flat, algo, lang, f"json/{lang}")
        assert rec["principles"]["plain"][lang] == plain_rich(tx(algo.principles, lang))
        assert rec["complaints"]["response_time"]["label"][lang] == (
            algo.complaints.response_time.label(lang)
        )


@pytest.fixture(scope="module")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo site, built by `disclosure-gen build` in a copy of the project."""
    try:
        import disclosure_gen.site.build  # noqa: F401
    except ImportError:
        pytest.skip("the site pipeline (disclosure_gen.site.build) has not landed yet")
    project = tmp_path_factory.mktemp("consistency") / "project"
    project.mkdir()
    shutil.copytree(ROOT / "content", project / "content")
    if (ROOT / "mkdocs.yml").is_file():
        shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from disclosure_gen.cli import main; main()",
            "build",
            "--today",
            TODAY.isoformat(),
        ],
        cwd=project,
        env=dict(os.environ),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


@pytest.mark.parametrize("lang", LANGS)
def test_site_page_and_links(built_site: Path, demo, lang: str) -> None:
    site = demo[0]
    for algo in demo[1]:
        # The exports link to the page at this address; the site must have built it there.
        rel = page_url(site, algo.id, lang).removeprefix(site.site.base_url.rstrip("/") + "/")
        page = built_site / rel / "index.html"
        assert page.is_file(), f"exports link to {rel}, which the site does not have"
        assert_facts(html_text(page.read_text(encoding="utf-8")), algo, lang, f"site/{rel}")


# -- AI features: the same models, numbers, labels, clause and report channel everywhere --------


def ai_facts(
    algo: Algorithm, lang: str, *, clause: bool, audience: bool, models: bool = True
) -> dict[str, str]:
    """The facts of one AI feature that a document must repeat word for word.

    Every document names the labels and the report channel; the privacy section, the pages and
    the JSON also the filing number, models and audience; the agreement, the pages and the JSON
    the clause.
    """
    gen = algo.generative
    assert gen is not None
    facts: dict[str, str] = {}
    if models:
        facts["filing number"] = algo.filing.number
        for i, model in enumerate(gen.models):
            facts[f"model {i}"] = tx(model.name, lang)
            facts[f"model {i} number"] = model.number
    for i, label in enumerate(gen.labels.explicit):
        facts[f"label {i}"] = tx(label.wording, lang)
    channel = gen.reporting or algo.complaints
    facts["report response time"] = channel.response_time.label(lang)
    if audience:
        for key in ("users", "occasions", "uses", "minors"):
            facts[f"audience {key}"] = plain_rich(tx(getattr(gen.audience, key), lang))
    if clause and gen.agreement is not None:
        facts["clause"] = plain_rich(tx(gen.agreement.clause, lang))
        facts["prompt"] = plain_rich(tx(gen.agreement.prompt, lang))
    return facts


def assert_ai_facts(text: str, facts: dict[str, str], where: str) -> None:
    flat = norm(text)
    for name, value in facts.items():
        for line in value.split("\n"):
            assert norm(line) in flat, f"{where}: {name} missing: {line[:60]}"


def _document_text(fmt: str, data: bytes) -> str:
    if fmt.endswith("-md"):
        return html_text(MarkdownIt("commonmark").enable("table").render(data.decode()))
    if fmt.endswith("-html"):
        return html_text(data.decode())
    if fmt.endswith("-docx"):
        return docx_text(data)
    return data.decode()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", ["md", "html", "txt", "docx"])
@pytest.mark.parametrize("section", ["ai-privacy", "ai-agreement"])
def test_ai_sections(render_demo, demo, section: str, kind: str, lang: str) -> None:
    fmt = f"{section}-{kind}"
    text = _document_text(fmt, render_demo(fmt, lang=lang))
    features = [a for a in demo[1] if a.generative is not None]
    assert features, "the demo needs AI features for this test to mean anything"
    for algo in features:
        privacy = section == "ai-privacy"
        facts = ai_facts(algo, lang, clause=not privacy, audience=privacy, models=privacy)
        assert_ai_facts(text, facts, f"{fmt}/{lang} {algo.id}")


@pytest.mark.parametrize("lang", LANGS)
def test_ai_facts_in_the_catalogue_json(render_demo, demo, lang: str) -> None:
    records = {r["id"]: r for r in json.loads(render_demo("json"))["algorithms"]}
    for algo in (a for a in demo[1] if a.generative is not None):
        record = records[algo.id]
        assert_ai_facts(
            json.dumps(record, ensure_ascii=False),
            ai_facts(algo, lang, clause=True, audience=True),
            f"json/{lang} {algo.id}",
        )
        assert "labelling_materials" not in record["generative"]


@pytest.mark.parametrize("lang", LANGS)
def test_ai_facts_on_the_feature_pages_and_the_label_page(
    built_site: Path, demo, lang: str
) -> None:
    site = demo[0]
    prefix = "en/" if lang == "en" else ""
    labels_page = html_text((built_site / prefix / "ai-labels" / "index.html").read_text("utf-8"))
    for algo in (a for a in demo[1] if a.generative is not None):
        rel = page_url(site, algo.id, lang).removeprefix(site.site.base_url.rstrip("/") + "/")
        page = html_text((built_site / rel / "index.html").read_text(encoding="utf-8"))
        facts = ai_facts(algo, lang, clause=True, audience=True)
        assert_ai_facts(page, facts, f"site/{rel}")
        on_labels_page = ai_facts(algo, lang, clause=True, audience=False, models=False)
        assert_ai_facts(labels_page, on_labels_page, f"site/{prefix}ai-labels/ {algo.id}")
