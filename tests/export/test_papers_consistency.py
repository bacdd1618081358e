"""The papers say what the site and the privacy section say (test_consistency.py, for the papers).

For each paper, in Markdown (rendered) and DOCX, every algorithm it covers must carry its facts
word for word: category, filing number, scenarios, principles, purpose, mechanisms, data
categories, notice, control effects and steps in order, response time, complaint entry, minors,
worker and pricing texts — those the paper prefills. Each of those facts must also be on the
algorithm's page of the built site, and those the privacy section states must be there too.
Provider and privacy facts from site.yaml are checked against the site's home and complaints
pages and the privacy section. The self-assessment's annex must equal the filing text.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import test_consistency
from markdown_it import MarkdownIt
from test_consistency import docx_text, html_text, norm

from disclosure_gen.content.model.algorithm import Algorithm
from disclosure_gen.export.blocks import plain_rich
from disclosure_gen.export.common import controls, items, page_url
from disclosure_gen.export.filing import filing_sheet

PAPERS = ("self-assessment", "responsibility", "pia")
#: The demo site, built once for this module by the fixture of test_consistency.py.
built_site = test_consistency.built_site
#: Facts the privacy section states as well (the rest are on the site only), by key prefix.
IN_PRIVACY = (
    "category",
    "filing number",
    "scenarios",
    "principles",
    "purpose",
    "mechanism",
    "input",
    "effect",
    "steps",
    "response time",
    "complaint entry",
)
#: Facts each paper prefills, by key prefix (see ``facts``); the self-assessment has them all.
SHOWN = {
    "self-assessment": None,
    "pia": (*(k for k in IN_PRIVACY if k != "filing number"), "minors protections", "pricing"),
    "responsibility": (
        "category",
        "filing number",
        "input personal",
        "notice",
        "effect",
        "response time",
        "complaint entry",
        "minors protections",
    ),
}


def facts(algo: Algorithm) -> dict[str, tuple[str, ...]]:
    """Key → the texts (in order) that must appear wherever that fact is stated."""
    out: dict[str, tuple[str, ...]] = {
        "category": (algo.category,),
        "scenarios": (plain_rich(algo.scenarios.zh),),
        "principles": (plain_rich(algo.principles.zh),),
        "purpose": (plain_rich(algo.purpose.zh),),
        "response time": (algo.complaints.response_time.label("zh"),),
        "complaint entry": (plain_rich(algo.complaints.entry.zh),),
        "notice": (plain_rich(algo.notice.text.zh),),
    }
    if algo.filing.number:
        out["filing number"] = (algo.filing.number,)
    for n, m in enumerate(algo.mechanisms):
        out[f"mechanism {n}"] = (m.title.zh, plain_rich(m.description.zh))
    for n, i in enumerate(algo.inputs):
        out[f"input {'personal' if i.personal else 'other'} {n}"] = (i.category.zh,)
    for key, _label, control in controls(algo, "zh"):
        if control.effect:
            out[f"effect {key}"] = (plain_rich(control.effect.zh),)
        for path in control.paths:
            out[f"steps {key} {path.platform}"] = items(path.steps, "zh")
    if algo.minors is not None:
        out["minors protections"] = (plain_rich(algo.minors.protections.zh),)
    if algo.workers is not None:
        out["workers"] = (plain_rich(algo.workers.order_allocation.zh),)
    if algo.pricing is not None:
        out["pricing"] = (plain_rich(algo.pricing.description.zh),)
    return out


def shown(algo: Algorithm, paper: str) -> dict[str, tuple[str, ...]]:
    """The facts of ``algo`` that ``paper`` prefills."""
    keep = SHOWN[paper]
    return {k: v for k, v in facts(algo).items() if keep is None or k.startswith(keep)}


def assert_in(text: str, wanted: dict[str, tuple[str, ...]], where: str) -> None:
    """Each fact's texts appear in ``text`` in order (whitespace ignored)."""
    flat = norm(text)
    for name, parts in wanted.items():
        at = 0
        for part in parts:
            for line in part.split("\n"):
                found = flat.find(norm(line), at)
                assert found >= 0, f"{where}: {name} missing: {line[:60]}"
                at = found + len(norm(line))


def paper_text(render_demo, paper: str, kind: str) -> str:
    data = render_demo(f"{paper}-{kind}")
    if kind == "docx":
        return docx_text(data)
    return html_text(MarkdownIt("commonmark").enable("table").render(data.decode()))


def covered(paper: str, algorithms: tuple[Algorithm, ...]) -> tuple[Algorithm, ...]:
    if paper != "pia":
        return algorithms
    return tuple(a for a in algorithms if any(i.personal for i in a.inputs))


@pytest.mark.parametrize("kind", ["md", "docx"])
@pytest.mark.parametrize("paper", PAPERS)
def test_papers_state_each_algorithms_facts(render_demo, demo, paper: str, kind: str) -> None:
    text = paper_text(render_demo, paper, kind)
    for algo in covered(paper, demo[1]):
        assert_in(text, shown(algo, paper), f"{paper}-{kind}/{algo.id}")
        if paper == "responsibility":
            assert page_url(demo[0], algo.id) in text


@pytest.mark.parametrize("paper", PAPERS)
def test_what_the_papers_state_is_on_the_site_and_in_the_privacy_section(
    built_site: Path, render_demo, demo, paper: str
) -> None:
    site = demo[0]
    privacy = html_text(
        MarkdownIt("commonmark").enable("table").render(render_demo("privacy-md").decode())
    )
    for algo in covered(paper, demo[1]):
        rel = page_url(site, algo.id).removeprefix(site.site.base_url.rstrip("/") + "/")
        page = html_text((built_site / rel / "index.html").read_text(encoding="utf-8"))
        wanted = shown(algo, paper)
        assert_in(page, wanted, f"site/{rel} for {paper}")
        stated = {k: v for k, v in wanted.items() if k.startswith(IN_PRIVACY)}
        assert_in(privacy, stated, f"privacy-md for {paper}/{algo.id}")


def test_provider_and_privacy_facts_match_the_site(built_site: Path, render_demo, demo) -> None:
    site = demo[0]
    home = html_text((built_site / "index.html").read_text(encoding="utf-8"))
    complaints = html_text((built_site / "complaints" / "index.html").read_text(encoding="utf-8"))
    privacy = html_text(
        MarkdownIt("commonmark").enable("table").render(render_demo("privacy-md").decode())
    )
    provider = {
        "provider": (site.provider.name.zh,),
        "about": (plain_rich(site.provider.about.zh),),
    }
    channel = {
        "entry": (plain_rich(site.complaints.entry.zh),),
        "process": (plain_rich(site.complaints.process.zh),),
        "response time": (site.complaints.response_time.label("zh"),),
    }
    rules = {
        "retention": (plain_rich(site.privacy.retention.zh),),
        "rights": (plain_rich(site.privacy.rights.zh),),
    }
    assert_in(home, provider, "site home")
    assert_in(complaints, channel, "site complaints page")
    assert_in(privacy, {**channel, **rules}, "privacy-md")
    responsibility = paper_text(render_demo, "responsibility", "md")
    assert_in(responsibility, {**provider, **channel, **rules}, "responsibility-md")
    pia = paper_text(render_demo, "pia", "docx")
    assert_in(pia, {"provider": provider["provider"], **channel, **rules}, "pia-docx")


def test_the_annex_is_the_filing_text(render_demo, demo) -> None:
    filing = render_demo("filing-txt").decode()
    text = paper_text(render_demo, "self-assessment", "md")
    for algo in demo[1]:
        for row in filing_sheet(algo).rows:
            assert f"【{row.label}】（{row.chars} 字）" in filing
            assert f"{row.label}（{row.chars} 字）" in text
            assert norm(row.text) in norm(text)
