"""Chromium through Playwright for the hardening and security tests (design §4.11).

Debian's chromium via ``executable_path`` (never ``playwright install``), the site served from
127.0.0.1 on an ephemeral port. Import as ``hardening.browser_support`` from both test folders.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

CHROMIUM = shutil.which("chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
#: Scripts a built page may load: the theme's bundle and our explorable widget.
ALLOWED_SCRIPT = r"/assets/(javascripts/bundle\.[0-9a-f]{8,}\.min\.js|dg/explorable\.js)$"

#: Reads the live DOM after the theme's scripts ran: whatever could run script or load a page.
LIVE_SCAN = r"""
(allowed) => {
  const out = [];
  const okScript = new RegExp(allowed);
  const urlAttrs = ["href", "src", "action", "formaction", "xlink:href", "data", "poster"];
  for (const el of document.querySelectorAll("*")) {
    const tag = el.tagName.toLowerCase();
    const embeds = ["iframe", "frame", "object", "embed", "applet", "base"];
    if (embeds.includes(tag)) out.push("<" + tag + ">");
    for (const a of el.attributes) {
      const name = a.name.toLowerCase();
      if (name.startsWith("on")) out.push("<" + tag + " " + name + ">");
      if (name === "srcdoc") out.push("<" + tag + " srcdoc>");
      if (urlAttrs.includes(name)) {
        const v = a.value.replace(/[\u0000-\u0020\u007f]/g, "").toLowerCase();
        if (/^(javascript|data|vbscript):/.test(v)) {
          out.push("<" + tag + " " + name + "=" + a.value.slice(0, 60) + ">");
        }
      }
    }
  }
  for (const s of document.scripts) {
    if (s.src && !okScript.test(new URL(s.src).pathname)) out.push("<script src=" + s.src + ">");
    if (!s.src) out.push(["inline", s.id, s.type, s.textContent].join("\u0000"));
  }
  return out;
}
"""


def live_problems(page: Page) -> list[str]:
    """LIVE_SCAN on ``page``: every script element beyond the theme's and ours, and the rest.

    Inline scripts are the theme's when their text matches one of Material's templates (read
    from the installed theme) or when they are its one JSON ``#__config``.
    """
    from disclosure_gen.site.postcheck import theme_inline_scripts

    out = []
    configs = 0
    for found in page.evaluate(LIVE_SCAN, ALLOWED_SCRIPT):
        if not found.startswith("inline\u0000"):
            out.append(found)
            continue
        _, ident, kind, body = found.split("\u0000", 3)
        if kind == "application/json" and ident == "__config":
            configs += 1
            if configs == 1:
                continue
        if not any(p.fullmatch(body.strip()) for p in theme_inline_scripts()):
            out.append(f"inline <script>: {body.strip()[:80]!r}")
    return out


def require_chromium() -> str:
    """The chromium path; skips without CI, fails under CI, when it is missing."""
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("CI is set but chromium is missing")
        pytest.skip("chromium is not installed (browser tests run under CI)")
    return CHROMIUM


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A navigation cancels the previous page's pending requests: broken pipes are normal.
        pass


@contextmanager
def serve(root: Path) -> Iterator[str]:
    """Serve ``root`` on 127.0.0.1:<ephemeral>; yields the base URL."""
    server = _Server(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def chromium() -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    path = require_chromium()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Watch:
    """Dialogs, script errors and requests to other hosts seen on one tab."""

    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    hosts: set[str] = field(default_factory=set)


#: What the theme gets instead of the search index in page sweeps: a valid, empty index.
EMPTY_INDEX = json.dumps(
    {
        "config": {
            "lang": ["en"],
            "separator": "[\\s\\-]+",
            "pipeline": [],
            "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}, "tags": {"boost": 1e6}},
        },
        "docs": [],
    }
)


def watched_page(browser: Browser, *, block_search: bool = False) -> tuple[Page, Watch]:
    """A tab that records dialogs, script errors and requests to hosts other than 127.0.0.1.

    ``block_search`` answers the search index with an empty one: the real index is megabytes
    that the theme parses on every page load, and search has its own tests.
    """
    from urllib.parse import urlsplit

    watch = Watch()
    page = browser.new_context().new_page()

    def on_dialog(dialog: Any) -> None:
        watch.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def on_request(request: Any) -> None:
        host = urlsplit(request.url).hostname
        if host != "127.0.0.1":
            watch.hosts.add(host or request.url[:40])

    page.on("dialog", on_dialog)
    page.on("pageerror", lambda exc: watch.errors.append(str(exc)))
    page.on("request", on_request)
    if block_search:
        page.route(
            "**/search/search_index.json",
            lambda route: route.fulfill(body=EMPTY_INDEX, content_type="application/json"),
        )
    return page, watch


def site_pages(root: Path) -> list[str]:
    """URL paths of every HTML page of a built site (``x/index.html`` → ``x/``)."""
    out = []
    for path in sorted(root.rglob("*.html")):
        rel = path.relative_to(root).as_posix()
        out.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return out


def sweep(browser: Browser, base_url: str, paths: list[str]) -> tuple[Watch, dict[str, list[str]]]:
    """Open every path with a dialog handler; returns what was seen and live-DOM problems."""
    page, watch = watched_page(browser, block_search=True)
    problems: dict[str, list[str]] = {}
    try:
        for path in paths:
            page.goto(base_url + path, wait_until="load")
            found = live_problems(page)
            if found:
                problems[path] = found
    finally:
        page.context.close()
    return watch, problems
