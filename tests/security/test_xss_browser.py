"""The hostile build in Chromium: every page opens without a dialog, script error or active DOM.

The static scans read the HTML; this reads what the browser made of it after the theme's
scripts ran, and listens for ``alert``/``confirm``/``prompt`` (every payload calls one).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hardening.browser_support import (
    chromium,
    live_problems,
    serve,
    site_pages,
    sweep,
    watched_page,
)
from security_support import Hostile

pytestmark = pytest.mark.usefixtures("hostile")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with chromium() as b:
        yield b


@pytest.fixture(scope="module")
def hostile_url(hostile: Hostile) -> Iterator[str]:
    with serve(hostile.site) as url:
        yield url


def test_the_dialog_listener_hears_a_dialog(browser, hostile_url: str) -> None:  # type: ignore[no-untyped-def]
    # The control: without it, "no dialog" below could mean a deaf listener.
    page, watch = watched_page(browser)
    page.goto(hostile_url, wait_until="load")
    page.evaluate("() => { alert('canary'); }")
    page.context.close()
    assert watch.dialogs == ["alert: canary"]


def test_every_hostile_page_opens_without_a_dialog(  # type: ignore[no-untyped-def]
    browser, hostile: Hostile, hostile_url: str
) -> None:
    paths = site_pages(hostile.site)
    assert len(paths) >= 2 * len(hostile.payloads)
    watch, problems = sweep(browser, hostile_url, paths)
    print(f"\nChromium: {len(paths)} pages of the hostile build, {len(watch.dialogs)} dialogs")
    assert watch.dialogs == []
    assert problems == {}
    assert watch.errors == []
    assert watch.hosts == set()


@pytest.mark.parametrize("query", ["alert", "onerror", "script"])
def test_search_results_for_payload_words_run_nothing(  # type: ignore[no-untyped-def]
    browser, hostile_url: str, query: str
) -> None:
    page, watch = watched_page(browser)
    try:
        page.goto(hostile_url, wait_until="load")
        box = page.locator(".md-search__input")
        count = 0
        for _ in range(80):  # the search worker indexes a few MB first
            box.fill(query)
            box.press("End")
            page.wait_for_timeout(250)
            count = page.locator(".md-search-result__item").count()
            if count:
                break
        assert count > 0, "the search showed no results"
        page.wait_for_timeout(300)
        assert live_problems(page) == []
    finally:
        page.context.close()
    assert watch.dialogs == [] and watch.errors == []


def test_typing_every_payload_into_the_search_box_runs_nothing(  # type: ignore[no-untyped-def]
    browser, hostile: Hostile, hostile_url: str
) -> None:
    # Material renders each result with the query's words marked (search.highlight is on):
    # the payload text is the query here, typed, then a key pressed (design §5).
    page, watch = watched_page(browser)
    shown: dict[str, int] = {}
    problems: dict[str, list[str]] = {}
    try:
        page.goto(hostile_url, wait_until="load")
        box = page.locator(".md-search__input")
        for _ in range(80):  # wait for the search worker: a word query shows results
            box.fill("alert")
            box.press("End")
            page.wait_for_timeout(250)
            if page.locator(".md-search-result__item").count():
                break
        for payload in hostile.payloads:
            box.fill(payload.text)
            box.press("End")
            page.wait_for_timeout(120)
            shown[payload.id] = page.locator(".md-search-result__item").count()
            found = live_problems(page)
            if found:
                problems[payload.id] = found
        page.wait_for_timeout(500)
    finally:
        page.context.close()
    with_results = sum(1 for n in shown.values() if n)
    print(f"\nSearch box: {len(shown)} payloads typed, {with_results} showed results, dialogs 0")
    assert len(shown) == len(hostile.payloads)
    assert with_results > 0  # the results list was drawn for payload queries
    assert problems == {}
    assert watch.dialogs == [] and watch.errors == [] and watch.hosts == set()
