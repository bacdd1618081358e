"""The built site in Chromium: accessibility, formulas, charts, search, widgets, no other hosts.

Design §4.11 and §5: Debian's chromium through Playwright (never `playwright install`), the site
served from 127.0.0.1 on an ephemeral port, axe-core with no serious or critical violations.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sitekit import TODAY, cli
from support import ROOT, load_base, set_path, write_content

from disclosure_gen.site.postcheck import postcheck

CHROMIUM = shutil.which("chromium")
if CHROMIUM is None and not os.environ.get("CI"):
    pytest.skip("chromium is not installed (browser tests run under CI)", allow_module_level=True)

from axe_playwright_python.sync_playwright import Axe  # noqa: E402
from playwright.sync_api import Browser, ConsoleMessage, Page, Route, sync_playwright  # noqa: E402

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
FEED = "algorithms/feed-recommendation/"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _serve(root: Path) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert CHROMIUM is not None, "CI is set but chromium is missing"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def demo_url(demo_project: Path) -> Iterator[str]:
    server, url = _serve(demo_project / "site")
    yield url
    server.shutdown()
    server.server_close()


class Watched:
    """A page whose every request and console error is recorded."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.hosts: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.route("**/*", self._route)
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        page.on("dialog", self._dialog)

    def _route(self, route: Route) -> None:
        url = urlsplit(route.request.url)
        self.hosts.append(url.hostname or url.scheme)
        if url.hostname == "127.0.0.1":
            route.continue_()
        else:
            route.abort()

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(message.text)

    def _dialog(self, dialog) -> None:  # type: ignore[no-untyped-def]
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def check_clean(self) -> None:
        assert self.hosts and set(self.hosts) == {"127.0.0.1"}, sorted(set(self.hosts))
        assert self.errors == []
        assert self.dialogs == []


@pytest.fixture
def watched(browser: Browser) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield Watched(page)
    context.close()


def _axe_serious(page: Page) -> list[str]:
    result = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in result.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize(
    "path",
    ["", "categories/personalised-push/", FEED, "controls/", "en/" + FEED],
)
def test_pages_have_no_serious_axe_violations(watched: Watched, demo_url: str, path: str) -> None:
    watched.page.goto(demo_url + path)
    watched.page.wait_for_load_state("networkidle")
    assert _axe_serious(watched.page) == []
    watched.check_clean()


def test_algorithm_page_renders_formulas_charts_and_filing(watched: Watched, demo_url: str) -> None:
    page = watched.page
    page.goto(demo_url + FEED)
    assert page.locator("html").get_attribute("lang") == "zh-CN"
    katex = page.locator("article .katex")
    assert katex.count() > 0
    assert page.locator("article .katex .katex-mathml math").count() == katex.count()
    diagram = page.locator("article img[src*='pipeline.zh.svg']")
    diagram.scroll_into_view_if_needed()
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=diagram.element_handle()
    )
    assert re.search(r"[\u4e00-\u9fff]", diagram.get_attribute("alt") or "")
    assert page.get_by_text("网信算备330106987654302240013号").first.is_visible()
    page.wait_for_load_state("networkidle")
    watched.check_clean()


def test_english_page_is_marked_english(watched: Watched, demo_url: str) -> None:
    watched.page.goto(demo_url + "en/" + FEED)
    assert watched.page.locator("html").get_attribute("lang") == "en"
    assert watched.page.locator('link[rel=alternate][hreflang="zh-CN"]').count() == 1
    assert watched.page.locator("input.md-search__input").get_attribute("placeholder") == "Search"
    watched.page.wait_for_load_state("networkidle")
    watched.check_clean()


def test_controls_page_shows_the_steps(watched: Watched, demo_url: str) -> None:
    page = watched.page
    page.goto(demo_url + "controls/")
    steps = page.locator("article .dg-steps")
    assert steps.count() > 0
    assert steps.first.is_visible()
    assert "个性化内容推荐" in page.locator("article").inner_text()
    watched.check_clean()


def test_explorable_slider_changes_the_result(watched: Watched, demo_url: str) -> None:
    page = watched.page
    page.goto(demo_url + FEED)
    # The script turns the static table into a form of sliders with its own live result.
    result = page.locator("article .dg-explorable form .dg-explorable__result").first
    slider = page.locator("article .dg-explorable form input[type=range]").first
    slider.scroll_into_view_if_needed()
    before = result.inner_text()
    slider.focus()
    slider.press("ArrowRight")
    page.wait_for_function(
        "([el, old]) => el.textContent !== old", arg=[result.element_handle(), before]
    )
    assert result.inner_text() != before
    watched.check_clean()


def _search(page: Page, query: str) -> list[str]:
    """Type as Material expects (fill, then a key press); retry while its worker loads."""
    box = page.locator(".md-search__input")
    for _ in range(60):
        box.fill(query)
        box.press("End")
        page.wait_for_timeout(250)
        hrefs = page.locator(".md-search-result__item a").evaluate_all(
            "els => els.map(e => e.getAttribute('href'))"
        )
        if hrefs:
            return hrefs
    return []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("推荐", "/" + FEED),
        ("ranking", "/en/algorithms/search-ranking/"),
        ("recommendations", "/en/" + FEED),
    ],
)
def test_search_finds_the_page(watched: Watched, demo_url: str, query: str, expected: str) -> None:
    watched.page.goto(demo_url)
    hrefs = [urlsplit(h).path for h in _search(watched.page, query)]
    assert expected in hrefs, hrefs
    watched.check_clean()


PAYLOADS = (
    "<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)> "
    "{: onclick=alert(1)} [y](jav&#x61;script:alert(1)) "
    "[z](data:text/html,<script>alert(1)</script>)"
)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site, algo = load_base()
    for field in ("summary", "principles", "purpose", "scenarios", "diversity"):
        set_path(algo, f"{field}.zh", f"说明 {PAYLOADS}")
        set_path(algo, f"{field}.en", f"Text {PAYLOADS}")
    set_path(algo, "mechanisms[0].description.zh", f"读取 {PAYLOADS}")
    set_path(algo, "inputs[0].source.zh", "<img src=x onerror=alert(1)>")
    set_path(
        algo,
        "formulas",
        [
            {
                "id": "score",
                "title": {"zh": "得分 </title><script>alert(1)</script>", "en": "Score"},
                "tex": r"S = \text{<img src=x onerror=alert(1)>} + x",
                "text": {"zh": f"得分 {PAYLOADS}", "en": "Score"},
            }
        ],
    )
    project = tmp_path_factory.mktemp("hostile") / "p"
    write_content(project, site, [algo])
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    result = cli(project, "build", "--today", TODAY, "--allow-errors")
    assert result.returncode == 0, result.stderr
    return project / "site"


def test_hostile_text_is_inert_in_the_built_html(hostile_site: Path) -> None:
    assert postcheck(hostile_site, allowed_scripts=["assets/dg/explorable.js"]) == []
    for path in hostile_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert "<script>alert" not in html, path
        assert not re.search(r"<[^>]+\son[a-z]+\s*=", html, re.IGNORECASE), path
        assert not re.search(r"""href=["']?\s*(javascript|data):""", html, re.IGNORECASE), path


def test_hostile_page_runs_no_script_in_chromium(browser: Browser, hostile_site: Path) -> None:
    server, url = _serve(hostile_site)
    context = browser.new_context()
    try:
        page = context.new_page()
        watched = Watched(page)
        for path in ("", "algorithms/base/", "en/algorithms/base/"):
            page.goto(url + path)
            page.wait_for_load_state("networkidle")
            for link in page.locator("article a").all():
                href = link.get_attribute("href") or ""
                assert not href.strip().lower().startswith(("javascript:", "data:")), href
        assert watched.dialogs == []
        assert watched.errors == []
    finally:
        context.close()
        server.shutdown()
        server.server_close()


def test_name_with_markup_is_refused_by_the_check(tmp_path: Path) -> None:
    site, algo = load_base()
    set_path(algo, "name.zh", "示例</title><script>alert(1)</script>")
    project = tmp_path / "p"
    write_content(project, site, [algo])
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    result = cli(project, "build", "--today", TODAY)
    assert result.returncode == 1
    assert "DG-SCHEMA" in result.stderr
    assert not (project / "site").exists()
