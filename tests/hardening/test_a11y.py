"""Accessibility of every page type, and every demo page opened in Chromium without a dialog.

axe-core (through Playwright) runs on one page of each type, in both languages where the type
has both; the static checks (one h1, no skipped heading level, alt text, ``lang``) read every
page of the build. tests/site/test_browser.py keeps its own five-page axe smoke test.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
from hardening.browser_support import chromium, serve, site_pages, sweep, watched_page
from hardening.site_scan import read_site

FEED = "algorithms/feed-recommendation/"
#: One page of each type (paths on the demo site); English twins are added below.
PAGE_TYPES = {
    "home": "",
    "category": "categories/personalised-push/",
    "algorithm": FEED,
    "archive": FEED + "v1-0/",
    "controls": "controls/",
    "complaints": "complaints/",
    "changelog": "changelog/",
    "filing": "filing/",
    "ai-feature": "algorithms/ai-cover-generator/",
    "ai-labels": "ai-labels/",
    "404": "404.html",
}


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with chromium() as b:
        yield b


@pytest.fixture(scope="module")
def demo_url(demo_site: Path) -> Iterator[str]:
    with serve(demo_site) as url:
        yield url


def _types() -> list[tuple[str, str]]:
    out = []
    for kind, path in PAGE_TYPES.items():
        out.append((kind, path))
        if kind != "404":
            out.append((f"{kind} (en)", "en/" + path))
    return out


def test_every_page_type_exists(demo_site: Path) -> None:
    for kind, path in _types():
        file = demo_site / (path if path.endswith(".html") else path + "index.html")
        assert file.is_file(), (kind, path)


@pytest.mark.parametrize(("kind", "path"), _types(), ids=[k for k, _ in _types()])
def test_axe_finds_nothing_serious(browser, demo_url: str, kind: str, path: str) -> None:  # type: ignore[no-untyped-def]
    from axe_playwright_python.sync_playwright import Axe

    page, watch = watched_page(browser)
    try:
        page.goto(demo_url + path, wait_until="load")
        page.wait_for_load_state("networkidle")
        result = Axe().run(page)
    finally:
        page.context.close()
    serious = [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in result.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
    assert watch.dialogs == [] and watch.hosts == set()


def test_headings_alt_text_and_languages_on_every_page(demo_site: Path) -> None:
    pages = read_site(demo_site)
    images = 0
    for rel, page in pages.items():
        assert page.lang == ("en" if rel.startswith("en/") else "zh-CN"), (rel, page.lang)
        levels = [level for level, _ in page.headings]
        assert levels.count(1) == 1 and levels[0] == 1, (rel, page.headings[:3])
        for before, after in itertools.pairwise(levels):
            assert after <= before + 1, f"{rel}: h{before} → h{after}"
        assert all(text for _, text in page.headings), rel
        for tag, attrs in page.tags:
            if tag == "img":
                images += 1
                hidden = attrs.get("aria-hidden") == "true" or attrs.get("role") == "presentation"
                assert hidden or attrs.get("alt", "").strip(), (rel, attrs.get("src"))
            # Text marked as another language inside a page says which (untranslated Chinese).
            if "lang" in attrs and tag != "html":
                assert attrs["lang"] in ("zh-CN", "en"), (rel, tag, attrs["lang"])
    assert images >= 8
    print(f"\nAccessibility: {len(pages)} pages read; axe on {len(_types())} page types")


def test_every_demo_page_opens_without_a_dialog(browser, demo_site: Path, demo_url: str) -> None:  # type: ignore[no-untyped-def]
    paths = site_pages(demo_site)
    watch, problems = sweep(browser, demo_url, paths)
    print(f"\nChromium: {len(paths)} pages of the demo build, {len(watch.dialogs)} dialogs")
    assert watch.dialogs == [] and problems == {} and watch.errors == []
    assert watch.hosts == set()
